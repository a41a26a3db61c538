import websocket from "@fastify/websocket";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { Reply } from "../../core/conversation/messages.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { SCRIPT_CSP } from "../headers.ts";
import type { WebHub } from "./hub.ts";
import { verifyWebSession } from "./sessions.ts";
import { buildWidget, type WidgetBundle } from "./widget/build.ts";

/** What the live endpoint needs from the server runtime. */
export interface LiveRuntime {
  hub: WebHub;
  prisma: PrismaClient;
  log?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  /** Checks a web chat session token; defaults to verifyWebSession from ./sessions.ts. */
  verifySession?: (sessionId: string, token: string) => Promise<boolean>;
}

/** Tunables (defaults suit production). */
export interface LiveOptions {
  heartbeatMs?: number;
  authTimeoutMs?: number;
  maxSocketsPerSession?: number;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * `GET /api/chat/ws`: a WebSocket that, once authenticated with `{type:"auth",sessionId,token}` (first
 * message) or `?sessionId=&token=`, pushes every reply published on the hub for that session as
 * `{type:"replies",replies,at}`. Server pings (WebSocket ping + `{type:"ping"}`) keep it alive; a peer
 * that misses a beat is dropped. Close codes: 4401 bad session/token, 4408 no auth in time.
 */
export function registerWebchatLive(app: FastifyInstance, rt: LiveRuntime, opts: LiveOptions = {}) {
  const beat = opts.heartbeatMs ?? 25_000;
  const authTimeout = opts.authTimeoutMs ?? 10_000;
  const maxPerSession = opts.maxSocketsPerSession ?? 8;
  const verify = rt.verifySession ?? ((id: string, t: string) => verifyWebSession(rt.prisma, id, t));
  const open = new Map<string, Set<WebSocket>>();

  // At the root (fastify-plugin), so other features may share it: register it only once.
  if (!app.hasDecorator("websocketServer")) app.register(websocket, { options: { maxPayload: 4096 } });
  return app.register(async (scope) => {
    scope.get("/api/chat/ws", { websocket: true }, (socket, req) => {
      let sessionId: string | undefined;
      let unsubscribe: (() => void) | undefined;
      let alive = true;
      const send = (msg: object) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
      };
      const timer = setTimeout(() => socket.close(4408, "auth timeout"), authTimeout);
      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
        send({ type: "ping" });
      }, beat);
      socket.on("pong", () => (alive = true));

      const auth = async (id: unknown, token: unknown) => {
        if (sessionId) return;
        clearTimeout(timer);
        const ok = typeof id === "string" && ID.test(id) && typeof token === "string" && token.length > 0 &&
          token.length <= 512 && (await verify(id, token).catch(() => false));
        if (!ok) return socket.close(4401, "unauthorized");
        const set = open.get(id as string) ?? new Set<WebSocket>();
        if (set.size >= maxPerSession) return socket.close(4429, "too many connections");
        if (socket.readyState !== socket.OPEN) return;
        sessionId = id as string;
        set.add(socket);
        open.set(sessionId, set);
        unsubscribe = rt.hub.subscribe(sessionId, (replies: Reply[]) =>
          send({ type: "replies", replies, at: new Date().toISOString() }),
        );
        send({ type: "ready" });
      };

      socket.on("message", (data, isBinary) => {
        alive = true;
        if (isBinary) return;
        let msg: { type?: string; sessionId?: unknown; token?: unknown };
        try {
          msg = JSON.parse(data.toString());
        } catch {
          return socket.close(4400, "bad message");
        }
        if (msg.type === "auth") void auth(msg.sessionId, msg.token);
        else if (msg.type === "ping") send({ type: "pong" });
      });
      socket.on("close", () => {
        clearTimeout(timer);
        clearInterval(heartbeat);
        unsubscribe?.();
        if (sessionId) {
          const set = open.get(sessionId);
          set?.delete(socket);
          if (set && set.size === 0) open.delete(sessionId);
        }
      });
      socket.on("error", (err) => rt.log?.warn({ err: err.message }, "webchat socket error"));

      const q = req.query as { sessionId?: string; token?: string };
      if (q?.sessionId && q.token) void auth(q.sessionId, q.token);
    });
  });
}

/**
 * Lets the widget call the web chat API from any site that embeds it: CORS for `/api/chat/*` with
 * `Access-Control-Allow-Origin: *` (safe: the API uses a bearer token, never cookies) and preflight answers.
 */
export function allowWidgetOrigins(app: FastifyInstance): void {
  app.addHook("onRequest", async (req, reply) => {
    if (!req.url.startsWith("/api/chat/") || !req.headers.origin) return;
    reply.header("access-control-allow-origin", "*").header("vary", "origin");
    if (req.method === "OPTIONS") {
      return reply
        .code(204)
        .header("access-control-allow-methods", "GET, POST")
        .header("access-control-allow-headers", "content-type, authorization")
        .header("access-control-max-age", "600")
        .send();
    }
  });
}

/**
 * `GET /widget.js`: the widget bundled once (lazily) with esbuild, locale strings inlined; gzip when the
 * client accepts it, an ETag for revalidation and a short public cache lifetime. Also enables CORS for the
 * API ({@link allowWidgetOrigins}) so the widget works on other sites.
 */
export function serveWidgetAssets(app: FastifyInstance): void {
  allowWidgetOrigins(app);
  let bundle: Promise<WidgetBundle> | undefined;
  app.get("/widget.js", async (req, reply) => {
    bundle ??= buildWidget().catch((err) => {
      bundle = undefined;
      throw err;
    });
    const b = await bundle;
    reply
      .header("content-type", "text/javascript; charset=utf-8")
      .header("cache-control", "public, max-age=300, stale-while-revalidate=86400")
      .header("etag", b.etag)
      .header("vary", "accept-encoding")
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", SCRIPT_CSP)
      .header("cross-origin-resource-policy", "cross-origin");
    if (req.headers["if-none-match"] === b.etag) return reply.code(304).send();
    if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      return reply.header("content-encoding", "gzip").send(b.gzip);
    }
    return reply.send(b.code);
  });
}
