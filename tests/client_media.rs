//! Operations of the fixture spec `tests/fixtures/specs/media` (its golden file, which
//! `tests/golden.rs` keeps equal to the generator's output), sent to a loopback server: bodies
//! in text, bytes and forms, the media type the caller picks, header and cookie parameters, and
//! results that are text, bytes (whole and streamed), nothing, a redirect or an upgrade.

mod support;

use futures_util::StreamExt;
use serde_json::json;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use support::api::only_request;

#[allow(dead_code, unused_imports)] // the whole crate, of which a test uses a part
mod fixture {
    include!("golden/runtime.rs");
    include!("golden/media.rs");
}

use fixture::media::{CreateNoteParams, RenderRawMarkdownParams};
use fixture::{
    DeviceAuthRequest, Error, FilePart, GetReportTheme, Note, Stored, UploadDocumentMeta,
};

fn client(server: &MockServer) -> fixture::Client {
    fixture::Client::builder()
        .base_url(server.uri())
        .max_retries(0)
        .build()
}

async fn answering(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn a_text_body_goes_in_the_media_type_the_caller_picks_and_text_comes_back() {
    let server =
        answering(ResponseTemplate::new(200).set_body_raw("<h1>hi</h1>".as_bytes(), "text/html"))
            .await;
    let html = client(&server)
        .media()
        .render_raw_markdown(RenderRawMarkdownParams::TextXMarkdown("# hi".into()))
        .await
        .unwrap();
    assert_eq!(html, "<h1>hi</h1>");
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/markdown/raw");
    assert_eq!(request.headers["content-type"], "text/x-markdown");
    assert_eq!(request.headers["accept"], "text/html");
    assert_eq!(request.body, b"# hi");

    // Text that is not UTF-8 is a decode error naming the status, not a panic.
    let server =
        answering(ResponseTemplate::new(200).set_body_raw(vec![0xff, 0xfe], "text/html")).await;
    let err = client(&server)
        .media()
        .render_raw_markdown(RenderRawMarkdownParams::TextPlain("x".into()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err:?}");
    assert_eq!(err.status(), Some(200));
}

#[tokio::test]
async fn bytes_come_back_whole_or_as_a_stream() {
    let file: Vec<u8> = (0..=255u8).cycle().take(300_000).collect();
    let server = answering(
        ResponseTemplate::new(200).set_body_raw(file.clone(), "application/octet-stream"),
    )
    .await;
    let whole = client(&server).media().download_file("f 1").await.unwrap();
    assert_eq!(whole, file);
    let mut stream = client(&server)
        .media()
        .download_file("f 1")
        .into_byte_stream()
        .await
        .unwrap();
    let mut streamed = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = stream.next().await {
        streamed.extend_from_slice(&chunk.unwrap());
        chunks += 1;
    }
    assert_eq!(streamed, file);
    assert!(chunks >= 1);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in requests {
        assert_eq!(request.url.path(), "/files/f%201");
        assert_eq!(request.headers["accept"], "application/octet-stream");
    }

    // An error status is an error before any stream is handed out.
    let server =
        answering(ResponseTemplate::new(404).set_body_json(json!({"message": "no"}))).await;
    let err = client(&server)
        .media()
        .download_file("gone")
        .into_byte_stream()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
}

#[tokio::test]
async fn a_bytes_body_is_sent_as_is_and_a_json_type_with_a_charset_is_json() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/files/f1"))
        .and(header("content-type", "application/octet-stream"))
        .respond_with(ResponseTemplate::new(201).set_body_raw(
            r#"{"size": 3}"#.as_bytes(),
            "application/json; charset=utf-8",
        ))
        .mount(&server)
        .await;
    let stored = client(&server)
        .media()
        .upload_file("f1", vec![1u8, 2, 3])
        .await
        .unwrap();
    assert_eq!(stored, Stored { size: 3 });
    assert_eq!(only_request(&server).await.body, [1, 2, 3]);
}

#[tokio::test]
async fn head_204_and_205_return_nothing() {
    let server = MockServer::start().await;
    for (verb, at, status) in [
        ("HEAD", "/files/f1", 204),
        ("PUT", "/notes/7/pin", 204),
        ("POST", "/reset", 205),
    ] {
        Mock::given(method(verb))
            .and(path(at))
            .respond_with(ResponseTemplate::new(status))
            .expect(1)
            .mount(&server)
            .await;
    }
    let media = client(&server);
    media.media().check_file_exists("f1").await.unwrap();
    media.media().pin_note(7).await.unwrap();
    media.media().reset_view().await.unwrap();
}

#[tokio::test]
async fn a_multipart_body_sends_each_property_as_a_part_and_files_with_their_names() {
    let server = answering(ResponseTemplate::new(201).set_body_json(json!({"size": 9}))).await;
    let stored = client(&server)
        .media()
        .upload_document(
            "Q3 report",
            FilePart::new(b"%PDF-1.7".to_vec())
                .file_name("q3.pdf")
                .content_type("application/pdf"),
        )
        .tags(["finance", "2026"])
        .meta(UploadDocumentMeta { pages: Some(3) })
        .attachments([
            FilePart::new(b"a".to_vec()),
            FilePart::new(b"b".to_vec()).file_name("b.txt"),
        ])
        .await
        .unwrap();
    assert_eq!(stored, Stored { size: 9 });
    let request = only_request(&server).await;
    let kind = request.headers["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    let boundary = kind.strip_prefix("multipart/form-data; boundary=").unwrap();
    let body = String::from_utf8(request.body)
        .unwrap()
        .replace(boundary, "B");
    let part = |head: &str, body: &str| {
        format!("--B\r\nContent-Disposition: form-data; {head}\r\n\r\n{body}\r\n")
    };
    let expected = [
        part("name=\"title\"", "Q3 report"),
        part("name=\"tags\"", "finance"),
        part("name=\"tags\"", "2026"),
        part("name=\"meta\"\r\nContent-Type: application/json", r#"{"pages":3}"#),
        part("name=\"file\"; filename=\"q3.pdf\"\r\nContent-Type: application/pdf", "%PDF-1.7"),
        part("name=\"attachments\"; filename=\"attachments\"\r\nContent-Type: application/octet-stream", "a"),
        part("name=\"attachments\"; filename=\"b.txt\"\r\nContent-Type: application/octet-stream", "b"),
        "--B--\r\n".to_string(),
    ]
    .concat();
    assert_eq!(body, expected);
}

#[tokio::test]
async fn a_result_some_successes_lack_is_an_option() {
    let server = MockServer::start().await;
    Mock::given(path("/notes/1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"text": "one"})))
        .mount(&server)
        .await;
    Mock::given(path("/notes/2"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let media = client(&server);
    let found = media.media().find_note(1).await.unwrap();
    assert_eq!(found.map(|note| note.text), Some("one".to_string()));
    assert_eq!(media.media().find_note(2).await.unwrap(), None);
}

#[tokio::test]
async fn a_form_body_writes_each_field_and_a_default_only_response_is_bytes() {
    let server =
        answering(ResponseTemplate::new(200).set_body_raw("ok".as_bytes(), "text/plain")).await;
    let params = DeviceAuthRequest {
        client_id: "cli ent&1".into(),
        scopes: Some(vec!["read".into(), "write".into()]),
    };
    let answer = client(&server)
        .media()
        .start_device_authorization(params)
        .await
        .unwrap();
    assert_eq!(answer, b"ok");
    let request = only_request(&server).await;
    assert_eq!(
        request.headers["content-type"],
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "client_id=cli+ent%261&scopes=read&scopes=write"
    );
}

#[tokio::test]
async fn one_body_in_json_or_a_form_and_json_preferred_over_text() {
    let note = Note {
        text: "hello world".into(),
        pinned: Some(true),
    };
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("content-type", "application/json"))
        .and(body_string(r#"{"text":"hello world","pinned":true}"#))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"text": "json"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("pinned=true&text=hello+world"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"text": "form"})))
        .mount(&server)
        .await;
    let media = client(&server);
    let as_json = media
        .media()
        .create_note(CreateNoteParams::Json(note.clone()))
        .await
        .unwrap();
    let as_form = media
        .media()
        .create_note(CreateNoteParams::Form(note))
        .await
        .unwrap();
    assert_eq!(
        (as_json.text.as_str(), as_form.text.as_str()),
        ("json", "form")
    );
    // JSON is the result's media type: it is what the client asks for.
    for request in server.received_requests().await.unwrap() {
        assert_eq!(request.headers["accept"], "application/json");
    }
}

#[tokio::test]
async fn redirects_are_returned_not_followed() {
    let server = MockServer::start().await;
    let target = format!("{}/elsewhere?token=sig_secret", server.uri());
    Mock::given(method("GET"))
        .and(path("/login/okta"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", target.as_str()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/moved"))
        .respond_with(ResponseTemplate::new(301).insert_header("location", target.as_str()))
        .mount(&server)
        .await;
    let media = client(&server);
    let redirect = media.media().begin_login("okta").await.unwrap();
    assert_eq!(redirect.status(), 302);
    assert_eq!(redirect.location(), Some(target.as_str()));

    // An operation whose result is a body fails with the redirect, which it does not follow.
    let err = media
        .media()
        .get_thing_that_may_have_moved()
        .await
        .unwrap_err();
    let Error::Redirect(moved) = &err else {
        panic!("{err:?}");
    };
    assert_eq!(
        (moved.status(), moved.location()),
        (301, Some(target.as_str()))
    );
    assert_eq!(err.status(), Some(301));
    // The location's query (often a signed token) stays out of messages.
    for text in [err.to_string(), format!("{err:?}")] {
        assert!(!text.contains("sig_secret"), "{text}");
        assert!(text.contains("/elsewhere"), "{text}");
    }
    let paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_string())
        .collect();
    assert_eq!(paths, ["/login/okta", "/moved"]);
}

#[tokio::test]
async fn a_success_nobody_declared_is_bytes_and_a_body_not_json_is_bytes() {
    let server = answering(ResponseTemplate::new(200).set_body_raw(
        r#"{"name": "README"}"#.as_bytes(),
        "application/vnd.github.v3.object",
    ))
    .await;
    let media = client(&server);
    let legacy = media.media().legacy_status().await.unwrap();
    let contents = media.media().get_contents("r").await.unwrap();
    assert_eq!(legacy, br#"{"name": "README"}"#);
    assert_eq!(contents, legacy);
    let accepts: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers["accept"].to_str().unwrap().to_string())
        .collect();
    assert_eq!(accepts, ["*/*", "application/vnd.github.v3.object"]);
}

#[tokio::test]
async fn header_and_cookie_parameters_are_sent_and_accept_is_the_clients() {
    let server = answering(ResponseTemplate::new(200).set_body_json(json!({"size": 1}))).await;
    let media = client(&server);
    let report = media
        .media()
        .get_report("acme", "s3cret; x=1")
        .x_page_size(50)
        .x_labels(["a", "b c"])
        .theme(GetReportTheme::Dark)
        .await
        .unwrap();
    assert_eq!(report, Stored { size: 1 });
    let request = only_request(&server).await;
    assert_eq!(request.headers["x-tenant"], "acme");
    assert_eq!(request.headers["x-page-size"], "50");
    assert_eq!(request.headers["x-labels"], "a,b c");
    assert_eq!(
        request.headers["cookie"],
        "session=s3cret%3B%20x=1; theme=dark"
    );
    assert_eq!(request.headers["accept"], "application/json; charset=utf-8");

    // Optional ones unset are not sent; a value no header can hold sends nothing.
    let err = media
        .media()
        .get_report("bad\nvalue", "s")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(err.to_string().contains("x-tenant"), "{err}");
    assert!(!err.to_string().contains("bad\nvalue"), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    media.media().get_report("acme", "s").await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let last = requests.last().unwrap();
    assert!(!last.headers.contains_key("x-page-size"));
    assert_eq!(last.headers["cookie"], "session=s");
}

/// A server that answers one request with `101 Switching Protocols` and then echoes what it
/// reads; it hands back the request's head.
async fn upgrading_server() -> (String, tokio::sync::oneshot::Receiver<String>) {
    use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, head) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (stream, _) = listener.accept().await.unwrap();
        let mut reader = BufReader::new(stream);
        let mut text = String::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).await.unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
            text.push_str(&line.to_ascii_lowercase());
        }
        let _ = sender.send(text);
        let mut stream = reader.into_inner();
        stream
            .write_all(
                b"HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: websocket\r\n\r\n",
            )
            .await
            .unwrap();
        let mut buffer = [0u8; 4];
        stream.read_exact(&mut buffer).await.unwrap();
        stream.write_all(&buffer).await.unwrap();
    });
    (url, head)
}

#[tokio::test]
async fn a_101_hands_over_the_upgraded_connection() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (url, head) = upgrading_server().await;
    let client = fixture::Client::builder().base_url(&url).build();
    let mut connection = client.media().open_console().await.unwrap();
    connection.write_all(b"ping").await.unwrap();
    let mut echoed = [0u8; 4];
    connection.read_exact(&mut echoed).await.unwrap();
    assert_eq!(&echoed, b"ping");
    let head = head.await.unwrap();
    assert!(head.starts_with("get /console http/1.1\r\n"), "{head}");
    for line in [
        "connection: upgrade",
        "upgrade: websocket",
        "sec-websocket-version: 13",
    ] {
        assert!(head.contains(line), "{line} missing from {head}");
    }
    assert!(head.contains("sec-websocket-key: "), "{head}");
}
