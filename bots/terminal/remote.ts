import type { Reply } from "../../core/conversation/messages.ts";
import { chatLoop, type ChatIo, type ChatPeer } from "./chat.ts";

/** A web chat session on a running server, spoken through its JSON API. */
export class WebChatPeer implements ChatPeer {
  private session = { id: "", token: "" };
  private last: Reply[] = [];

  constructor(private readonly baseUrl: string, private readonly lang: "sq" | "en") {}

  private async call(path: string, body: unknown): Promise<Reply[]> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": this.lang, ...(this.session.token ? { authorization: `Bearer ${this.session.token}` } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as { sessionId?: string; token?: string; replies?: Reply[]; message?: string };
    // The server's error answers carry a message in the customer's language: show it as the bot's reply.
    if (!res.ok || !json.replies) return [{ text: json.message ?? `HTTP ${res.status}` }];
    if (json.sessionId && json.token) this.session = { id: json.sessionId, token: json.token };
    this.last = json.replies;
    return json.replies;
  }

  first(): Promise<Reply[]> {
    return this.call("/api/chat/sessions", { lang: this.lang });
  }

  /** A number picks that choice of the last replies (numbered across them, as printed); anything else is text. */
  say(text: string): Promise<Reply[]> {
    const choices = this.last.flatMap((r) => r.choices ?? []);
    const n = /^\d{1,2}$/.test(text) ? Number(text) : 0;
    const body = n >= 1 && n <= choices.length ? { choice: choices[n - 1]!.id } : { text };
    return this.call(`/api/chat/sessions/${encodeURIComponent(this.session.id)}/messages`, body);
  }
}

/** True when a Rezervo server answers its health check at `baseUrl` (within `timeoutMs`). */
export async function serverAnswers(baseUrl: string, timeoutMs = 2000): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok && ((await res.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}

/** The terminal chat through a running server's web chat API (a new conversation each time). */
export async function runRemoteTerminalChat(baseUrl: string, lang: "sq" | "en", io?: ChatIo): Promise<void> {
  await chatLoop(new WebChatPeer(baseUrl, lang), io);
}
