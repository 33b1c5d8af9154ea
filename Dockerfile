# comment-box-server as a container image: docs/self-hosting.md.
#
#   docker build -t comment-box-server .
#   docker run -d -p 8787:8787 -v comment-box-data:/data -e COMMENT_BOX_ADMIN_TOKEN=… comment-box-server
#
# Every setting is an environment variable (docs/server.md, Options); flags after the image name
# work too (`docker run … comment-box-server --moderation all`). The base image is an argument so
# that a machine without a registry can build on a local one (scripts/test-container.mjs).
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Build: the element (dist/, the bundle the server sends) and the server (server/dist/), then
#    drop the development dependencies.
FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles from source where no prebuilt binary can be downloaded.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
COPY server/package.json server/
# --ignore-scripts: the root's `prepare` (git hooks) needs the sources; the two packages that must
# build something are rebuilt explicitly.
RUN npm ci --ignore-scripts --no-audit --no-fund \
  && npm rebuild better-sqlite3 esbuild
COPY . .
RUN node scripts/build.mjs \
  && npm run build -w comment-box-server \
  && npm prune --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
    node_modules/better-sqlite3/build/Release/obj.target node_modules/better-sqlite3/build/Release/.deps \
    node_modules/better-sqlite3/build/deps

# 2. Run: the built packages and their production dependencies, as an unprivileged user.
FROM ${NODE_IMAGE}
LABEL org.opencontainers.image.title="comment-box-server" \
  org.opencontainers.image.description="The reference server of comment-box: comments over HTTP on SQLite or PostgreSQL" \
  org.opencontainers.image.source="https://github.com/comment-box/comment-box" \
  org.opencontainers.image.licenses="MIT"
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=8787 \
  COMMENT_BOX_DB=/data/comments.db \
  COMMENT_BOX_DEMO_DIR= \
  COMMENT_BOX_LOG_FORMAT=json
RUN groupadd --system --gid 10001 comment-box \
  && useradd --system --uid 10001 --gid comment-box --home-dir /app --no-create-home --shell /usr/sbin/nologin comment-box \
  && mkdir -p /data && chown comment-box:comment-box /data
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/dist ./dist
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/server/package.json ./server/
COPY --from=build /src/server/dist ./server/dist
USER comment-box
VOLUME /data
EXPOSE 8787
# Ready = the database answers and its migrations are done (GET /readyz); no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8787)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1: the server handles SIGTERM and SIGINT itself (finishes in-flight requests and
# writes, closes the database, exits 0), so no init process is needed. `docker run --init` does no harm.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/server/dist/cli.js"]
