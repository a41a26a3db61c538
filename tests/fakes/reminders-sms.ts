// A stand-in SMS provider on 127.0.0.1 for reminder tests and the bench, with a ChannelSender that
// posts to it. Used only when the real Twilio sender is not registered on the runtime.
import { closeServer, listenLocal } from "./http.ts";
import { createServer, type Server } from "node:http";
import { renderNumbered } from "../../bots/render.ts";
import type { ChannelAddress, ChannelSender, Reply } from "../../core/conversation/messages.ts";

/** A message the fake provider accepted. */
export interface FakeSms {
  to: string;
  body: string;
}

/** A running fake SMS provider. */
export interface FakeSmsProvider {
  url: string;
  messages: FakeSms[];
  /** Refuse the next `n` messages with HTTP 503. */
  failNext(n: number): void;
  /** Answer each message after `ms` (0: at once). */
  answerAfter(ms: number): void;
  /** The most messages being answered at the same time so far; `resetPeak` starts counting again. */
  peakInFlight(): number;
  resetPeak(): void;
  waitFor(pred: (m: FakeSms[]) => boolean, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts the fake provider on a free port. */
export async function startFakeSmsProvider(): Promise<FakeSmsProvider> {
  const messages: FakeSms[] = [];
  let failing = 0;
  let delay = 0;
  let inFlight = 0;
  let peak = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    inFlight++;
    peak = Math.max(peak, inFlight);
    res.on("finish", () => inFlight--);
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => (delay ? setTimeout(answer, delay) : answer()));
    const answer = () => {
      if (failing > 0) {
        failing--;
        res.writeHead(503).end();
        return;
      }
      const msg = JSON.parse(Buffer.concat(chunks).toString("utf8")) as FakeSms;
      messages.push(msg);
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sid: `SM${messages.length}` }));
    };
  });
  server.keepAliveTimeout = 60_000;
  const url = await listenLocal(server);
  return {
    url,
    messages,
    failNext(n) {
      failing = n;
    },
    answerAfter(ms) {
      delay = ms;
    },
    peakInFlight: () => peak,
    resetPeak() {
      peak = inFlight;
    },
    async waitFor(pred, ms = 15_000) {
      const until = Date.now() + ms;
      while (!pred(messages)) {
        if (Date.now() > until) throw new Error(`fake SMS: condition not met (${messages.length} messages)`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () => closeServer(server),
  };
}

/** A sender for channel "sms" that posts GSM-7 text to the fake provider. */
export function fakeSmsSender(url: string): ChannelSender {
  return {
    channel: "sms",
    async send(address: ChannelAddress, replies: Reply[]) {
      const body = renderNumbered(replies, { gsm7: true }).join("\n\n");
      const res = await fetch(`${url}/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ to: address.externalId, body }) });
      if (!res.ok) throw new Error(`fake SMS provider answered ${res.status}`);
    },
  };
}
