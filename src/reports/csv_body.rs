//! Reports as CSV (RFC 4180), for spreadsheets: chosen with `Accept: text/csv`, written with
//! the `csv` crate and sent a few hundred rows at a time, so that the text of a long report
//! is never held whole.

use bytes::Bytes;
use futures::stream;
use poem::web::Accept;
use poem::{Body, IntoResponse, Response};
use poem_openapi::payload::Payload;
use poem_openapi::registry::{MetaSchema, MetaSchemaRef};

use super::SalesRow;

/// Rows written per chunk of the body.
const ROWS_PER_CHUNK: usize = 256;

/// A CSV body: a header line, then a line per row.
pub struct Csv(Body);

impl Csv {
    /// A sales report's rows: `key,label,tickets,gross,discounts,refunds,net`.
    pub fn of_rows(rows: Vec<SalesRow>) -> Self {
        let header = encode(&[[
            "key",
            "label",
            "tickets",
            "gross",
            "discounts",
            "refunds",
            "net",
        ]
        .map(str::to_owned)]);
        let mut rows = rows.into_iter().peekable();
        let chunks = std::iter::once(header).chain(std::iter::from_fn(move || {
            rows.peek()?;
            let chunk: Vec<[String; 7]> = rows
                .by_ref()
                .take(ROWS_PER_CHUNK)
                .map(|row| {
                    let f = &row.figures;
                    [
                        row.key,
                        row.label,
                        f.tickets.to_string(),
                        f.gross.to_string(),
                        f.discounts.to_string(),
                        f.refunds.to_string(),
                        f.net.to_string(),
                    ]
                })
                .collect();
            Some(encode(&chunk))
        }));
        Csv(Body::from_bytes_stream(stream::iter(
            chunks.map(Ok::<_, std::io::Error>),
        )))
    }
}

/// Records as CSV lines (CRLF, quoted where RFC 4180 needs it).
fn encode(records: &[[String; 7]]) -> Bytes {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for record in records {
        writer.write_record(record).expect("writing to memory");
    }
    Bytes::from(writer.into_inner().expect("writing to memory"))
}

impl Payload for Csv {
    const CONTENT_TYPE: &'static str = "text/csv";

    fn schema_ref() -> MetaSchemaRef {
        MetaSchemaRef::Inline(Box::new(MetaSchema::new("string")))
    }
}

impl IntoResponse for Csv {
    fn into_response(self) -> Response {
        Response::builder()
            .content_type("text/csv; charset=utf-8; header=present")
            .body(self.0)
    }
}

/// Whether a request's `Accept` (RFC 9110 §12.5.1; parsed and ordered by quality by poem)
/// prefers CSV to JSON: the first range that is `text/csv` or takes JSON
/// (`application/json`, `application/*`, `*/*`) is `text/csv`, with a quality above 0.
pub fn prefers_csv(accept: &Accept) -> bool {
    accept
        .0
        .iter()
        .find(|range| {
            matches!(
                (range.type_().as_str(), range.subtype().as_str()),
                ("text", "csv") | ("application", "json" | "*") | ("*", "*")
            )
        })
        .is_some_and(|range| {
            let quality = range
                .get_param("q")
                .map_or(Ok(1.0), |q| q.as_str().parse::<f32>());
            range.subtype() == "csv" && quality.is_ok_and(|q| q > 0.0)
        })
}

#[cfg(test)]
mod tests {
    use poem::FromRequest as _;

    use super::*;

    async fn prefers_csv(accept: &str) -> bool {
        let request = poem::Request::builder().header("accept", accept).finish();
        let accept = Accept::from_request_without_body(&request).await.unwrap();
        super::prefers_csv(&accept)
    }

    #[tokio::test]
    async fn csv_is_chosen_only_when_preferred() {
        assert!(prefers_csv("text/csv").await);
        assert!(prefers_csv("text/csv, application/json").await);
        assert!(prefers_csv("application/json;q=0.5, text/csv").await);
        assert!(!prefers_csv("").await);
        assert!(!prefers_csv("application/json").await);
        assert!(!prefers_csv("*/*").await);
        assert!(!prefers_csv("application/json, text/csv").await);
        assert!(!prefers_csv("text/csv;q=0").await);
    }

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        let bytes = encode(&[[
            "1",
            "Alien, the \"director's cut\"",
            "2",
            "3",
            "0",
            "0",
            "3",
        ]
        .map(str::to_owned)]);
        assert_eq!(
            std::str::from_utf8(&bytes).unwrap(),
            "1,\"Alien, the \"\"director's cut\"\"\",2,3,0,0,3\r\n"
        );
    }
}
