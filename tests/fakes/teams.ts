// A fake Bot Framework connector on 127.0.0.1: records the activities the bot posts to conversations.
import { closeServer, listenLocal } from "./http.ts";
import { createServer, type Server } from "node:http";

/** One activity the bot sent. */
export interface ConnectorPost {
  conversationId: string;
  authorization?: string;
  activity: Record<string, any>;
}

/** A fake connector service (the serviceUrl of incoming activities). */
export class FakeConnector {
  readonly posts: ConnectorPost[] = [];
  private server?: Server;
  private seq = 0;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c) => chunks.push(c as Buffer));
      req.on("end", () => {
        const m = (req.url ?? "").match(/^\/v3\/conversations\/([^/]+)\/activities/);
        if (req.method !== "POST" || !m) {
          res.writeHead(404).end();
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        this.posts.push({ conversationId: decodeURIComponent(m[1]), authorization: req.headers.authorization, activity: raw ? JSON.parse(raw) : {} });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: `sent-${++this.seq}` }));
      });
    });
    const base = await listenLocal(this.server);
    this.url = `${base}/`;
    return this;
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }
}

/** Builds Bot Framework activities from one Teams user in one conversation. */
export class TeamsUser {
  private seq = 0;
  constructor(readonly serviceUrl: string, readonly conversationId: string, readonly name = "Arta Hoxha") {}

  activity(extra: Record<string, unknown>): Record<string, unknown> {
    return {
      type: "message",
      id: `${this.conversationId}-act-${++this.seq}`,
      timestamp: new Date().toISOString(),
      channelId: "msteams",
      serviceUrl: this.serviceUrl,
      locale: "sq-AL",
      from: { id: "29:user-1", name: this.name },
      recipient: { id: "28:rezervo-bot", name: "Rezervo" },
      conversation: { id: this.conversationId, conversationType: "personal" },
      ...extra,
    };
  }
}
