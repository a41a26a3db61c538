/**
 * Rezervo web chat widget: `<script src="https://host/widget.js" data-business="slug" data-lang="sq">`.
 * Plain DOM in a shadow root; strings come from locales/<lang>/widget.json, inlined at serve time.
 */
import { Api, ApiError, newMessageId, type WSession } from "./api.ts";
import { Live } from "./socket.ts";
import type { WChoice, WHistoryEntry, WLang, WReply } from "./types.ts";
import { MAX_WEB_TEXT, View } from "./view.ts";

interface Stored extends WSession {
  lang: WLang;
}

const LANG_CHOICE = /^g\.lang:(sq|en)$/;
const script = document.currentScript as HTMLScriptElement | null;

function boot(): void {
  const w = window as unknown as { __rezervoWidget?: boolean };
  if (w.__rezervoWidget) return;
  w.__rezervoWidget = true;

  const src = new URL(script?.src || location.href, location.href);
  const base = new URL(".", src).href.replace(/\/$/, "");
  const business = script?.dataset.business?.trim() || undefined;
  const key = `rezervo.webchat.${business ?? "*"}`;
  const api = new Api(base);
  const wsUrl = base.replace(/^http/, "ws") + "/api/chat/ws";

  const load = (): Stored | null => {
    try {
      const v = JSON.parse(localStorage.getItem(key) || "null");
      return v && typeof v.sessionId === "string" && typeof v.token === "string" ? v : null;
    } catch {
      return null;
    }
  };
  const save = (v: Stored | null) => {
    try {
      if (v) localStorage.setItem(key, JSON.stringify(v));
      else localStorage.removeItem(key);
    } catch {
      /* storage may be unavailable (private mode): the chat still works for this page */
    }
  };
  const toLang = (x?: string | null): WLang => ((x ?? "").toLowerCase().startsWith("en") ? "en" : "sq");

  let stored = load();
  let lang: WLang = stored?.lang ?? toLang(script?.dataset.lang || document.documentElement.lang || navigator.language);
  let session: WSession | undefined;
  let live: Live | undefined;
  let liveWasOpen = false;
  let connects = 0;
  let isOpen = false;
  let started: Promise<void> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let sentByUser = 0;
  /** Customer bubbles whose request has not finished yet, oldest first. */
  const pending: HTMLElement[] = [];
  /** How many server-side history entries the log shows (to catch up after a reconnect). */
  let shown = 0;

  const host = document.createElement("div");
  host.id = "rezervo-webchat";
  document.body.append(host);
  const view = new View(host, lang, {
    open,
    close,
    send: (text) => submit({ text }, text),
    choose: (c: WChoice) => {
      // The bot's own language button: follow it in the widget's texts too.
      const m = /^g\.lang(?::(sq|en))?$/.exec(c.id);
      if (m) setLang((m[1] as WLang | undefined) ?? (lang === "sq" ? "en" : "sq"));
      submit({ choice: c.id }, c.label);
    },
    switchLang,
  });

  function status(): void {
    host.dataset.live = live?.open ? "open" : "closed";
    if (!navigator.onLine) view.setStatus(view.s("offline"));
    else if (liveWasOpen && live && !live.open) view.setStatus(view.s("reconnecting"));
    else view.setStatus(null);
  }
  window.addEventListener("online", status);
  window.addEventListener("offline", status);

  function showReplies(replies: WReply[], fromLive = false): void {
    replies.forEach((r, i) => view.addOut(r, i === replies.length - 1));
    shown += replies.length;
    if (fromLive && !isOpen && replies.length) view.setUnread(true);
  }

  function showHistory(entries: WHistoryEntry[]): void {
    entries.forEach((m, i) => {
      if (m.direction === "in" && LANG_CHOICE.test(m.text)) return; // the header's language switch
      if (m.direction === "in") {
        view.addIn(m.text);
        sentByUser++;
      } else view.addOut(m, i === entries.length - 1);
    });
    shown += entries.length;
  }

  function connect(): void {
    live?.stop();
    const s = session!;
    live = new Live(wsUrl, s, {
      onReplies: (r) => showReplies(r, true),
      onState: (open) => {
        if (open) liveWasOpen = true;
        status();
      },
      onReady: (again) => {
        host.dataset.connects = String(++connects);
        if (!again) return;
        // Catch up on anything published while the socket was down.
        api.history(s).then(({ messages }) => {
          if (session !== s || messages.length <= shown) return;
          view.disableChoices();
          showHistory(messages.slice(shown));
        }, () => undefined);
      },
      onRejected: () => undefined,
    });
    live.connect();
  }

  async function fresh(note?: string): Promise<void> {
    live?.stop();
    live = undefined;
    liveWasOpen = false;
    session = undefined;
    view.clearLog();
    shown = 0;
    sentByUser = 0;
    const res = await api.start(lang, business);
    session = { sessionId: res.sessionId, token: res.token };
    save((stored = { ...session, lang }));
    if (note) view.addNote(note);
    showReplies(res.replies);
  }

  async function resume(s: Stored): Promise<void> {
    view.setBusy(true);
    try {
      const { messages } = await api.history(s);
      session = { sessionId: s.sessionId, token: s.token };
      showHistory(messages);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 404)) {
        save(null);
        await fresh(view.s("sessionReset"));
      } else throw err;
    } finally {
      view.setBusy(false);
    }
  }

  function ensureStarted(): Promise<void> {
    started ??= (stored ? resume(stored) : fresh())
      .then(() => connect())
      .catch((err) => {
        started = undefined;
        view.addError(view.s("startFailed"), () => void ensureStarted());
        throw err;
      });
    return started;
  }

  function open(): void {
    isOpen = true;
    view.setOpen(true);
    status();
    view.input.focus();
    void ensureStarted().catch(() => undefined);
  }

  function close(): void {
    isOpen = false;
    view.setOpen(false);
    view.launcher.focus();
  }

  function submit(input: { text: string } | { choice: string }, label: string, silent = false): void {
    if ("text" in input && input.text.length > MAX_WEB_TEXT) return view.addError(view.tooLong(input.text.length));
    view.disableChoices();
    const bubble = silent ? undefined : view.addIn(label);
    if (!silent) view.input.focus();
    const id = newMessageId();
    const attempt = (): void => {
      if (bubble && !pending.includes(bubble)) pending.push(bubble);
      queue = queue.then(async () => {
        try {
          await ensureStarted();
        } catch {
          bubble?.classList.add("failed");
          return;
        } finally {
          if (bubble) pending.splice(pending.indexOf(bubble), 1);
        }
        const s = session!;
        view.setTyping(true);
        try {
          const { replies } = await api.send(s, input, id);
          bubble?.classList.remove("failed");
          shown += 1;
          if (!silent) sentByUser++;
          view.anchor = pending[0];
          showReplies(replies);
          view.anchor = undefined;
        } catch (err) {
          const st = err instanceof ApiError ? err.status : 0;
          if (st === 401 || st === 404) {
            save((stored = null));
            started = fresh(view.s("sessionReset")).then(() => connect());
            await started.catch(() => view.addError(view.s("startFailed")));
          } else if (st === 400 || st === 413) {
            bubble?.classList.add("failed");
            const long = (err as ApiError).code === "too_long" || st === 413;
            view.addError(long && "text" in input ? view.tooLong(input.text.length) : view.s("sendFailed"));
          } else {
            bubble?.classList.add("failed");
            view.addError(view.s("sendFailed"), attempt);
          }
        } finally {
          view.setTyping(false);
        }
      });
    };
    attempt();
  }

  function setLang(next: WLang): void {
    lang = next;
    view.setLang(lang);
    if (stored) save((stored = { ...stored, lang }));
  }

  function switchLang(): void {
    setLang(lang === "sq" ? "en" : "sq");
    if (!session) return;
    // Before the customer has said anything, start over in the new language; later, ask the bot to switch.
    if (sentByUser === 0) {
      started = fresh().then(() => connect());
      started.catch(() => view.addError(view.s("startFailed")));
    } else submit({ choice: `g.lang:${lang}` }, "", true);
  }

  if (stored) void ensureStarted().catch(() => undefined);
}

if (document.body) boot();
else document.addEventListener("DOMContentLoaded", boot);
