# syntax=docker/dockerfile:1

# Build stages: cargo-chef caches the dependency build in its own layer, so changing the
# service's code rebuilds only the service.
FROM rust:1.95-slim-bookworm AS chef
# make builds jemalloc (tikv-jemalloc-sys), the service's allocator; the image brings gcc only.
RUN apt-get update \
    && apt-get install -y --no-install-recommends make=4.3-4.1 \
    && rm -rf /var/lib/apt/lists/*
RUN cargo install cargo-chef --version 0.1.73 --locked
WORKDIR /app

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
RUN cargo chef cook --release --locked --recipe-path recipe.json --bin boxoffice
COPY . .
RUN cargo build --release --locked --bin boxoffice

# Runtime: glibc and nothing else (no shell, no package manager), as user 65532.
FROM gcr.io/distroless/cc-debian12:nonroot AS runtime
COPY --from=builder /app/target/release/boxoffice /usr/local/bin/boxoffice
ENV LISTEN_ADDR=0.0.0.0:8080 \
    LOG_FORMAT=json
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/boxoffice", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/boxoffice"]
CMD ["serve"]
