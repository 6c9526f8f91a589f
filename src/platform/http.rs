//! HTTP plumbing shared by every context: keyset pages, the request-body limit, optional JSON
//! bodies, JSON bodies kept as bytes (signed webhooks), JSON and SVG responses, and the
//! middleware that turns every framework error into problem details. (The parameters many
//! operations take alike are in [`super::params`].)

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use poem::{
    Endpoint, IntoResponse, Request, RequestBody, Response,
    http::{HeaderValue, StatusCode, header},
};
use poem_openapi::error::{ContentTypeError, ParseRequestPayloadError};
use poem_openapi::payload::{Json, Payload};
use poem_openapi::registry::{MetaRequest, MetaSchema, MetaSchemaRef, Registry};
use poem_openapi::types::{
    ParseError, ParseFromJSON, ParseFromParameter, ParseResult, ToJSON, Type,
};
use poem_openapi::{ApiExtractor, ApiExtractorType, ExtractParamOptions, Object};

use super::problem::{PROBLEM_JSON, Problem, problem_response};

/// Request bodies larger than this (in bytes, 64 KiB) are answered with 413: what the
/// largest body needs, a theater's layout of 60 rows of 60 seats with every seat in each of
/// its lists (45 KiB as compact JSON), with room for whitespace. Bounded this low, a
/// thousand uploads in flight hold at most 64 MiB.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Implements poem-openapi's `Type` for a parameter that is an `i64` newtype, with the
/// schema of an int64 as `refine` completes it (bounds, default).
macro_rules! int64_parameter {
    ($name:ident, IS_REQUIRED = $required:expr, $refine:expr) => {
        impl Type for $name {
            const IS_REQUIRED: bool = $required;
            type RawValueType = i64;
            type RawElementValueType = i64;

            fn name() -> Cow<'static, str> {
                "integer_int64".into()
            }

            fn schema_ref() -> MetaSchemaRef {
                let int64 = MetaSchema {
                    format: Some("int64"),
                    ..MetaSchema::new("integer")
                };
                MetaSchemaRef::Inline(Box::new(($refine)(int64)))
            }

            fn as_raw_value(&self) -> Option<&i64> {
                Some(&self.0)
            }

            fn raw_element_iter<'a>(&'a self) -> Box<dyn Iterator<Item = &'a i64> + 'a> {
                Box::new(self.as_raw_value().into_iter())
            }
        }
    };
}

/// `?limit=`: how many items a page holds, 1–100; 20 when not given. Its schema says so; list
/// operations take it as part of [`super::params::Paging`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageSize(i64);

impl PageSize {
    /// The fewest items a page may hold.
    pub const MIN: i64 = 1;
    /// The most items a page may hold.
    pub const MAX: i64 = 100;
    /// The page size when `?limit=` is not given.
    pub const DEFAULT: PageSize = PageSize(20);

    /// The number of items.
    pub fn get(self) -> i64 {
        self.0
    }
}

int64_parameter!(PageSize, IS_REQUIRED = false, |schema: MetaSchema| {
    MetaSchema {
        default: Some(PageSize::DEFAULT.0.into()),
        minimum: Some(PageSize::MIN as f64),
        maximum: Some(PageSize::MAX as f64),
        ..schema
    }
});

impl ParseFromParameter for PageSize {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        let size: i64 = value.parse().map_err(ParseError::custom)?;
        if !(PageSize::MIN..=PageSize::MAX).contains(&size) {
            return Err(ParseError::custom(format!(
                "must be {} to {}",
                PageSize::MIN,
                PageSize::MAX
            )));
        }
        Ok(PageSize(size))
    }

    fn parse_from_parameters<I: IntoIterator<Item = A>, A: AsRef<str>>(
        iter: I,
    ) -> ParseResult<Self> {
        match iter.into_iter().next() {
            Some(value) => Self::parse_from_parameter(value.as_ref()),
            None => Ok(PageSize::DEFAULT),
        }
    }
}

/// `?after=`: the key after which a page starts (the previous page's `next_after`), 0 or
/// more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageAfter(i64);

