# Rezervo bot: multi-stage image; runs migrations, then the server, against DATABASE_URL.
# Build: docker build -t rezervo .
# Run:   docker run -p 3000:3000 -e DATABASE_URL=postgresql://user:pass@db:5432/rezervo rezervo

FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma/schema.prisma ./prisma/schema.prisma
# Production dependencies only; postinstall generates the Prisma client into ./generated.
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 LOG_LEVEL=info DATA_DIR=/app/data
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=deps --chown=node:node /app/generated ./generated
COPY --chown=node:node package.json prisma.config.ts ./
COPY --chown=node:node bin ./bin
COPY --chown=node:node bots ./bots
COPY --chown=node:node core ./core
COPY --chown=node:node dialogs ./dialogs
COPY --chown=node:node locales ./locales
COPY --chown=node:node prisma ./prisma
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["sh", "-c", "node bin/rezervo.js migrate && exec node bin/rezervo.js serve"]
