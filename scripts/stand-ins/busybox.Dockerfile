# Stand-in for busybox:1.36, built by scripts/container-check: Debian's static busybox and
# its applets, nothing else.
FROM boxoffice-ci/debian:bookworm-stand-in AS debian
RUN apt-get update \
    && apt-get install -y --no-install-recommends busybox-static \
    && rm -rf /var/lib/apt/lists/*

FROM scratch
COPY --from=debian /bin/busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
ENV PATH=/bin
CMD ["sh"]