impl PageAfter {
    /// The key.
    pub fn get(self) -> i64 {
        self.0
    }
}

int64_parameter!(PageAfter, IS_REQUIRED = true, |schema: MetaSchema| {
    MetaSchema {
        minimum: Some(0.0),
        ..schema
    }
});

impl ParseFromParameter for PageAfter {
    fn parse_from_parameter(value: &str) -> ParseResult<Self> {
        match value.parse::<i64>().map_err(ParseError::custom)? {
            key if key >= 0 => Ok(PageAfter(key)),
            _ => Err(ParseError::custom("must be 0 or more")),
        }
    }
}

/// One page of a keyset-paginated list.
#[derive(Object, Debug, serde::Serialize)]
pub struct Page<T: ParseFromJSON + ToJSON> {
    /// The items, in the list's order (ascending id unless the operation says otherwise).
    pub items: Vec<T>,
    /// Pass as `?after=` to get the next page; `null` on the last page.
    #[oai(nullable)]
    pub next_after: Option<i64>,
}

/// Cuts the rows of a keyset query (at most `limit + 1`: one more than a page, to learn
/// whether another page follows without a count) to `limit`, and returns the key of the last
/// row kept when another page follows.
pub fn keyset_page<R, K>(rows: &mut Vec<R>, limit: i64, key: impl Fn(&R) -> K) -> Option<K> {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    if more { rows.last().map(key) } else { None }
}

/// An optional JSON request body: `None` when the request carries no body (generated SDKs
/// then send no `Content-Type` either).
///
/// poem-openapi's `Json<Option<T>>` documents such a body as optional (`required: false`)
/// but answers 415 to a request without `Content-Type`, so a client that follows the document
/// and leaves the body out is refused; and it takes the JSON `null` for no body, which the
/// document does not allow. Here a body without `Content-Type` is a 415, and a body that is
/// not a `T` (`null` included) a 400.
pub struct OptionalJson<T>(pub Option<T>);

impl<'a, T: ParseFromJSON> ApiExtractor<'a> for OptionalJson<T> {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::RequestObject];

    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        <Json<Option<T>> as ApiExtractor<'a>>::register(registry);
    }

    fn request_meta() -> Option<MetaRequest> {
        <Json<Option<T>> as ApiExtractor<'a>>::request_meta()
    }

    async fn from_request(
        request: &'a Request,
        body: &mut RequestBody,
        _param_opts: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        let bytes = body.take()?.into_bytes().await?;
        if bytes.is_empty() {
            return Ok(OptionalJson(None));
        }
        require_json::<T>(request)?;
        // As poem-openapi's `Json<T>` parses, so that errors read the same.
        let payload_error = |reason: String| ParseRequestPayloadError { reason };
        let value = serde_json::from_slice(&bytes).map_err(|err| payload_error(err.to_string()))?;
        let value =
            T::parse_from_json(Some(value)).map_err(|err| payload_error(err.into_message()))?;
        Ok(OptionalJson(Some(value)))
    }
}

/// Refuses a request whose `Content-Type` is missing or not JSON, as poem-openapi's `Json<T>`
/// does (415).
fn require_json<T: ParseFromJSON>(request: &Request) -> poem::Result<()> {
    match request.content_type() {
        None => Err(ContentTypeError::ExpectContentType.into()),
        Some(content_type) if !<Json<T> as Payload>::check_content_type(content_type) => {
            Err(ContentTypeError::NotSupported {
                content_type: content_type.to_owned(),
            }
            .into())
        }
        Some(_) => Ok(()),
    }
}

/// A JSON request body taken as the bytes that came, documented as a `T`: for a body whose
/// signature covers its exact bytes (a payment provider's webhook), which parsing and
/// serializing again would not keep. A body that is not JSON (`Content-Type`) is a 415; the
/// bytes are not parsed here.
pub struct RawJson<T>(pub Vec<u8>, std::marker::PhantomData<T>);

