//! The public HTTP surface: every context's API in one OpenAPI service, the document that
//! comes out of it, Swagger UI, and the middleware around them; and the metrics endpoint.

use std::collections::HashMap;
use std::marker::PhantomData;

use poem::http::Method;
use poem::{Endpoint, EndpointExt, IntoEndpoint, IntoResponse, Route};
use poem_openapi::registry::{MetaApi, Registry};
use poem_openapi::{OpenApi, OpenApiService};

use crate::catalog::{
    layouts::LayoutsApi, movies::MoviesApi, screenings::ScreeningsApi, theaters::TheatersApi,
};
use crate::concessions::{orders::OrdersApi, products::ProductsApi};
use crate::events::{feed::EventsApi, webhooks::WebhooksApi};
use crate::identity::{sessions::SessionsApi, users::UsersApi};
use crate::ops::probes::{self, OpsApi};
use crate::platform::http::{AllowedMethods, Deadline, LimitBody, ProblemDetails, Shed};
use crate::platform::params::Declared;
use crate::platform::telemetry::Observe;
use crate::reports::ReportsApi;
use crate::reviews::{discussion::DiscussionApi, movie_reviews::MovieReviewsApi};
use crate::ticketing::{
    bookings::BookingsApi, card_payments::CardPaymentsApi, checkins::CheckInsApi,
    payments::PaymentsApi, provider_webhooks::ProvidersApi, seat_maps::SeatMapsApi,
    tickets::TicketsApi, vouchers::VouchersApi, waiting_list::WaitingListApi,
};
use crate::wallet::{accounts::AccountsApi, transfers::TransfersApi};

use super::Service;

/// Every API of the service: the probes, then each context's.
pub type Apis = (
    OpsApi,
    (UsersApi, SessionsApi),
    (MoviesApi, TheatersApi, LayoutsApi, ScreeningsApi),
    (
        SeatMapsApi,
        BookingsApi,
        PaymentsApi,
        VouchersApi,
        WaitingListApi,
    ),
    (CardPaymentsApi, ProvidersApi),
    (TicketsApi, CheckInsApi),
    (AccountsApi, TransfersApi),
    (ProductsApi, OrdersApi),
    (MovieReviewsApi, DiscussionApi),
    (EventsApi, WebhooksApi),
    ReportsApi,
);

/// The APIs of an assembled service, each given its context.
fn apis(service: &Service) -> Apis {
    (
        OpsApi,
        (
            UsersApi {
                identity: service.identity.clone(),
            },
            SessionsApi {
                identity: service.identity.clone(),
            },
        ),
        (MoviesApi, TheatersApi, LayoutsApi, ScreeningsApi),
        (
            SeatMapsApi::new(service.ticketing.metrics.seat_maps.clone()),
            BookingsApi {
                ticketing: service.ticketing.clone(),
            },
            PaymentsApi {
                ticketing: service.ticketing.clone(),
            },
            VouchersApi {
                ticketing: service.ticketing.clone(),
            },
            WaitingListApi {
                ticketing: service.ticketing.clone(),
            },
        ),
        (
            CardPaymentsApi {
                ticketing: service.ticketing.clone(),
            },
            ProvidersApi {
                ticketing: service.ticketing.clone(),
            },
        ),
        (
            TicketsApi {
                ticketing: service.ticketing.clone(),
            },
            CheckInsApi {
                ticketing: service.ticketing.clone(),
            },
        ),
        (
            AccountsApi,
            TransfersApi {
                wallet: service.wallet.clone(),
            },
        ),
        (ProductsApi, OrdersApi),
        (MovieReviewsApi, DiscussionApi),
        (
            EventsApi,
            WebhooksApi {
                events: service.events.clone(),
            },
        ),
        ReportsApi {
            metrics: service.reports.clone(),
        },
    )
}

