//! The site over HTTPS (`spawn_tls`), as a reqwest client sees it: trusted only by a client
//! told to trust the authority made up for it.

use site::Site;

use super::tls_ready;

/// A client that trusts `ca_pem` and nothing else.
fn client_trusting(ca_pem: &str) -> reqwest::Client {
    let ca = reqwest::Certificate::from_pem(ca_pem.as_bytes()).unwrap();
    reqwest::Client::builder()
        .tls_certs_only([ca])
        .no_proxy()
        .build()
        .unwrap()
}

/// An error and every reason it gives, joined by ": ".
fn with_sources(err: &dyn std::error::Error) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        text = format!("{text}: {inner}");
        source = inner.source();
    }
    text
}

#[tokio::test]
async fn a_client_that_trusts_its_authority_gets_the_pages() {
    tls_ready();
    let site = site::spawn_tls(Site::new(20));
    assert!(site.base_url().starts_with("https://127.0.0.1:"));
    let client = client_trusting(site.ca_pem().expect("a TLS site has an authority"));
    let response = client.get(site.url("/page/3.html")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("<title>Page 3</title>"), "{html}");
    // The absolute link names the address and the scheme the client used.
    let port = site.addr().port();
    assert!(
        html.contains(&format!("href=\"https://127.0.0.1:{port}/page/14.html\"")),
        "{html}"
    );
    // The certificate names localhost too.
    let localhost = format!("https://localhost:{port}/status/404");
    let response = client.get(localhost).send().await.unwrap();
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn a_client_that_does_not_trust_it_fails_and_others_still_get_through() {
    tls_ready();
    let site = site::spawn_tls(Site::new(5));
    let other = site::spawn_tls(Site::new(5));
    // Each site has an authority of its own.
    assert_ne!(site.ca_pem(), other.ca_pem());
    let stranger = client_trusting(other.ca_pem().unwrap());
    let err = stranger.get(site.url("/")).send().await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    let why = with_sources(&err);
    assert!(
        why.ends_with("invalid peer certificate: UnknownIssuer"),
        "{why}"
    );
    // The failed handshake holds up no one.
    let friend = client_trusting(site.ca_pem().unwrap());
    let response = friend.get(site.url("/")).send().await.unwrap();
    assert_eq!(response.status(), 200);
}

#[test]
fn a_plain_site_has_no_authority() {
    tls_ready();
    let site = site::spawn(Site::new(1));
    assert!(site.base_url().starts_with("http://127.0.0.1:"));
    assert_eq!(site.ca_pem(), None);
}