impl<'a, T: ParseFromJSON> ApiExtractor<'a> for RawJson<T> {
    const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::RequestObject];

    type ParamType = ();
    type ParamRawType = ();

    fn register(registry: &mut Registry) {
        <Json<T> as ApiExtractor<'a>>::register(registry);
    }

    fn request_meta() -> Option<MetaRequest> {
        <Json<T> as ApiExtractor<'a>>::request_meta()
    }

    async fn from_request(
        request: &'a Request,
        body: &mut RequestBody,
        _param_opts: ExtractParamOptions<Self::ParamType>,
    ) -> poem::Result<Self> {
        require_json::<T>(request)?;
        let bytes = body.take()?.into_vec().await?;
        Ok(RawJson(bytes, std::marker::PhantomData))
    }
}

/// A JSON response payload (`application/json; charset=utf-8`) written straight from `T`'s
/// `serde::Serialize`. poem-openapi's [`Json`] builds a `serde_json::Value` first (a map, a
/// `String` per key and per value) and serializes that: a tenth of the instructions of a
/// cached catalog read (BENCHMARKS.md). The document shows `T`'s poem-openapi schema, so
/// `T`'s two serializations must agree: each type that uses it is checked with
/// [`assert_same_json`] (the catalog's in `src/catalog/mod.rs`, the seat map's in its
/// module).
pub struct JsonBody<T>(pub T);

impl<T: Type> Payload for JsonBody<T> {
    const CONTENT_TYPE: &'static str = <Json<T> as Payload>::CONTENT_TYPE;

    fn check_content_type(content_type: &str) -> bool {
        <Json<T> as Payload>::check_content_type(content_type)
    }

    fn schema_ref() -> MetaSchemaRef {
        T::schema_ref()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }
}

impl<T: Type + serde::Serialize> IntoResponse for JsonBody<T> {
    fn into_response(self) -> Response {
        // As poem's own `Json` does; derived `Serialize` of these types does not fail.
        match serde_json::to_vec(&self.0) {
            Ok(body) => Response::builder()
                .content_type(<Self as Payload>::CONTENT_TYPE)
                .body(body),
            Err(err) => Response::builder()
                .status(StatusCode::INTERNAL_SERVER_ERROR)
                .body(err.to_string()),
        }
    }
}

/// Serializes a time as poem-openapi's `DateTime<Utc>` does (`to_rfc3339`: `+00:00`, where
/// chrono's serde writes `Z`), for [`JsonBody`] types: `#[serde(serialize_with = ...)]`.
pub fn rfc3339<S: serde::Serializer>(
    time: &chrono::DateTime<chrono::Utc>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&time.to_rfc3339())
}

/// Panics unless `value` serializes the same through serde ([`JsonBody`]) as through
/// poem-openapi (the document's schema).
#[cfg(test)]
pub fn assert_same_json<T: serde::Serialize + ToJSON>(value: &T) {
    assert_eq!(
        serde_json::to_value(value).expect("serializes"),
        value.to_json().expect("a value"),
    );
}

/// An SVG picture (`image/svg+xml`), as a response payload.
pub struct Svg(pub String);

impl Payload for Svg {
    const CONTENT_TYPE: &'static str = "image/svg+xml";

    fn schema_ref() -> MetaSchemaRef {
        String::schema_ref()
    }
}

impl IntoResponse for Svg {
    fn into_response(self) -> Response {
        Response::builder()
            .content_type(<Svg as Payload>::CONTENT_TYPE)
            .body(self.0)
    }
}

/// Which methods each path of the API document answers, for the `Allow` header that a 405
/// must carry (RFC 9110 §15.5.6).
pub struct AllowedMethods(Vec<(Vec<Option<String>>, String)>);

