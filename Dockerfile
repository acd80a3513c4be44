# Porta: one image for the app node (docs/OPERATIONS.md "Container").
# Build:  docker build -t porta .
# Run:    docker run -p 3000:3000 -v porta-data:/data -e PORTA_SECRET_KEY=… porta
# The production layout this builds is checked in CI without Docker (scripts/check-production.mjs).

# --- build: every dependency, then the web app and the server bundle -----------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/agent-protocol/package.json packages/agent-protocol/
COPY packages/i18n/package.json packages/i18n/
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY apps/agent/package.json apps/agent/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies, the built server and web app, nothing else -----------
FROM node:20-bookworm-slim
# tini as PID 1: signals reach Node and exited children are reaped (a killed server leaves no zombie).
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    PORTA_DATA_DIR=/data
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/packages/contracts/package.json packages/contracts/
COPY --from=build /app/packages/agent-protocol/package.json packages/agent-protocol/
COPY --from=build /app/packages/i18n/package.json packages/i18n/
COPY --from=build /app/apps/server/package.json apps/server/
COPY --from=build /app/apps/web/package.json apps/web/
COPY --from=build /app/apps/agent/package.json apps/agent/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/apps/server/dist apps/server/dist
COPY --from=build /app/apps/web/dist apps/web/dist
# The embedded database, attachments and generated keys live in the volume; run as `node`, not root.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000 2525
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The arguments of apps/server/node-args.json (node-args.test.ts checks they match).
CMD ["node", "--enable-source-maps", "--max-semi-space-size=8", "--no-allocation-site-pretenuring", "apps/server/dist/main.js"]