/// The OpenAPI service of `apis`: the routes, the document and Swagger UI.
fn openapi_service<T: OpenApi>(apis: T) -> OpenApiService<Declared<T>, ()> {
    OpenApiService::new(Declared(apis), "boxoffice", env!("CARGO_PKG_VERSION")).description(
        "Movie ticketing: browse the catalog, register, log in, and book seats of a screening. \
         Money is an integer count of minor units with an ISO 4217 currency; times are \
         RFC 3339 in UTC; errors are RFC 9457 problem details with a stable `code`; lists are \
         keyset-paginated with `limit` and `after`.",
    )
}

/// The APIs' document alone: their types, not their contexts (nothing to route).
struct DocumentOf<T>(PhantomData<T>);

impl<T: OpenApi> OpenApi for DocumentOf<T> {
    fn meta() -> Vec<MetaApi> {
        T::meta()
    }

    fn register(registry: &mut Registry) {
        T::register(registry);
    }

    fn add_routes(
        self,
        _route_table: &mut HashMap<String, HashMap<Method, poem::endpoint::BoxEndpoint<'static>>>,
    ) {
    }
}

fn document_service() -> OpenApiService<Declared<DocumentOf<Apis>>, ()> {
    openapi_service(DocumentOf::<Apis>(PhantomData))
}

/// Request bodies that take fields they do not name: a payment provider's events, which carry
/// much more than the service reads and are refused only by their signature.
const OPEN_REQUEST_BODIES: &[&str] = &["ProviderEventBody"];

/// The OpenAPI document as committed and served: poem-openapi's, with two corrections:
/// `additionalProperties: false` on every request body schema and every object schema one
/// reaches, since they all reject unknown fields (`deny_unknown_fields`; but
/// [`OPEN_REQUEST_BODIES`]), which the derive does not write down; and the standard
/// `format: date` (OpenAPI 3.0, RFC 3339 full-date) where poem-openapi writes its own
/// `naive-date`, so that SDK generators type dates as dates.
pub fn spec() -> serde_json::Value {
    let mut document: serde_json::Value =
        serde_json::from_str(&document_service().spec()).expect("poem-openapi writes valid JSON");
    standard_date_format(&mut document);
    let mut bodies = Vec::new();
    for operations in document["paths"]
        .as_object()
        .into_iter()
        .flat_map(|p| p.values())
    {
        for operation in operations.as_object().into_iter().flat_map(|o| o.values()) {
            let contents = operation["requestBody"]["content"].as_object();
            for content in contents.into_iter().flat_map(|c| c.values()) {
                if let Some(name) = content["schema"]["$ref"]
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    bodies.push(name.to_owned());
                }
            }
        }
    }
    // The bodies and every object schema they reach (a scan of a batch, a row of a layout):
    // the nested objects reject unknown fields too.
    bodies.retain(|name| !OPEN_REQUEST_BODIES.contains(&name.as_str()));
    let mut closed = std::collections::BTreeSet::new();
    while let Some(name) = bodies.pop() {
        if closed.insert(name.clone()) {
            referenced_schemas(&document["components"]["schemas"][&name], &mut bodies);
        }
    }
    for name in closed {
        if let Some(schema) = document["components"]["schemas"][&name].as_object_mut()
            && schema.contains_key("properties")
        {
            schema.insert("additionalProperties".into(), false.into());
        }
    }
    document
}

/// Adds to `names` the component schemas `schema` refers to (`$ref`), at any depth.
fn referenced_schemas(schema: &serde_json::Value, names: &mut Vec<String>) {
    match schema {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                match value
                    .as_str()
                    .and_then(|r| r.strip_prefix("#/components/schemas/"))
                {
                    Some(name) if key == "$ref" => names.push(name.to_owned()),
                    _ => referenced_schemas(value, names),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| referenced_schemas(v, names)),
        _ => {}
    }
}

/// Replaces poem-openapi's `format: naive-date` with OpenAPI's `format: date`, everywhere.
fn standard_date_format(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("format").and_then(|f| f.as_str()) == Some("naive-date") {
                map.insert("format".into(), "date".into());
            }
            map.values_mut().for_each(standard_date_format);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(standard_date_format),
        _ => {}
    }
}

