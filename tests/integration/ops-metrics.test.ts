// What an operator sees: /metrics in Prometheus format (behind a token on the public port, or on a port
// of its own), /healthz and /readyz, and new turns refused politely while the process drains.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookHaircut } from "../support/flows.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";
const TOKEN = "metrics-token-0123456789";

/** The value of one series in a Prometheus text exposition (0 when absent). */
function value(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("metrics behind METRICS_TOKEN on the public port", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const scrape = (token?: string) => fetch(`${server.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("refuses a scrape without the token or with a wrong one", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("not-the-token-at-all")).status).toBe(401);
  });

  it("counts turns by channel and step, bookings, and messages nobody understood — without personal data", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    await c.say("xqzv blorp 0691112233 arta@example.com");
    expect(c.text()).toMatch(/nuk e kuptova/i);
    const { ref } = await bookHaircut(server.url, { day: /26/, time: "11:00", phone: "069 765 4321", email: "besa@example.com" });
    expect(ref).toMatch(/^RZ-/);

    const res = await scrape(TOKEN);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await res.text();
    expect(value(text, 'rezervo_bookings_total{channel="web",outcome="confirmed"}')).toBe(1);
    expect(value(text, 'rezervo_nlu_fallback_total{channel="web"}')).toBe(1);
    // The confirming turn is measured at the step it answered; every handled turn is in the count.
    expect(value(text, 'rezervo_turn_duration_seconds_count{channel="web",step="booking.confirm"}')).toBe(1);
    expect(value(text, 'rezervo_turns_total{channel="web",outcome="handled"}')).toBeGreaterThanOrEqual(9);
    // On one instance every turn after the first runs from its copy of the conversation, the confirming
    // turn too (its booking checks the copy where it writes), and none is given up.
    expect(value(text, 'rezervo_turns_from_copy_total{channel="web",outcome="saved"}')).toBeGreaterThanOrEqual(8);
    expect(value(text, 'rezervo_turns_from_copy_total{channel="web",outcome="given_up"}')).toBe(0);
    expect(text).toMatch(/^# TYPE rezervo_reminder_lag_seconds histogram/m);
    expect(text).toMatch(/^# TYPE rezervo_outbound_failures_total counter/m);
    expect(text).toMatch(/^# TYPE rezervo_ticket_first_response_seconds histogram/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);
    for (const secret of ["0691112233", "691112233", "7654321", "arta@example.com", "besa@example.com", c.sessionId, TOKEN]) {
      expect(text).not.toContain(secret);
    }
  });

  it("is alive and ready: database reachable, migrations applied, the web channel registered", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, phase: "ready", database: true, migrations: true, channels: { web: true } });
  });
});

describe("metrics on a port of their own (METRICS_PORT)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW), env: { METRICS_PORT: "0" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("serves /metrics, /healthz and /readyz there, and nothing of metrics on the public port", async () => {
    const url = server.runtime.features.metrics?.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(url).not.toBe(server.url);
    const m = await fetch(`${url}/metrics`);
    expect(m.status).toBe(200);
    expect(await m.text()).toMatch(/^# HELP rezervo_turn_duration_seconds /m);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });
});

describe("a draining server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ clock: fixedClock(NOW) });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is no longer ready and answers new chat messages 503 with Retry-After, in the customer's language", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await server.runtime.lifecycle.beginDrain();
    const res = await fetch(`${server.url}/api/chat/sessions/${c.sessionId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${c.token}`, "accept-language": "en" },
      body: JSON.stringify({ text: "hello" }),
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).message).toMatch(/send it again in a few seconds/);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, phase: "draining" });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // Nothing of the refused message reached the conversation.
    const history = await server.db.prisma.message.count({ where: { conversationId: c.sessionId, direction: "in" } });
    expect(history).toBe(0);
  });

  it("finishes the drain well within its bound when nothing is in flight", async () => {
    const started = Date.now();
    await server.drain(8000);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await fetch(`${server.url}/healthz`).then(() => "answered", () => "closed")).toBe("closed");
  });
});
