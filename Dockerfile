# syntax=docker/dockerfile:1

# The base images, as build arguments: a registry mirror or a private registry's copies
# (--build-arg RUST_IMAGE=registry.example.com/rust:1.95-slim-bookworm), or the stand-ins
# scripts/container-check builds where no registry answers. The defaults are the public ones.
ARG RUST_IMAGE=rust:1.95-slim-bookworm
ARG RUNTIME_IMAGE=gcr.io/distroless/cc-debian12:nonroot

# Build stages: cargo-chef caches the dependency build in its own layer, so changing the
# service's code rebuilds only the service.
FROM ${RUST_IMAGE} AS chef
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
# Cargo.toml's release profile (fat LTO, one codegen unit) unless these are given: a quicker
# build for trying the image out (scripts/container-check --quick: LTO off, 16 units).
ARG CARGO_PROFILE_RELEASE_LTO
ARG CARGO_PROFILE_RELEASE_CODEGEN_UNITS
COPY --from=planner /app/recipe.json recipe.json
RUN cargo chef cook --release --locked --recipe-path recipe.json --bin boxoffice
COPY . .
RUN cargo build --release --locked --bin boxoffice

# Runtime: glibc and nothing else (no shell, no package manager), as user 65532.
FROM ${RUNTIME_IMAGE} AS runtime
# OCI labels: where the image comes from (the repository's URL), and which commit.
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="boxoffice" \
      org.opencontainers.image.description="Movie-ticketing REST service on PostgreSQL" \
      org.opencontainers.image.source="${SOURCE}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
COPY --from=builder /app/target/release/boxoffice /usr/local/bin/boxoffice
ENV LISTEN_ADDR=0.0.0.0:8080 \
    LOG_FORMAT=json
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/boxoffice", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/boxoffice"]
CMD ["serve"]
