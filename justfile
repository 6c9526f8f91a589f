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
    cargo clippy --all-targets -- -D warnings

# Regenerate codegen/ from migrations/ and queries/ (pinned cornucopia; installed if missing).
codegen:
    scripts/codegen

# Regenerate the committed OpenAPI document from the handlers.
openapi:
    cargo run --quiet -- openapi > openapi.json

# Fail if codegen/ or openapi.json differ from what the sources generate.
check-generated: codegen openapi
    git diff --exit-code -- codegen openapi.json

# Validate the deployment files offline (tools go into a venv under target/).
deploy-check:
    scripts/deploy-check

# Everything CI runs.
ci:
    bash .ci/run
