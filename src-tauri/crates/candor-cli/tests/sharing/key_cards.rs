//! Adding an employer's key card: from a URL, and refused when forged.

use super::*;

/// Serves `body` to one request on a loopback port; returns the URL.
fn serve_once(body: String) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds");
    let port = listener.local_addr().expect("an address").port();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    format!("http://127.0.0.1:{port}/.well-known/candor-card.json")
}

#[test]
fn a_key_card_is_fetched_from_a_url() {
    let p = parties();
    let card = p.employer(&["employer", "card"]);
    let url = serve_once(card);
    let added = p.seeker.json(&["recipient", "add", &url]);
    assert_eq!(added["organisation"], "Fjordkraft Data AS");
    assert_eq!(added["source"], url.as_str());
}

#[test]
fn a_forged_key_card_is_refused() {
    let p = parties();
    let card = p
        .employer(&["employer", "card"])
        .replace("personvern@", "phish@");
    let file = p.seeker.file("forged.json", card.as_bytes());
    assert_refused(
        &p.seeker.run(&["recipient", "add", &file], &UNLOCK, None),
        "the key card's signature does not verify: the card was edited or forged; ask the \
         organisation for its card again and compare the fingerprint",
    );
}
