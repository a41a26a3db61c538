import type { WReply } from "./types.ts";
import type { WSession } from "./api.ts";

/** What the live connection reports to the widget. */
export interface LiveEvents {
  onReplies(replies: WReply[]): void;
  /** Fires on every (re)connect after authentication; `again` is false for the first one. */
  onReady(again: boolean): void;
  onState(open: boolean): void;
  /** The server rejected the session (unknown or wrong token). */
  onRejected(): void;
}

/** A WebSocket to /api/chat/ws that authenticates, watches heartbeats and reconnects with backoff. */
export class Live {
  private ws?: WebSocket;
  private stopped = false;
  private attempts = 0;
  private everReady = false;
  private watchdog?: ReturnType<typeof setTimeout>;
  private retryTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly url: string, private readonly session: WSession, private readonly ev: LiveEvents) {
    window.addEventListener("online", this.kick);
  }

  private kick = () => {
    if (this.stopped || (this.ws && this.ws.readyState <= 1)) return;
    clearTimeout(this.retryTimer);
    this.connect();
  };

  connect(): void {
    if (this.stopped) return;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch {
      return this.schedule();
    }
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: "auth", sessionId: this.session.sessionId, token: this.session.token }));
    ws.onmessage = (e) => {
      this.feed();
      let msg: { type?: string; replies?: WReply[] };
      try {
        msg = JSON.parse(String(e.data));
      } catch {
        return;
      }
      if (msg.type === "ready") {
        this.attempts = 0;
        this.ev.onState(true);
        this.ev.onReady(this.everReady);
        this.everReady = true;
      } else if (msg.type === "replies" && Array.isArray(msg.replies)) {
        this.ev.onReplies(msg.replies);
      } else if (msg.type === "ping") {
        ws.send('{"type":"pong"}');
      }
    };
    ws.onclose = (e) => {
      clearTimeout(this.watchdog);
      if (this.ws !== ws) return;
      this.ws = undefined;
      this.ev.onState(false);
      if (e.code === 4401 || e.code === 4404) {
        this.stopped = true;
        this.ev.onRejected();
        return;
      }
      this.schedule();
    };
  }

  /** Any frame from the server proves the connection alive; silence for 70 s means it is dead. */
  private feed(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.ws?.close(), 70000);
  }

  private schedule(): void {
    if (this.stopped) return;
    const base = Math.min(30000, 500 * 2 ** this.attempts++);
    this.retryTimer = setTimeout(() => this.connect(), base / 2 + Math.random() * base / 2);
  }

  get open(): boolean {
    return this.ws?.readyState === 1;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.watchdog);
    window.removeEventListener("online", this.kick);
    this.ws?.close();
  }
}
