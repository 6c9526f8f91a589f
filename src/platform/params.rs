//! Declarations as types: what many operations take alike (a page, a conditional GET, an
//! idempotency key, who may call), declared once by a type that parses it, documents it and,
//! for the callers, checks it.
//!
//! poem-openapi documents an extractor as one parameter, named after the handler's argument
//! and described by its doc comment. A page is two parameters, and a header keeps its own
//! name whatever the argument is called, so these types stand in the document as a
//! placeholder ([`placeholder`]) that [`Declared`], around the service's APIs, writes out: a
//! page as `limit` and `after`, the headers under their names and descriptions, and the
//! callers' extractors ([`super::auth`]) not as a parameter but as a check that the
//! operation declares the errors they answer (401, and 403 for roles).

use std::collections::HashMap;

use poem::http::Method;
use poem::{Request, RequestBody};
use poem_openapi::error::ParseParamError;
use poem_openapi::registry::{
    MetaApi, MetaOperation, MetaOperationParam, MetaParamIn, MetaSchema, MetaSchemaRef, Registry,
};
use poem_openapi::types::{ParseFromParameter, Type};
use poem_openapi::{ApiExtractor, ApiExtractorType, ExtractParamOptions, OpenApi};

use super::http::{Page, PageAfter, PageSize, keyset_page};
use super::problem::{NO_TOKEN, NOT_ADMIN, NOT_INTEGRATIONS, NOT_STAFF};

/// What a placeholder in the document stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declaration {
    /// [`Paging`]: `limit` and `after`.
    Paging,
    /// [`IfNoneMatch`]: the `If-None-Match` header.
    IfNoneMatch,
    /// [`IdempotencyKey`]: the `Idempotency-Key` header.
    IdempotencyKey,
    /// [`OptionalIdempotencyKey`]: the `Idempotency-Key` header, not required.
    OptionalIdempotencyKey,
    /// A bearer token: the operation must declare 401.
    Bearer,
    /// Staff or an admin: 401, and the 403 of `Staff`.
    Staff,
    /// An admin: 401, and the 403 of `Admin`.
    Admin,
    /// An integrations account or an admin: 401, and the 403 of `Integrations`.
    Integrations,
}

impl Declaration {
    const ALL: [Declaration; 8] = [
        Declaration::Paging,
        Declaration::IfNoneMatch,
        Declaration::IdempotencyKey,
        Declaration::OptionalIdempotencyKey,
        Declaration::Bearer,
        Declaration::Staff,
        Declaration::Admin,
        Declaration::Integrations,
    ];

    fn reference(self) -> String {
        format!("boxoffice-declaration:{self:?}")
    }
}

/// The schema of a placeholder parameter standing for `declaration`; [`Declared`] replaces
/// it.
pub fn placeholder(declaration: Declaration) -> MetaSchemaRef {
    MetaSchemaRef::Reference(declaration.reference())
}

/// The service's APIs, documented with their declarations written out (see the module doc).
/// Routes are `T`'s own.
pub struct Declared<T>(pub T);

impl<T: OpenApi> OpenApi for Declared<T> {
    fn meta() -> Vec<MetaApi> {
        let mut apis = T::meta();
        for operation in apis
            .iter_mut()
            .flat_map(|api| api.paths.iter_mut())
            .flat_map(|path| path.operations.iter_mut())
        {
            write_out(operation);
        }
        apis
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }

    fn add_routes(
        self,
        route_table: &mut HashMap<String, HashMap<Method, poem::endpoint::BoxEndpoint<'static>>>,
    ) {
        self.0.add_routes(route_table);
    }
}