impl AllowedMethods {
    /// From an OpenAPI document: per path template (`/v1/movies/{id}`), its methods.
    pub fn from_spec(spec: &serde_json::Value) -> Self {
        let mut paths = Vec::new();
        for (path, operations) in spec["paths"].as_object().into_iter().flatten() {
            // A `{parameter}` segment matches any segment; others match themselves.
            let template = path
                .split('/')
                .map(|segment| (!segment.starts_with('{')).then(|| segment.to_owned()))
                .collect();
            let mut methods: Vec<String> = operations
                .as_object()
                .into_iter()
                .flat_map(|o| o.keys())
                .map(|method| method.to_ascii_uppercase())
                .collect();
            methods.sort();
            paths.push((template, methods.join(", ")));
        }
        AllowedMethods(paths)
    }

    /// The `Allow` value for a request path, if the document has the path.
    pub fn for_path(&self, path: &str) -> Option<&str> {
        let segments: Vec<&str> = path.split('/').collect();
        self.0
            .iter()
            .find(|(template, _)| {
                template.len() == segments.len()
                    && template
                        .iter()
                        .zip(&segments)
                        .all(|(t, s)| t.as_deref().is_none_or(|t| t == *s))
            })
            .map(|(_, methods)| methods.as_str())
    }
}

/// Middleware: any error response of `next` that is not already JSON (a parse error, an
/// unknown route, a rejected token, an oversized body, a panic) gets a problem body with the
/// same status. A 405 gets the `Allow` header `allowed` gives for its path. Headers such as
/// `WWW-Authenticate` are kept.
pub struct ProblemDetails<E> {
    /// The endpoint whose errors are rewritten.
    pub next: E,
    /// The methods of each path, for 405's `Allow`.
    pub allowed: AllowedMethods,
}

impl<E: Endpoint> Endpoint for ProblemDetails<E> {
    type Output = Response;

    // The future of `problem_for_errors` itself, not one that awaits it: one state machine
    // fewer to build and copy on every request.
    fn call(&self, req: Request) -> impl Future<Output = poem::Result<Response>> + Send {
        problem_for_errors(&self.next, req, &self.allowed)
    }
}

