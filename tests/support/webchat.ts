import type { Reply } from "../../core/conversation/messages.ts";

/** A web chat customer talking to the JSON API, for tests and the bench. */
export class WebChatClient {
  sessionId = "";
  token = "";
  last: Reply[] = [];

  constructor(private readonly baseUrl: string) {}

  async start(body: { lang?: "sq" | "en"; business?: string } = {}): Promise<Reply[]> {
    const res = await fetch(`${this.baseUrl}/api/chat/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`start: ${res.status} ${await res.text()}`);
    const json = (await res.json()) as { sessionId: string; token: string; replies: Reply[] };
    this.sessionId = json.sessionId;
    this.token = json.token;
    this.last = json.replies;
    return json.replies;
  }

  /** Sends raw JSON, returns status and body. */
  async post(body: unknown, token = this.token): Promise<{ status: number; json: any }> {
    const res = await fetch(`${this.baseUrl}/api/chat/sessions/${this.sessionId}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }

  async say(text: string, clientMessageId?: string): Promise<Reply[]> {
    const { status, json } = await this.post({ text, ...(clientMessageId ? { clientMessageId } : {}) });
    if (status !== 200) throw new Error(`say: ${status} ${JSON.stringify(json)}`);
    this.last = json.replies;
    return json.replies;
  }

  /** Presses the choice (of the last replies) whose label matches. */
  async pick(label: RegExp | string, clientMessageId?: string): Promise<Reply[]> {
    const id = this.choiceId(label);
    const { status, json } = await this.post({ choice: id, ...(clientMessageId ? { clientMessageId } : {}) });
    if (status !== 200) throw new Error(`pick: ${status} ${JSON.stringify(json)}`);
    this.last = json.replies;
    return json.replies;
  }

  /** The id of a choice in the last replies. */
  choiceId(label: RegExp | string, replies = this.last): string {
    const all = replies.flatMap((r) => r.choices ?? []);
    const c = all.find((x) => (typeof label === "string" ? x.label === label : label.test(x.label)));
    if (!c) throw new Error(`no choice ${label} in ${JSON.stringify(all.map((x) => x.label))}`);
    return c.id;
  }

  /** All the text of the last replies. */
  text(replies = this.last): string {
    return replies.map((r) => r.text).join("\n");
  }
}
