import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server.ts";

const ORIGIN = "https://shop.example.al";
const SID = `AC${"3c".repeat(16)}`;

/** The directives of a Content-Security-Policy header, by name. */
function csp(header: string | null): Record<string, string[]> {
  return Object.fromEntries((header ?? "").split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));
}

describe("security headers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      env: { PUBLIC_URL: "https://rezervo.example.test", TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "twilio-headers-token", TWILIO_SMS_FROM: "+355680000000" },
    });
  });
  afterAll(async () => {
    await server?.close();
  });
  const get = (path: string, init: RequestInit = {}) => fetch(`${server.url}${path}`, { ...init, headers: { origin: ORIGIN, ...init.headers } });

  it("serves the demo page with a CSP that allows no inline or foreign script, and no inline script in it", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    const policy = csp(res.headers.get("content-security-policy"));
    expect(policy["script-src"]).toEqual(["'self'"]);
    expect(policy["default-src"]).toEqual(["'none'"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatch(/^<script src="\/widget\.js"[^>]*><\/script>$/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers
    expect(html).not.toMatch(/javascript:/i);
  });

  it("serves the widget script with nosniff, a CSP and a referrer policy", async () => {
    const res = await get("/widget.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(csp(res.headers.get("content-security-policy"))["default-src"]).toEqual(["'none'"]);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("allows cross-origin calls on the chat API only", async () => {
    const pre = await get("/api/chat/sessions", { method: "OPTIONS", headers: { "access-control-request-method": "POST", "access-control-request-headers": "content-type" } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    const start = await get("/api/chat/sessions", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(start.status).toBe(201);
    expect(start.headers.get("access-control-allow-origin")).toBe("*");
    expect(start.headers.get("x-content-type-options")).toBe("nosniff");

    for (const [path, init] of [
      ["/", {}],
      ["/widget.js", {}],
      ["/healthz", {}],
      ["/no-such-page", {}],
      ["/webhooks/twilio/sms", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "From=%2B355691234567&Body=hi" }],
      ["/webhooks/twilio/sms", { method: "OPTIONS", headers: { "access-control-request-method": "POST" } }],
      ["/api/messages", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
      ["/api/chatx", {}],
    ] as [string, RequestInit][]) {
      const res = await get(path, init);
      expect({ path, method: init.method ?? "GET", cors: res.headers.get("access-control-allow-origin") }).toEqual({ path, method: init.method ?? "GET", cors: null });
      expect({ path, nosniff: res.headers.get("x-content-type-options") }).toEqual({ path, nosniff: "nosniff" });
    }
  });
});