async fn problem_for_errors<E: Endpoint>(
    next: &E,
    req: Request,
    allowed: &AllowedMethods,
) -> poem::Result<Response> {
    let uri = req.uri().clone();
    let mut response = next.get_response(req).await;
    let status = response.status();
    if status == StatusCode::METHOD_NOT_ALLOWED
        && !response.headers().contains_key(header::ALLOW)
        && let Some(methods) = allowed
            .for_path(uri.path())
            .and_then(|m| HeaderValue::from_str(m).ok())
    {
        response.headers_mut().insert(header::ALLOW, methods);
    }
    if !(status.is_client_error() || status.is_server_error()) {
        return Ok(response);
    }
    // Problems and the JSON bodies an operation declares (the 503 of /readyz) stay as they
    // are; what remains is the framework's plain-text errors.
    let is_json = response
        .content_type()
        .is_some_and(|ct| ct.starts_with(PROBLEM_JSON) || ct.starts_with("application/json"));
    if is_json {
        return Ok(response);
    }
    let (mut parts, body) = response.into_parts();
    let problem = if status.is_server_error() {
        // Never echo an internal message to the client.
        tracing::error!(%status, "unhandled server error");
        Problem::for_status(
            status,
            "the server failed to handle the request; it has been logged",
        )
    } else {
        let text = body.into_string().await.unwrap_or_default();
        let detail = if text.trim().is_empty() {
            status.canonical_reason().unwrap_or("error").to_lowercase()
        } else {
            text
        };
        Problem::for_status(status, detail)
    };
    if status == StatusCode::UNAUTHORIZED {
        parts
            .headers
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    let body = serde_json::to_vec(&ToJSON::to_json(&problem)).unwrap_or_default();
    // The same status, headers and extensions (the operation id among them), a new body.
    Ok(Response::from_parts(parts, body.into()))
}

/// Middleware: bodies over [`MAX_BODY_BYTES`] are refused with 413 before `next` sees them,
/// whether or not the client sent `Content-Length` (a chunked body is read up to the limit,
/// no further).
pub struct LimitBody<E> {
    /// The endpoint the requests within the limit go to.
    pub next: E,
}

impl<E: Endpoint> Endpoint for LimitBody<E> {
    type Output = Response;

    fn call(&self, req: Request) -> impl Future<Output = poem::Result<Response>> + Send {
        limit_body(&self.next, req)
    }
}

async fn limit_body<E: Endpoint>(next: &E, mut req: Request) -> poem::Result<Response> {
    let too_large = || {
        poem::Error::from_string(
            format!("request bodies are limited to {MAX_BODY_BYTES} bytes"),
            StatusCode::PAYLOAD_TOO_LARGE,
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|len| len > MAX_BODY_BYTES as u64) {
        return Err(too_large());
    }
    let body = req.take_body();
    // A body known to be empty (most GETs) has nothing to read. Reading one is boxed: the
    // reader holds a 4 KiB buffer, which would otherwise be part of every request's future.
    if !body.is_empty() {
        let body = Box::pin(body.into_bytes_limit(MAX_BODY_BYTES))
            .await
            .map_err(|err| match err {
                poem::error::ReadBodyError::PayloadTooLarge => too_large(),
                other => other.into(),
            })?;
        req.set_body(body);
    }
    Ok(next.call(req).await?.into_response())
}

/// Refuses requests beyond `in_flight` at once with 503 `overloaded` and `Retry-After: 1`,
/// before they cost memory or a database connection, so that a flood sheds load rather than
/// exhausting the pod. The probes are never refused: an overloaded replica is still alive,
/// and still ready unless its database is not.
pub struct Shed<E> {
    /// The endpoint requests within the limit go to.
    pub next: E,
    /// One permit per request in flight (MAX_IN_FLIGHT_REQUESTS).
    pub in_flight: Arc<Semaphore>,
}

impl<E: Endpoint> Endpoint for Shed<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let probe = matches!(req.uri().path(), "/healthz" | "/readyz");
        let _permit = match self.in_flight.try_acquire() {
            Ok(permit) => Some(permit),
            Err(_) if probe => None,
            Err(_) => {
                return Ok(problem_response(
                    &Problem::new(
                        StatusCode::SERVICE_UNAVAILABLE,
                        "overloaded",
                        "the server has as many requests in progress as it takes; retry \
                         after the time Retry-After gives",
                    )
                    .retry_after(1),
                ));
            }
        };
        Ok(self.next.call(req).await?.into_response())
    }
}

/// Answers a request that `next` has not answered within `after` (its body read included)
/// with 503 `database_unavailable` and `Retry-After`, and drops what it was doing: a
/// transaction in progress rolls back. The backstop behind the database's timeouts: a
/// request never waits on a server that vanished for longer than this.
pub struct Deadline<E> {
    /// The endpoint that must answer in time.
    pub next: E,
    /// How long it has (REQUEST_TIMEOUT_MS).
    pub after: Duration,
}

impl<E: Endpoint> Endpoint for Deadline<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let (method, path) = (req.method().clone(), req.uri().path().to_owned());
        match tokio::time::timeout(self.after, self.next.call(req)).await {
            Ok(answer) => Ok(answer?.into_response()),
            Err(_) => {
                tracing::warn!(
                    %method,
                    path,
                    after_ms = self.after.as_millis() as u64,
                    "a request ran past its deadline"
                );
                Ok(problem_response(&Problem::database_unavailable()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_lists_the_methods_of_the_matching_path() {
        let spec = serde_json::json!({ "paths": {
            "/v1/movies": { "get": {}, "post": {} },
            "/v1/movies/{id}": { "get": {}, "patch": {}, "delete": {} },
            "/v1/movies/{id}/reviews": { "get": {}, "post": {} },
        }});
        let allowed = AllowedMethods::from_spec(&spec);
        assert_eq!(allowed.for_path("/v1/movies"), Some("GET, POST"));
        assert_eq!(allowed.for_path("/v1/movies/7"), Some("DELETE, GET, PATCH"));
        assert_eq!(allowed.for_path("/v1/movies/7/reviews"), Some("GET, POST"));
        assert_eq!(allowed.for_path("/v1/shows"), None);
    }
}
