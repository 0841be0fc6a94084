# syntax=docker/dockerfile:1
# gedragsbot as a container image: compiled in a build stage, run from a stage with only the production
# dependencies, the built code (with the web chat's page and script), rules/ and cards/, as the user `node`.
#
#   docker build -t gedragsbot .
#   docker run -d --init --name gedragsbot -p 3978:3978 --env-file .env -v gedragsbot-data:/app/data gedragsbot
#
# (.env.example leaves HOST unset, so the HOST=0.0.0.0 below holds; a HOST in --env-file would win over it.)
#
# tests/deploy/dockerfile.test.ts cannot build the image (no Docker engine on the test machines); it reads the
# runtime stage below and runs its COPY, npm install and CMD steps in a temporary folder. Keep the runtime stage's
# install a plain npm command: the test runs it on the developer's machine.

# ---- build: all dependencies, TypeScript, `npm run build` ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a change in src/ reuses this layer. No scripts: `prepare` would build before the sources
# are here, and better-sqlite3 ships prebuilt binaries (no compiler, no install script).
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# tsconfig.build.json also compiles the benches and a few test helpers; the runtime stage takes only dist/src.
COPY tests ./tests
RUN npm run build

# ---- runtime: production dependencies and the built tree ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3978
WORKDIR /app
COPY package.json package-lock.json ./
# `prepare` runs during `npm ci`; without TypeScript it only checks that dist/ is there.
COPY scripts/prepare.mjs ./scripts/prepare.mjs
COPY --from=build /app/dist/src ./dist/src
COPY rules ./rules
COPY cards ./cards
# The same command IT runs on a built tree without a container. Everything so far belongs to root: the bot
# (user node) cannot change its own code, rules or dependencies.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
# The default store is sqlite:./data/gedragsbot.db, i.e. /app/data: the one folder the bot may write to.
# For PostgreSQL set GEDRAGSBOT_STORE=postgres://… and the volume stays empty.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME /app/data
USER node
EXPOSE 3978
# /healthz: the process answers (/readyz also asks the store; use that for a load balancer's readiness check).
# Node itself makes the request: the slim image has no curl or wget.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node directly rather than `npm start`: no npm process in between, so SIGTERM from `docker stop` reaches the
# server, which finishes requests in flight, closes the store and exits 0 (under `npm start`, npm itself ends by the
# signal: exit 143). No .env is read inside the image: settings come from the container's environment (--env-file,
# compose's env_file). STOPSIGNAL is SIGTERM by default.
CMD ["node", "dist/src/server/main.js"]