/// Replaces the operation's placeholders by what they declare.
///
/// Panics when an operation takes a caller's extractor but does not declare the errors it
/// answers: the document must not claim fewer statuses than the operation returns.
fn write_out(operation: &mut MetaOperation) {
    let params = std::mem::take(&mut operation.params);
    for param in params {
        let declaration = match &param.schema {
            MetaSchemaRef::Reference(name) => Declaration::ALL
                .into_iter()
                .find(|declaration| declaration.reference() == *name),
            MetaSchemaRef::Inline(_) => None,
        };
        let Some(declaration) = declaration else {
            operation.params.push(param);
            continue;
        };
        let description = param.description;
        match declaration {
            Declaration::Paging => {
                operation
                    .params
                    .push(query::<PageSize>("limit", "Page size, 1–100."));
                let mut after = query::<Option<PageAfter>>(
                    "after",
                    "Start after this id: the previous page's `next_after`.",
                );
                after.description = description.or(after.description);
                operation.params.push(after);
            }
            Declaration::IfNoneMatch => operation.params.push(header(
                IF_NONE_MATCH,
                description.unwrap_or_else(|| {
                    "An `ETag` from an earlier answer: 304 without a body while it is current."
                        .into()
                }),
                false,
                String::schema_ref(),
            )),
            Declaration::IdempotencyKey => operation.params.push(idempotency_key_header(
                description.unwrap_or_else(|| {
                    "A unique string per intended request (1–255 characters), e.g. a UUID. \
                     Kept for 24 hours."
                        .into()
                }),
                true,
            )),
            Declaration::OptionalIdempotencyKey => operation.params.push(idempotency_key_header(
                description.unwrap_or_else(|| {
                    "Optional: a unique string per intended request (1–255 characters), \
                         e.g. a UUID, kept for 24 hours. A retry with the same key and body \
                         gets the first answer instead of doing the work again."
                        .into()
                }),
                false,
            )),
            Declaration::Bearer => require(operation, &[(401, NO_TOKEN)]),
            Declaration::Staff => require(operation, &[(401, NO_TOKEN), (403, NOT_STAFF)]),
            Declaration::Admin => require(operation, &[(401, NO_TOKEN), (403, NOT_ADMIN)]),
            Declaration::Integrations => {
                require(operation, &[(401, NO_TOKEN), (403, NOT_INTEGRATIONS)])
            }
        }
    }
}

/// Panics unless `operation` declares each of these responses: the status, with a
/// description that is this one or, when the operation describes the status itself (it has
/// codes of its own for it), one that names this one's code (its first `` `code` ``).
fn require(operation: &MetaOperation, responses: &[(u16, &str)]) {
    for &(status, description) in responses {
        let code = description.split('`').nth(1).unwrap_or(description);
        let declared = operation.responses.responses.iter().any(|r| {
            r.status == Some(status)
                && (r.description == description || r.description.contains(&format!("`{code}`")))
        });
        assert!(
            declared,
            "operation {} takes a caller's extractor that answers {status} ({description}) but \
             does not declare it: add the matching input to its operation_errors!",
            operation.operation_id.unwrap_or("(unnamed)")
        );
    }
}

fn query<T: Type>(name: &str, description: &str) -> MetaOperationParam {
    MetaOperationParam {
        name: name.to_owned(),
        schema: T::schema_ref(),
        in_type: MetaParamIn::Query,
        description: Some(description.to_owned()),
        required: T::IS_REQUIRED,
        deprecated: false,
        explode: true,
        style: None,
    }
}

fn header(
    name: &str,
    description: String,
    required: bool,
    schema: MetaSchemaRef,
) -> MetaOperationParam {
    MetaOperationParam {
        name: name.to_owned(),
        schema,
        in_type: MetaParamIn::Header,
        description: Some(description),
        required,
        deprecated: false,
        explode: true,
        style: None,
    }
}

fn idempotency_key_header(description: String, required: bool) -> MetaOperationParam {
    header(
        IDEMPOTENCY_KEY,
        description,
        required,
        MetaSchemaRef::Inline(Box::new(MetaSchema {
            min_length: Some(1),
            max_length: Some(IdempotencyKey::MAX_LEN),
            ..MetaSchema::new("string")
        })),
    )
}

