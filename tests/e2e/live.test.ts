// The widget's server side: /api/chat/ws (auth, push), /widget.js (headers, gzip, ETag) and the demo page.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startServer, type RunningServer } from "../../bots/server.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";

let db: TestDatabase;
let server: RunningServer;
let dataDir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), "rezervo-live-"));
  server = await startServer({ prisma: db.prisma, prismaUrl: db.url, env: { PORT: "0", LOG_LEVEL: "warn", DATA_DIR: dataDir } });
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newSession(): Promise<{ sessionId: string; token: string }> {
  const res = await fetch(`${server.url}/api/chat/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(res.status).toBe(201);
  return (await res.json()) as { sessionId: string; token: string };
}

/** Opens a socket and collects its JSON messages; resolves `closed` with the close code. */
function connect(query = "") {
  const ws = new WebSocket(`${server.url.replace("http", "ws")}/api/chat/ws${query}`);
  const messages: Array<{ type: string; replies?: Array<{ text: string }> }> = [];
  const waiters: Array<() => void> = [];
  ws.on("message", (d) => {
    messages.push(JSON.parse(d.toString()));
    waiters.splice(0).forEach((w) => w());
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
  const next = async (type: string) => {
    for (;;) {
      const found = messages.find((m) => m.type === type);
      if (found) return found;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { ws, opened, closed, next };
}

describe("live web chat socket", () => {
  it("pushes bot-initiated replies to the session's sockets after authentication", async () => {
    const s = await newSession();
    const a = connect();
    await a.opened;
    a.ws.send(JSON.stringify({ type: "auth", sessionId: s.sessionId, token: s.token }));
    await a.next("ready");
    const b = connect(`?sessionId=${s.sessionId}&token=${encodeURIComponent(s.token)}`);
    await b.next("ready");

    await server.runtime.notifier.sendToConversation(s.sessionId, [{ text: "Stafi: ju kemi shkruar." }]);
    for (const c of [a, b]) expect((await c.next("replies")).replies?.[0].text).toBe("Stafi: ju kemi shkruar.");
    a.ws.close();
    b.ws.close();
  });

  it("closes with 4401 for a wrong token or an unknown session, and delivers nothing", async () => {
    const s = await newSession();
    const wrong = connect();
    await wrong.opened;
    wrong.ws.send(JSON.stringify({ type: "auth", sessionId: s.sessionId, token: "not-the-token" }));
    expect(await wrong.closed).toBe(4401);

    const unknown = connect();
    await unknown.opened;
    unknown.ws.send(JSON.stringify({ type: "auth", sessionId: "no-such-session", token: s.token }));
    expect(await unknown.closed).toBe(4401);

    const other = await newSession();
    const foreign = connect(`?sessionId=${other.sessionId}&token=${encodeURIComponent(s.token)}`);
    expect(await foreign.closed).toBe(4401);
  });

  it("answers garbage with a close, not a crash", async () => {
    const c = connect();
    await c.opened;
    c.ws.send("{not json");
    expect(await c.closed).toBe(4400);
  });
});

describe("widget assets and demo page", () => {
  it("serves widget.js as JavaScript, gzipped on request, revalidated by ETag", async () => {
    const gz = await fetch(`${server.url}/widget.js`, { headers: { "accept-encoding": "gzip" } });
    expect(gz.status).toBe(200);
    expect(gz.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(gz.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const etag = gz.headers.get("etag");
    expect(etag).toBeTruthy();
    const code = (await gz.text()).length;
    expect(code).toBeGreaterThan(1000);

    const raw = await fetch(`${server.url}/widget.js`, { headers: { "accept-encoding": "identity" } });
    expect(raw.headers.get("content-encoding")).toBeNull();
    const len = Number(raw.headers.get("content-length"));
    await raw.arrayBuffer();

    // Node's fetch decodes gzip itself; check the wire size with a raw request.
    const http = await import("node:http");
    const wire = await new Promise<Buffer>((resolve, reject) => {
      http.get(`${server.url}/widget.js`, { headers: { "accept-encoding": "gzip" } }, (res) => {
        expect(res.headers["content-encoding"]).toBe("gzip");
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
      });
    });
    expect(wire.length).toBeLessThan(30 * 1024);
    expect(gunzipSync(wire).length).toBe(len);

    const again = await fetch(`${server.url}/widget.js`, { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
  });

  it("serves the demo page with one script tag, for the marketplace or one business", async () => {
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain('<html lang="sq">');
    expect(page.match(/<script\b/g)).toHaveLength(1);
    expect(page).toMatch(/<script src="\/widget\.js" data-lang="sq" defer><\/script>/);
    const biz = await (await fetch(`${server.url}/?business=berberi-ardit&lang=en`)).text();
    expect(biz).toMatch(/<script src="\/widget\.js" data-business="berberi-ardit" data-lang="en" defer>/);
    const evil = await (await fetch(`${server.url}/?business=${encodeURIComponent('"><script>alert(1)</script>')}`)).text();
    expect(evil.match(/<script\b/g)).toHaveLength(1);
    expect(evil).not.toContain("data-business");
  });
});
