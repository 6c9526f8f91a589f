# Stand-in for rust:<version>-slim-bookworm, built by scripts/container-check where no
# registry answers: Debian bookworm with gcc and libc6-dev (what the official slim image
# brings for linking), this machine's Rust toolchain (rustc --print sysroot) in place of
# rustup's, and this machine's CA certificates (cargo reaches crates.io through whatever
# proxy the machine trusts). Paths and variables as the official image has them.
FROM boxoffice-ci/debian:bookworm-stand-in
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libc6-dev \
    && rm -rf /var/lib/apt/lists/*
COPY toolchain/ /usr/local/rust/
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV CARGO_HOME=/usr/local/cargo \
    PATH=/usr/local/cargo/bin:/usr/local/rust/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN mkdir -p /usr/local/cargo/bin && rustc --version && cargo --version