const IF_NONE_MATCH: &str = "If-None-Match";
const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// Implements [`ApiExtractor`] for a declaration type: a placeholder parameter in the
/// document, and `$parse` (a function of the request) to extract it.
macro_rules! declared_parameter {
    ($name:ident, $declaration:expr, $parse:expr) => {
        impl<'a> ApiExtractor<'a> for $name {
            const TYPES: &'static [ApiExtractorType] = &[ApiExtractorType::Parameter];
            type ParamType = ();
            type ParamRawType = ();

            fn register(_registry: &mut Registry) {}

            fn param_in() -> Option<MetaParamIn> {
                Some(MetaParamIn::Query)
            }

            fn param_schema_ref() -> Option<MetaSchemaRef> {
                Some(placeholder($declaration))
            }

            async fn from_request(
                request: &'a Request,
                _body: &mut RequestBody,
                _param_opts: ExtractParamOptions<()>,
            ) -> poem::Result<Self> {
                $parse(request)
            }
        }
    };
}

/// Parses query parameter `name` as poem-openapi's `Query<T>` does, with its errors.
fn query_parameter<T: ParseFromParameter>(
    request: &Request,
    name: &'static str,
) -> poem::Result<T> {
    let pairs: Vec<(String, String)> = request.params().unwrap_or_default();
    let values = pairs.iter().filter(|(key, _)| key == name).map(|(_, v)| v);
    T::parse_from_parameters(values).map_err(|err| {
        ParseParamError {
            name,
            reason: err.into_message(),
        }
        .into()
    })
}

/// Parses header `name` as poem-openapi's `Header<T>` does, with its errors.
fn header_parameter<T: ParseFromParameter>(
    request: &Request,
    name: &'static str,
) -> poem::Result<T> {
    let values = request
        .headers()
        .get_all(name)
        .iter()
        .filter_map(|value| value.to_str().ok());
    T::parse_from_parameters(values).map_err(|err| {
        ParseParamError {
            name,
            reason: err.into_message(),
        }
        .into()
    })
}

/// `?limit=&after=`: which page of a keyset-paginated list, `limit` items (1–100, 20 when not
/// given) after the key `after` (0 or more; the previous page's `next_after`). Queries fetch
/// one row more than the page size to learn whether another page follows, without a count.
/// Documented as the two parameters; a doc comment on the argument describes `after` instead
/// of the default (for a list whose key is not an id).
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    limit: i64,
    after: Option<i64>,
}

declared_parameter!(Paging, Declaration::Paging, Paging::extract);

impl Paging {
    fn extract(request: &Request) -> poem::Result<Self> {
        let limit: PageSize = query_parameter(request, "limit")?;
        let after: Option<PageAfter> = query_parameter(request, "after")?;
        Ok(Paging::new(limit, after))
    }

    /// The page of `limit` items after `after` (none: the first page).
    pub fn new(limit: PageSize, after: Option<PageAfter>) -> Self {
        Paging {
            limit: limit.get(),
            after: after.map(PageAfter::get),
        }
    }

    /// For lists in ascending id order: the id after which the page starts (0 for the first
    /// page; ids start at 1).
    pub fn after(&self) -> i64 {
        self.after.unwrap_or(0)
    }

    /// For lists in descending id order (newest first): the id below which the page starts
    /// (`i64::MAX` for the first page).
    pub fn before(&self) -> i64 {
        self.after.unwrap_or(i64::MAX)
    }

    /// The `LIMIT` to pass to a keyset query: the page size plus one.
    pub fn fetch_limit(&self) -> i64 {
        self.limit + 1
    }

