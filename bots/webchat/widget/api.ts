import type { WHistoryEntry, WLang, WReply } from "./types.ts";

/** An HTTP answer that is not 2xx; `status` 0 means the network failed. */
export class ApiError extends Error {
  /** The API's error code (`too_long`, `bad_request` ...) when it sent one. */
  constructor(readonly status: number, message: string, readonly code?: string) {
    super(message);
  }
}

/** A stored web chat session. */
export interface WSession {
  sessionId: string;
  token: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until the browser reports it is online (or at most `max` ms). */
function whenOnline(max: number): Promise<void> {
  if (navigator.onLine) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener("online", done);
      resolve();
    };
    const timer = setTimeout(done, max);
    window.addEventListener("online", done);
  });
}

/** A random id for idempotent retries. */
export function newMessageId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

/** The JSON API client; network errors and 5xx answers are retried with backoff. */
export class Api {
  constructor(private readonly base: string) {}

  private async call<T>(method: string, path: string, body?: unknown, token?: string, tries = 5): Promise<T> {
    let delay = 400;
    for (let attempt = 1; ; attempt++) {
      let status = 0;
      try {
        const headers: Record<string, string> = {};
        if (body !== undefined) headers["content-type"] = "application/json";
        if (token) headers.authorization = `Bearer ${token}`;
        const res = await fetch(this.base + path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        status = res.status;
        if (res.ok) return (await res.json()) as T;
        if (status < 500 && status !== 429) {
          const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
          throw new ApiError(status, `HTTP ${status}`, typeof body?.error === "string" ? body.error : undefined);
        }
      } catch (err) {
        if (err instanceof ApiError) throw err;
      }
      if (attempt >= tries) throw new ApiError(status, "unreachable");
      await whenOnline(15000);
      await sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  }

  start(lang: WLang, business?: string): Promise<WSession & { replies: WReply[] }> {
    return this.call("POST", "/api/chat/sessions", business ? { lang, business } : { lang }, undefined, 3);
  }

  send(s: WSession, input: { text: string } | { choice: string }, clientMessageId: string): Promise<{ replies: WReply[] }> {
    return this.call("POST", `/api/chat/sessions/${encodeURIComponent(s.sessionId)}/messages`, { ...input, clientMessageId }, s.token);
  }

  history(s: WSession): Promise<{ messages: WHistoryEntry[] }> {
    return this.call("GET", `/api/chat/sessions/${encodeURIComponent(s.sessionId)}/messages`, undefined, s.token, 3);
  }
}
