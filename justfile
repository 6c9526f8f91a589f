# Developer tasks for boxoffice. `just --list` shows them.

# Start the service (a local PostgreSQL is started when DATABASE_URL is unset).
run *args:
    cargo run -- {{args}}

# The test suite, against a throwaway PostgreSQL (or DATABASE_URL's server).
test *args:
    cargo test {{args}}

# Formatting and lints, as CI checks them.
lint:
    cargo fmt --check
    cargo clippy --workspace --all-targets -- -D warnings

# Regenerate codegen/ from migrations/ and queries/ (pinned cornucopia; installed if missing).
codegen:
    scripts/codegen

# Contract checks beyond compiling: every query's plan and nullability, squawk over the
# migrations, the previous commit's queries against the new schema, the document's lint and
# breaking changes (scripts/vet).
vet:
    scripts/vet

# Regenerate the committed OpenAPI document from the handlers.
openapi:
    cargo run --quiet -- openapi > openapi.json

# Fail if codegen/ or openapi.json differ from what the sources generate, or are not
# committed (scripts/check-generated, as CI runs it).
check-generated:
    scripts/check-generated

# Validate the deployment files offline (tools go into a venv under target/).
deploy-check:
    scripts/deploy-check

# Build the image with a Docker engine (started if none runs) and run the Compose stack end
# to end, the image's facts and the Deployment's securityContext, with stand-ins for the base
# images where no registry answers (scripts/container-check). `--quick`: a quicker build.
container-check *args:
    scripts/container-check {{args}}

# Generate the TypeScript client from openapi.json (clients/ts/generated) and run its scenario
# against a live server.
sdk-ts:
    test -d clients/node_modules || (cd clients && npm ci --no-audit --no-fund)
    scripts/with-server bash -c 'cd clients && npm run sdk-ts'

# Generate the Python client from openapi.json (clients/python/generated) and run its scenario
# against a live server.
sdk-py:
    scripts/with-server scripts/sdk-py

# Drive Swagger UI in headless Chromium against a live server; screenshot in target/.
browser-check:
    test -d clients/node_modules || (cd clients && npm ci --no-audit --no-fund)
    scripts/with-server bash -c 'cd clients && npm run browser'

# Schema-driven fuzzing of a live server with schemathesis (extra args go to it).
fuzz-api *args="--max-examples 200":
    scripts/with-server scripts/fuzz-api {{args}}

# Benchmarks: the API under wrk against pgbench running the same SQL (see BENCHMARKS.md).
# `just bench --smoke` is the few-seconds pass CI runs; `--only get_movie,login` picks scenarios.
bench *args:
    python3 bench/run.py {{args}}

# The reports on a year of sales of 20 screens (about 2 million seats): each report over a
# week and over the year (BENCHMARKS.md, "Reports"). `--short` is the 30-day pass CI runs.
bench-reports *args:
    python3 bench/reports.py {{args}}

# The failover drill: a Patroni cluster, three replicas behind HAProxy, a booking load while
# the primary is killed, the replicas restarted and one killed, a screening's rows held, and
# the primary cut off the network (RELIABILITY.md). `--short` is the version CI runs;
# `--release` uses the release build.
drill *args:
    scripts/drill {{args}}

# Everything CI runs.
ci:
    bash .ci/run