    /// Turns the rows of a keyset query (at most `fetch_limit()`) into a page, with `id` giving
    /// a row's key.
    pub fn page<R, T: poem_openapi::types::ParseFromJSON + poem_openapi::types::ToJSON>(
        &self,
        mut rows: Vec<R>,
        id: fn(&R) -> i64,
        into: impl FnMut(R) -> T,
    ) -> Page<T> {
        let next_after = keyset_page(&mut rows, self.limit, id);
        Page {
            items: rows.into_iter().map(into).collect(),
            next_after,
        }
    }
}

/// The `If-None-Match` header of a conditional GET (RFC 9110 §13.1.2): the entity tags of the
/// copies the client holds, if any.
#[derive(Debug, Clone, Default)]
pub struct IfNoneMatch(pub Option<String>);

declared_parameter!(IfNoneMatch, Declaration::IfNoneMatch, IfNoneMatch::extract);

impl IfNoneMatch {
    fn extract(request: &Request) -> poem::Result<Self> {
        Ok(IfNoneMatch(header_parameter(request, IF_NONE_MATCH)?))
    }

    /// The header's value, if it was sent.
    pub fn as_deref(&self) -> Option<&str> {
        self.0.as_deref()
    }
}

/// The `Idempotency-Key` header of a request that must not happen twice (a payment, a
/// transfer, a deposit): 1–255 characters, and the scope it is claimed in, the request's
/// method and path (`POST /v1/accounts/7/deposits`), so that one key used on two operations,
/// or on two accounts, names two requests. The pattern follows Stripe's API and the IETF
/// draft "The Idempotency-Key HTTP Header Field".
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    key: String,
    scope: String,
}

declared_parameter!(
    IdempotencyKey,
    Declaration::IdempotencyKey,
    IdempotencyKey::extract
);

impl IdempotencyKey {
    fn extract(request: &Request) -> poem::Result<Self> {
        let key: String = header_parameter(request, IDEMPOTENCY_KEY)?;
        Self::parse(key, request.method(), request.uri().path())
    }

    /// The longest key, in characters.
    pub const MAX_LEN: usize = 255;

    /// A key sent with a request of `method` to `path`.
    ///
    /// Errors: 400 when it is empty or longer than [`IdempotencyKey::MAX_LEN`].
    pub fn parse(key: String, method: &Method, path: &str) -> poem::Result<Self> {
        let length = key.chars().count();
        if !(1..=Self::MAX_LEN).contains(&length) {
            return Err(ParseParamError {
                name: IDEMPOTENCY_KEY,
                reason: format!("must have 1 to {} characters", Self::MAX_LEN),
            }
            .into());
        }
        let path = match path.trim_end_matches('/') {
            "" => "/",
            trimmed => trimmed,
        };
        Ok(IdempotencyKey {
            key,
            scope: format!("{method} {path}"),
        })
    }

    /// The key as the client sent it.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The request it was sent with: method and path.
    pub fn scope(&self) -> &str {
        &self.scope
    }
}

/// The `Idempotency-Key` header where it may be left out (creating a booking or an order):
/// with a key, the request is done once per key as with [`IdempotencyKey`]; without one, each
/// request is done.
#[derive(Debug, Clone)]
pub struct OptionalIdempotencyKey(pub Option<IdempotencyKey>);

declared_parameter!(
    OptionalIdempotencyKey,
    Declaration::OptionalIdempotencyKey,
    OptionalIdempotencyKey::extract
);

