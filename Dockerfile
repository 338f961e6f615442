# credstore in an empty image: the static binary (scripts/release) and a CA bundle, nothing
# else (no shell, no libc). Names resolve from the container's /etc/hosts and
# /etc/resolv.conf, which the container engine provides. The build context is a directory
# holding `credstore` and `ca-certificates.crt` (README "Install", container):
#   mkdir -p target/image
#   cp target/x86_64-unknown-linux-gnu/release/credstore /etc/ssl/certs/ca-certificates.crt target/image/
#   docker build -f Dockerfile -t credstore target/image
FROM scratch
COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY credstore /usr/local/bin/credstore
ENV PATH=/usr/local/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
# nobody: the image needs no privilege (mount a writable directory for --local stores).
USER 65534:65534
ENTRYPOINT ["credstore"]