/// [`spec`] as pretty-printed JSON (what `openapi.json` holds).
pub fn spec_json() -> String {
    as_json(&spec())
}

fn as_json(document: &serde_json::Value) -> String {
    serde_json::to_string_pretty(document).expect("a JSON value serializes")
}

/// [`spec`] as YAML.
pub fn spec_yaml() -> String {
    as_yaml(&spec())
}

fn as_yaml(document: &serde_json::Value) -> String {
    serde_yaml::to_string(document).expect("a JSON value converts to YAML")
}

/// What the service serves besides its operations, rendered once at start: Swagger UI, the
/// OpenAPI document as JSON and as YAML, and the methods each path allows (for 405's `Allow`).
pub struct Documents {
    swagger_ui: String,
    json: String,
    yaml: String,
    allowed: AllowedMethods,
}

impl Documents {
    /// Renders the documents from [`spec`], which is computed once for all of them.
    pub fn render() -> Self {
        let document = spec();
        let json = as_json(&document);
        let yaml = as_yaml(&document);
        let service = document_service();
        // Swagger UI inlines the document; give it the one we serve.
        let swagger_ui = service.swagger_ui_html().replace(&service.spec(), &json);
        Documents {
            swagger_ui,
            json,
            yaml,
            allowed: AllowedMethods::from_spec(&document),
        }
    }
}

/// The whole public HTTP surface of `service`: the API under `/v1`, the probes, `/docs`
/// (Swagger UI) and the document at `/openapi.json` and `/openapi.yaml`. Outermost first: the
/// state, the request log and metrics, problem details for every error, the limit on
/// requests in flight, the request deadline, the body limit.
/// Metrics are served apart ([`metrics_routes`]). `documents` come from [`Documents::render`].
pub fn routes(
    service: &Service,
    documents: Documents,
) -> impl Endpoint<Output = poem::Response> + use<> {
    let Documents {
        swagger_ui,
        json,
        yaml,
        allowed,
    } = documents;
    let documents = WithDocuments {
        documents: [
            ("/docs", swagger_ui, "text/html; charset=utf-8"),
            ("/openapi.json", json, "application/json; charset=utf-8"),
            ("/openapi.yaml", yaml, "application/yaml; charset=utf-8"),
        ],
        api: openapi_service(apis(service)).into_endpoint(),
    };
    let state = service.state.clone();
    // Middleware as endpoints that hold the next one by value, outermost first: unlike
    // `around`, no `Arc` clone and no closure's future per layer and request.
    Observe {
        next: ProblemDetails {
            next: Shed {
                next: Deadline {
                    next: LimitBody { next: documents },
                    after: service.request_timeout,
                },
                in_flight: service.in_flight.clone(),
            },
            allowed,
        },
        metrics: state.metrics.clone(),
    }
    .data(state.tokens.clone())
    .data(state)
}

/// The API, and beside it the fixed documents (Swagger UI and the OpenAPI document) at their
/// paths, whatever the method. A comparison of the path rather than a `Route` that nests the
/// API: that would match every API request twice and rebuild its URI.
struct WithDocuments<E> {
    /// Path, body and content type of each document.
    documents: [(&'static str, String, &'static str); 3],
    api: E,
}

impl<E: Endpoint> Endpoint for WithDocuments<E> {
    type Output = poem::Response;

    async fn call(&self, req: poem::Request) -> poem::Result<poem::Response> {
        let path = req.uri().path();
        match self.documents.iter().find(|(at, ..)| *at == path) {
            Some((_, body, content_type)) => Ok(body
                .clone()
                .with_content_type(*content_type)
                .into_response()),
            None => Ok(self.api.call(req).await?.into_response()),
        }
    }
}

/// What the metrics address serves: `/metrics`, Prometheus text, and nothing else.
pub fn metrics_routes(service: &Service) -> impl Endpoint<Output = poem::Response> + use<> {
    Route::new()
        .at("/metrics", probes::metrics)
        .data(service.state.clone())
}
