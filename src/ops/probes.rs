//! Operations endpoints: liveness and readiness probes, and Prometheus metrics.

use std::sync::Arc;

use poem::web::Data;
use poem::{Response, handler};
use poem_openapi::{ApiResponse, Object, OpenApi, payload::Json};

use crate::platform::AppState;
use crate::platform::problem::error_chain;

use super::migrate;

/// The state of the process or of its dependencies.
#[derive(Object, Debug)]
pub struct Health {
    /// `ok`, or what is wrong.
    pub status: String,
}

#[derive(ApiResponse)]
enum Readiness {
    /// The database answers and its schema is at the latest migration.
    #[oai(status = 200)]
    Ready(Json<Health>),
    /// Not ready to serve: shutting down, the database is unreachable, or the schema is
    /// behind.
    #[oai(status = 503)]
    NotReady(Json<Health>),
}

/// `/healthz`, `/readyz`.
#[derive(Default)]
pub struct OpsApi;

#[OpenApi(tag = "super::Tag::Ops")]
impl OpsApi {
    /// Liveness probe
    ///
    /// Answers 200 while the process is alive; it does not touch the database.
    #[oai(path = "/healthz", method = "get", operation_id = "healthz")]
    async fn healthz(&self) -> Json<Health> {
        Json(Health {
            status: "ok".into(),
        })
    }

    /// Readiness probe
    ///
    /// Answers 200 only while the database answers, the schema is at the latest migration
    /// this binary knows, and the process is not shutting down.
    #[oai(path = "/readyz", method = "get", operation_id = "readyz")]
    async fn readyz(&self, state: Data<&Arc<AppState>>) -> Readiness {
        if state.is_draining() {
            return Readiness::NotReady(Json(Health {
                status: "shutting down".into(),
            }));
        }
        match migrate::is_current(&state.probe).await {
            Ok(true) => Readiness::Ready(Json(Health {
                status: "ok".into(),
            })),
            Ok(false) => Readiness::NotReady(Json(Health {
                status: "schema is behind the latest migration".into(),
            })),
            Err(err) => {
                tracing::warn!(error = %error_chain(&*err), "readiness check failed");
                Readiness::NotReady(Json(Health {
                    status: "database unavailable".into(),
                }))
            }
        }
    }
}

/// `GET /metrics`: Prometheus metrics in the OpenMetrics text format.
#[handler]
pub async fn metrics(state: Data<&Arc<AppState>>) -> Response {
    Response::builder()
        .content_type("application/openmetrics-text; version=1.0.0; charset=utf-8")
        .body(state.metrics.render(&state.pool, &state.movie_versions))
}
