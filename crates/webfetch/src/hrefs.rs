//! A page's links as areq.py finds them: `HREF_RE.findall(html)`, with
//! `HREF_RE = re.compile(r'href="(.*?)"')`.

/// What the regex `href="(.*?)"` finds in `html`, in order: the literal `href="`, then the
/// shortest run of characters up to the next `"`. So no `HREF=`, no single quotes, no value
/// split over two lines (`.` stops at a newline), and a `data-href="..."` counts too.
///
/// The regex spelled out as a plain search: running the regex took half of areq's time.
pub fn hrefs(html: &str) -> impl Iterator<Item = &str> {
    const OPEN: &str = "href=\"";
    let mut rest = html;
    std::iter::from_fn(move || {
        loop {
            let value = &rest[rest.find(OPEN)? + OPEN.len()..];
            // Neither a quote nor a newline after it: no match here, nor anywhere later.
            let end = value.find(['"', '\n'])?;
            rest = &value[end + 1..];
            if value.as_bytes()[end] == b'"' {
                return Some(&value[..end]);
            }
            // A newline first: the regex finds nothing at this `href="` and searches on. No
            // other `href="` can start before the newline: its quote would have ended this one.
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::Url;

    #[test]
    fn the_regex_finds_what_the_original_finds() {
        let html = concat!(
            r#"<a href="a.html">a</a> <a href="a.html">again</a> <a HREF="upper.html">"#,
            r#"<a href='single.html'> <span data-href="data.html"> <a href="split"#,
            "\n",
            r#".html"> <a href="">empty</a> <a href = "spaced.html">"#,
        );
        let found: Vec<&str> = hrefs(html).collect();
        assert_eq!(found, ["a.html", "a.html", "data.html", ""]);
    }

    /// Every `href="(.*?)"` capture, by the regex itself.
    fn by_regex(html: &str) -> Vec<&str> {
        let re = regex_lite::Regex::new(r#"href="(.*?)""#).unwrap();
        re.captures_iter(html)
            .map(|c| c.get(1).unwrap().as_str())
            .collect()
    }

    #[test]
    fn the_scan_finds_what_the_regex_finds() {
        let tricky = [
            "",
            r#"href=""#,
            r#"href="""#,
            r#"href="no closing quote"#,
            "href=\"split\nhref=\"next\"",
            "href=\"a\n\"href=\"b\"",
            "href=\"crlf\r\n\" href=\"cr\r\"",
            r#"href="xhref="y""#,
            r#"hrefhref="x" hhref="y" href ="z" HREF="w""#,
            r#"href="a"href="b""""#,
            r#"<a href="café">é</a><a href="日本">"#,
            "href=\"\n\"\n\"",
        ];
        for html in tricky {
            assert_eq!(hrefs(html).collect::<Vec<_>>(), by_regex(html), "{html:?}");
        }
        // Every string of up to five of these pieces, in every order.
        let pieces = [r#"href=""#, "\"", "\n", "h", "ref=", "é"];
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            for html in &longer {
                assert_eq!(hrefs(html).collect::<Vec<_>>(), by_regex(html), "{html:?}");
            }
            strings = longer;
        }
    }

    /// areq makes each link absolute with `Url::join`, its `urllib.parse.urljoin`: by the
    /// WHATWG URL rules, `/x` from the host, `x` from the page's folder, `../` and `./`
    /// removed, `//host/p` with the page's scheme, `#frag` and `?query` kept, absolute URLs
    /// (`mailto:` too) kept. Where it differs from `urljoin`: it normalizes what it returns
    /// (the host in lower case, a default port like `:80` dropped, `http://host` given the
    /// path `/`, spaces and non-ASCII characters percent-encoded, `..` removed from absolute
    /// links too, `\` read as `/` in http URLs); the empty link gives the page without its
    /// fragment; and it rejects more: a bad port (`http://h:99999/`) or a host with a space,
    /// which `urljoin` passes through. Both reject an unclosed IPv6 address (`http://[::1`).
    #[test]
    fn links_resolve_like_urljoin() {
        let page = Url::parse("http://127.0.0.1:8765/dir/index.html").unwrap();
        let cases = [
            ("/abs/path", "http://127.0.0.1:8765/abs/path"),
            (
                "../up/../x.html?q=1&amp;r=2",
                "http://127.0.0.1:8765/x.html?q=1&amp;r=2",
            ),
            ("./b.html", "http://127.0.0.1:8765/dir/b.html"),
            ("#frag", "http://127.0.0.1:8765/dir/index.html#frag"),
            ("//other.host/p", "http://other.host/p"),
            ("https://example.org/x", "https://example.org/x"),
            ("mailto:a@b.c", "mailto:a@b.c"),
            ("", "http://127.0.0.1:8765/dir/index.html"),
        ];
        for (link, absolute) in cases {
            assert_eq!(page.join(link).unwrap().as_str(), absolute, "{link}");
        }
        assert!(page.join("http://[::1").is_err());
    }
}