impl OptionalIdempotencyKey {
    fn extract(request: &Request) -> poem::Result<Self> {
        let key: Option<String> = header_parameter(request, IDEMPOTENCY_KEY)?;
        key.map(|key| IdempotencyKey::parse(key, request.method(), request.uri().path()))
            .transpose()
            .map(OptionalIdempotencyKey)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_page_with_more_behind_it_points_at_its_last_item() {
        let paging = Paging {
            limit: 3,
            after: Some(10),
        };
        assert_eq!(paging.after(), 10);
        assert_eq!(paging.fetch_limit(), 4);
        let page = paging.page(vec![11, 12, 13, 14], |id| *id, |id| id);
        assert_eq!(page.items, vec![11, 12, 13]);
        assert_eq!(page.next_after, Some(13));
    }

    #[test]
    fn the_last_page_has_no_next() {
        let paging = Paging {
            limit: 3,
            after: None,
        };
        assert_eq!(paging.after(), 0);
        assert_eq!(paging.before(), i64::MAX);
        let exactly_full = paging.page(vec![1, 2, 3], |id| *id, |id| id);
        assert_eq!(exactly_full.next_after, None);
        let short = paging.page(vec![1], |id| *id, |id| id);
        assert_eq!((short.items, short.next_after), (vec![1], None));
        let empty = paging.page(Vec::<i64>::new(), |id| *id, |id| id);
        assert!(empty.items.is_empty() && empty.next_after.is_none());
    }

    #[test]
    fn an_idempotency_key_is_scoped_to_its_request_and_bounded() {
        let key = IdempotencyKey::parse("k-1".into(), &Method::POST, "/v1/payments/").unwrap();
        assert_eq!((key.key(), key.scope()), ("k-1", "POST /v1/payments"));
        let deposit =
            IdempotencyKey::parse("k-1".into(), &Method::POST, "/v1/accounts/7/deposits").unwrap();
        assert_eq!(deposit.scope(), "POST /v1/accounts/7/deposits");
        assert!(IdempotencyKey::parse(String::new(), &Method::POST, "/").is_err());
        assert!(IdempotencyKey::parse("x".repeat(256), &Method::POST, "/").is_err());
        assert!(IdempotencyKey::parse("é".repeat(255), &Method::POST, "/").is_ok());
    }

    fn operation(
        params: Vec<MetaOperationParam>,
        statuses: &[(u16, &'static str)],
    ) -> MetaOperation {
        MetaOperation {
            method: Method::POST,
            tags: vec![],
            summary: None,
            description: None,
            external_docs: None,
            params,
            request: None,
            responses: poem_openapi::registry::MetaResponses {
                responses: statuses
                    .iter()
                    .map(
                        |&(status, description)| poem_openapi::registry::MetaResponse {
                            description,
                            status: Some(status),
                            status_range: None,
                            content: vec![],
                            headers: vec![],
                        },
                    )
                    .collect(),
            },
            deprecated: false,
            security: vec![],
            operation_id: Some("test_operation"),
            code_samples: vec![],
        }
    }

    fn placeholder_param(
        declaration: Declaration,
        description: Option<&str>,
    ) -> MetaOperationParam {
        MetaOperationParam {
            name: "arg".into(),
            schema: placeholder(declaration),
            in_type: MetaParamIn::Query,
            description: description.map(str::to_owned),
            required: false,
            deprecated: false,
            explode: true,
            style: None,
        }
    }

    #[test]
    fn placeholders_are_written_out_as_the_parameters_they_stand_for() {
        let mut op = operation(
            vec![
                placeholder_param(Declaration::Bearer, None),
                placeholder_param(Declaration::Paging, Some("Continue after this review.")),
                placeholder_param(Declaration::IfNoneMatch, None),
            ],
            &[(401, NO_TOKEN)],
        );
        write_out(&mut op);
        let names: Vec<&str> = op.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["limit", "after", "If-None-Match"]);
        assert_eq!(
            op.params[1].description.as_deref(),
            Some("Continue after this review.")
        );
        assert!(
            op.params
                .iter()
                .all(|p| matches!(p.schema, MetaSchemaRef::Inline(_)))
        );
    }

    #[test]
    #[should_panic(expected = "does not declare it")]
    fn an_admin_operation_must_declare_its_403() {
        let mut op = operation(
            vec![placeholder_param(Declaration::Admin, None)],
            &[(401, NO_TOKEN)],
        );
        write_out(&mut op);
    }
}
