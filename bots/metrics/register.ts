import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import type { Config } from "../../core/config.ts";
import type { Contribution, FeatureModule, Kernel } from "../module.ts";
import { readinessCheck } from "../ops/health.ts";
import { createPromMetrics, type PromMetrics } from "./prom.ts";

/** Where /metrics is served, from the configuration. */
export type MetricsExposure = { kind: "port"; host: string; port: number; token?: string } | { kind: "token"; token: string } | { kind: "off" };

/**
 * METRICS_PORT set: a listener of its own on METRICS_HOST:METRICS_PORT (default host 127.0.0.1) serves
 * /metrics, /healthz and /readyz, and the public port has no /metrics. Otherwise /metrics is on the
 * public port behind `Authorization: Bearer $METRICS_TOKEN`, and off without a token.
 */
export function metricsExposure(c: Config): MetricsExposure {
  if (c.METRICS_PORT !== undefined) return { kind: "port", host: c.METRICS_HOST, port: c.METRICS_PORT, token: c.METRICS_TOKEN };
  if (c.METRICS_TOKEN) return { kind: "token", token: c.METRICS_TOKEN };
  return { kind: "off" };
}

function sameToken(header: string | undefined, token: string): boolean {
  const given = header?.startsWith("Bearer ") ? header.slice(7).trim() : "";
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** The parts of the metrics module (`rt.features.metrics`). */
export interface MetricsFeatures extends PromMetrics {
  exposure: MetricsExposure;
  /** The separate metrics listener's URL, when METRICS_PORT is set and it listens. */
  url?: string;
}

function metricsListener(rt: Kernel, parts: MetricsFeatures, e: Extract<MetricsExposure, { kind: "port" }>) {
  const ready = readinessCheck(rt, rt.lifecycle);
  const send = (res: ServerResponse, status: number, type: string, body: string) => {
    res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    res.end(body);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "GET") return send(res, 405, "text/plain", "method not allowed");
    if (path === "/healthz") return send(res, 200, "application/json", JSON.stringify({ ok: true, phase: rt.lifecycle.phase }));
    if (path === "/readyz") {
      const r = await ready();
      return send(res, r.ready ? 200 : 503, "application/json", JSON.stringify(r));
    }
    if (path !== "/metrics") return send(res, 404, "text/plain", "not found");
    if (e.token && !sameToken(req.headers.authorization, e.token)) return send(res, 401, "text/plain", "unauthorized");
    return send(res, 200, parts.registry.contentType, await parts.registry.metrics());
  };
  return async () => {
    const server: Server = createServer((req, res) => {
      handle(req, res).catch((err) => {
        rt.log.warn({ err }, "metrics request failed");
        if (!res.headersSent) send(res, 500, "text/plain", "error");
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(e.port, e.host, () => resolve());
    });
    const addr = server.address();
    const port = typeof addr === "object" && addr ? addr.port : e.port;
    parts.url = `http://${e.host.includes(":") ? `[${e.host}]` : e.host}:${port}`;
    rt.log.info({ url: parts.url }, "metrics listening");
    return () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  };
}

/**
 * Prometheus metrics (prom-client): binds the domain's observer to rezervo_* metrics plus the default
 * process metrics, and serves them (see {@link metricsExposure}). The server and the worker expose
 * them; the terminal chat does not.
 */
export const metricsModule: FeatureModule<"metrics", MetricsFeatures> = {
  name: "metrics",
  setup(rt) {
    if (rt.role === "chat") return null;
    const exposure = metricsExposure(rt.config);
    const parts: MetricsFeatures = { ...createPromMetrics(), exposure };
    const out: Contribution<MetricsFeatures> = { observers: [parts.observer], parts };
    if (exposure.kind === "port") {
      out.jobs = [{ name: "metrics listener", roles: ["server", "worker"], start: metricsListener(rt, parts, exposure) }];
    } else if (exposure.kind === "token") {
      const token = exposure.token;
      out.routes = [(app: FastifyInstance) => {
        app.get("/metrics", async (req, res) => {
          if (!sameToken(req.headers.authorization, token)) return res.code(401).header("www-authenticate", "Bearer").send({ error: "unauthorized" });
          return res.header("content-type", parts.registry.contentType).header("cache-control", "no-store").send(await parts.registry.metrics());
        });
      }];
    } else if (rt.role === "server") {
      rt.log.info("metrics are not served: set METRICS_PORT (a port of their own) or METRICS_TOKEN (bearer on the public port)");
    }
    return out;
  },
};
