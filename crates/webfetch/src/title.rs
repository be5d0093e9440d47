//! A page's `<title>`, found the way a browser's parser finds it, without building the page.
//!
//! A full parser (the originals' BeautifulSoup, or `scraper`) turns the whole page into a
//! tree to answer one question. This reads the page as html5ever's tokenizer does, the first
//! half of that same parser, and stops as soon as the title ends, which on most pages is
//! near the top.

use std::cell::RefCell;

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{TokenizerResult, local_name};

/// The text of the page's first `<title>`, if it has one, as a browser reads it: character
/// references decoded (`&amp;` is `&`), anything that looks like a tag inside it kept as
/// text, and no title found in a comment or a script. A title left open runs to the end of
/// the page. Whitespace is kept as it is.
///
/// It matches a `<title>` inside `<svg>` too, as a CSS selector `title` would. Where a full
/// parser may differ: inside `<svg>` and `<math>`, which it reads by other rules, and in a
/// `<frameset>` page, where it drops any title.
pub fn title(html: &str) -> Option<String> {
    let tokenizer = Tokenizer::new(TitleFinder::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(html.into());
    // `Script` is the finder's way to stop the tokenizer (see below); only if it has not
    // stopped is there an end of the page to read, and perhaps an unclosed title's text.
    if let TokenizerResult::Done = tokenizer.feed(&input) {
        tokenizer.end();
    }
    tokenizer.sink.title.into_inner()
}

/// Receives the tokens of the page, in order, until its title is complete.
#[derive(Default)]
struct TitleFinder {
    /// The title's text so far, once its start tag has been seen.
    title: RefCell<Option<String>>,
}

impl TokenSink for TitleFinder {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut title = self.title.borrow_mut();
        match token {
            Token::CharacterTokens(text) => {
                if let Some(title) = title.as_mut() {
                    title.push_str(&text);
                }
                TokenSinkResult::Continue
            }
            // Inside the title the tokenizer sees no tag but `</title>`: the title is
            // complete. Asking it to wait for a script is how a sink stops it.
            Token::TagToken(_) if title.is_some() => TokenSinkResult::Script(()),
            Token::TagToken(Tag {
                kind: TagKind::StartTag,
                name,
                ..
            }) => {
                if name == local_name!("title") {
                    *title = Some(String::new());
                }
                how_to_read_inside(&name)
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// How the text after a start tag is to be read. The tokenizer cannot tell by itself: in a
/// full parser the tree builder tells it, for these elements, that what follows up to
/// their end tag is not markup, so that `<script>let t = "<title>"</script>` holds no title.
fn how_to_read_inside(name: &str) -> TokenSinkResult<()> {
    match name {
        // Text with character references (`&amp;`), but no tags.
        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
        // Text as it is. (`noscript` too, as in a browser that runs scripts.)
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        // Text to the end of the page.
        "plaintext" => TokenSinkResult::Plaintext,
        _ => TokenSinkResult::Continue,
    }
}

#[cfg(test)]
mod tests {
    use super::title;

    /// What a full parser (`scraper`, on html5ever's tree builder) finds, for comparison.
    fn parsed_title(html: &str) -> Option<String> {
        let selector = scraper::Selector::parse("title").unwrap();
        let document = scraper::Html::parse_document(html);
        let title = document.select(&selector).next();
        title.map(|t| t.text().collect())
    }

    #[test]
    fn titles_are_found_as_a_full_parser_finds_them() {
        let cases = [
            (
                "<!DOCTYPE html><html><head><title>Page 3</title>",
                Some("Page 3"),
            ),
            ("<p>no title here</p>", None),
            ("", None),
            ("<title></title>", Some("")),
            ("<title>first</title><title>second</title>", Some("first")),
            (
                "<title>Fish &amp; Chips &lt;3 caf&eacute; &#x263A;</title>",
                Some("Fish & Chips <3 café ☺"),
            ),
            ("<TITLE lang=\"en\" class=x>Upper</TiTlE>", Some("Upper")),
            ("<title/>Self-closing</title>", Some("Self-closing")),
            (
                "<title>Left open <b>to</b> the end",
                Some("Left open <b>to</b> the end"),
            ),
            ("<title>  a\r\n b  </title>", Some("  a\n b  ")),
            ("<titles>x</titles><title-bar>y</title-bar>", None),
            (
                "<!-- <title>in a comment</title> --><title>real</title>",
                Some("real"),
            ),
            (
                "<script>document.write('<title>in a script</title>')</script><title>real</title>",
                Some("real"),
            ),
            (
                "<script><!--<script>'</script>'--></script><title>real</title>",
                Some("real"),
            ),
            (
                "<style>/* <title>styled</title> */</style><title>real</title>",
                Some("real"),
            ),
            (
                "<textarea><title>typed</title></textarea><title>real</title>",
                Some("real"),
            ),
            (
                "<noscript><title>no</title></noscript><title>real</title>",
                Some("real"),
            ),
            // Outside SVG and MathML, CDATA is a bogus comment that ends at the first `>`.
            (
                "<![CDATA[<title>cdata</title>]]><title>real</title>",
                Some("real"),
            ),
            ("<![CDATA[x]]><title>a</title>", Some("a")),
            ("<plaintext><title>plain</title>", None),
            ("<body><p>late</p><title>late</title></body>", Some("late")),
            (
                "<table><title>in a table</title></table>",
                Some("in a table"),
            ),
            ("\u{feff}<title>after a BOM</title>", Some("after a BOM")),
            (
                "<svg><title>icon</title></svg><title>page</title>",
                Some("icon"),
            ),
        ];
        for (html, expected) in cases {
            let expected = expected.map(str::to_owned);
            assert_eq!(title(html), expected, "{html:?}");
            assert_eq!(parsed_title(html), expected, "scraper on {html:?}");
        }
    }
}
