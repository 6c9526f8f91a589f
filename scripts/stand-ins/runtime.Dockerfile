# Stand-in for gcr.io/distroless/cc-debian12:nonroot, built by scripts/container-check: what
# that image holds that a Rust binary can use (glibc, libgcc_s, libstdc++, libssl3, CA
# certificates, time zones, the users root, nobody and nonroot 65532) and nothing else: no
# shell, no package manager. Taken file by file from Debian bookworm's packages.
FROM boxoffice-ci/debian:bookworm-stand-in AS debian
RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3 libstdc++6 tzdata \
    && rm -rf /var/lib/apt/lists/*
# The packages' files (not their docs), and the users distroless has.
RUN mkdir -p /rootfs/etc /rootfs/tmp /rootfs/home/nonroot /rootfs/usr/lib /rootfs/usr/lib64 \
    && ln -s usr/lib /rootfs/lib && ln -s usr/lib64 /rootfs/lib64 \
    && for p in libc6 libgcc-s1 libstdc++6 libssl3 ca-certificates tzdata; do \
         dpkg -L "$p" | while read -r f; do \
           if [ -f "$f" ] || [ -L "$f" ]; then \
             case "$f" in /usr/share/doc/*|/usr/share/man/*|/usr/share/lintian/*) ;; \
               *) cp -a --parents "$f" /rootfs/ ;; esac; \
           fi; \
         done; \
       done \
    && cp -a --parents /etc/ssl/certs /rootfs/ \
    && printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' > /rootfs/etc/passwd \
    && printf 'root:x:0:\nnobody:x:65534:\nnonroot:x:65532:\n' > /rootfs/etc/group \
    && chmod 1777 /rootfs/tmp && chown 65532:65532 /rootfs/home/nonroot

FROM scratch
COPY --from=debian /rootfs/ /
USER 65532:65532
WORKDIR /home/nonroot
