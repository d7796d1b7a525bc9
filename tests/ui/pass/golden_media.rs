// Compiles the golden file generated from tests/fixtures/specs/media: bodies and results beyond
// JSON (tests/client_media.rs checks what goes on the wire and what comes back).
// With exactly the runtime modules the output ships (tests/golden.rs checks the list).
#[path = "../../../codegen/runtime"]
pub mod runtime {
    pub mod auth;
    pub mod body;
    pub mod client;
    pub mod error;
    pub mod hook;
    pub mod open_enum;
    pub mod path;
    pub mod query;
    pub mod retry;
    pub mod secret;
    pub mod validate;
}
include!("../../golden/media.rs");

fn main() {
    let client = Client::builder().build();
    let _raw = client
        .media()
        .render_raw_markdown(media::RenderRawMarkdownParams::TextXMarkdown("# hi".into()));
    let _download = client.media().download_file("f1").into_byte_stream();
    let _upload = client.media().upload_file("f1", b"bytes".to_vec());
    let _report = client
        .media()
        .get_report("tenant", "s3cret")
        .x_page_size(10)
        .theme(GetReportTheme::Dark);
}
