# scaleguard as a container: a static (musl) binary on a minimal Alpine (a shell is there for
# GitLab CI and Jenkins, which run their scripts inside the image), run as a non-root user.
#
#   docker build -t scaleguard .
#   docker run --rm -v "$PWD:/work" -w /work scaleguard check org/
#
# The entry point is `scaleguard`, so the container takes the same arguments as the binary;
# docs/ci.md shows it in GitLab CI and Jenkins.

# Build stage: Alpine's Rust links against musl, so the binary needs no C library at run time.
FROM rust:1-alpine AS build
# musl-dev: headers and crt files for mimalloc's C code and the final link. Alpine's package
# index serves one version per release branch, so the base image tag pins it.
# hadolint ignore=DL3018
RUN apk add --no-cache musl-dev
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs ./
COPY .cargo ./.cargo
COPY build ./build
COPY crates ./crates
COPY xtask ./xtask
COPY grammar ./grammar
COPY rules ./rules
COPY src ./src
COPY benches ./benches
RUN cargo build --release --locked --bin scaleguard \
    && cp target/release/scaleguard /scaleguard \
    && /scaleguard --version

# Final stage: the binary, a shell, and an unprivileged user.
FROM alpine:3.22
COPY --from=build /scaleguard /usr/local/bin/scaleguard
RUN adduser -D -H -u 10001 scaleguard
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["/usr/local/bin/scaleguard"]
CMD ["--help"]
