# Rezervo bot: multi-stage image running the compiled JavaScript (no tsx); applies migrations, then serves,
# against DATABASE_URL (without it, the embedded database in /app/data).
# Build: docker build -t rezervo .
# Run:   docker run -p 3000:3000 -e DATABASE_URL=postgresql://user:pass@db:5432/rezervo rezervo

# 1. Build: every dependency (TypeScript), the Prisma client, then `npm run build` into dist/.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY prisma/schema.prisma ./prisma/schema.prisma
# postinstall generates the Prisma client into ./generated (compiled into dist/generated).
RUN npm ci --no-audit --no-fund
COPY bin ./bin
COPY bots ./bots
COPY core ./core
COPY dialogs ./dialogs
COPY locales ./locales
COPY prisma ./prisma
# tsc to dist/, plus what the app reads at run time: locales/*/*.json, prisma/schema.prisma and
# prisma/migrations/, the widget's sources (esbuild bundles them on the first GET /widget.js).
RUN npm run build && test -f dist/bin/cli.js && test -d dist/prisma/migrations && test -f dist/locales/sq/common.json && test -f dist/bots/webchat/widget/main.ts

# 2. Production dependencies only.
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma/schema.prisma ./prisma/schema.prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime: node_modules, dist and package.json ("type": "module"), as the unprivileged node user.
FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 LOG_LEVEL=info DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "node dist/bin/cli.js migrate && exec node dist/bin/cli.js serve"]
