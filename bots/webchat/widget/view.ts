import { INBOUND_TEXT_LIMIT } from "../../../core/conversation/sanitize.ts";
import { CSS } from "./styles.ts";
import type { WChoice, WLang, WReply, WStrings } from "./types.ts";

/** What the view asks the controller to do. */
export interface ViewHandlers {
  open(): void;
  close(): void;
  send(text: string): void;
  choose(choice: WChoice): void;
  switchLang(): void;
}

/** The longest message the web chat takes (the API refuses longer ones too). */
export const MAX_WEB_TEXT = INBOUND_TEXT_LIMIT.web;

const ICON = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';

/** Creates an element with a class and optional text (always set as text, never parsed as HTML). */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Splits a day label such as "e enjte, 26 nëntor" into weekday / day number / month. */
function dayParts(label: string): [string, string, string] | null {
  const m = /^(.*?)[,\s]+(\d{1,2})[\s./]+(.+)$/.exec(label.trim());
  return m ? [m[1], m[2], m[3]] : null;
}

/** The widget's DOM inside a shadow root: launcher, panel, message log, composer. */
export class View {
  readonly launcher = el("button", "launch");
  readonly panel = el("section", "panel");
  readonly log = el("div", "log");
  readonly input = el("input");
  private readonly badge = el("span", "badge");
  private readonly statusEl = el("div", "status");
  private readonly typingEl = el("div", "typing");
  private readonly langBtn = el("button");
  /** Says the typed text is over the limit (the text is kept, never cut). */
  private readonly limitEl = el("p", "limit");
  private readonly texts: Array<[HTMLElement, string, string?]> = [];
  private strings: WStrings;
  /** When set (and still shown), new bot replies go before it: a customer message queued after them. */
  anchor?: HTMLElement;

  constructor(host: HTMLElement, lang: WLang, private readonly h: ViewHandlers) {
    this.strings = __REZERVO_STRINGS__[lang];
    const root = host.attachShadow({ mode: "open" });
    const style = el("style");
    style.textContent = CSS;

    const launchLabel = el("span");
    this.launcher.innerHTML = ICON; // static markup, no data
    this.launcher.append(launchLabel, this.badge);
    this.launcher.type = "button";
    this.launcher.setAttribute("aria-haspopup", "dialog");
    this.launcher.setAttribute("aria-expanded", "false");
    this.badge.hidden = true;
    this.t(launchLabel, "bot");
    this.t(this.launcher, "open", "aria-label");
    this.launcher.onclick = () => h.open();

    this.panel.hidden = true;
    this.panel.setAttribute("role", "dialog");
    this.panel.setAttribute("aria-labelledby", "rz-title");
    const header = el("header");
    const titles = el("div", "t");
    const h2 = el("h2");
    h2.id = "rz-title";
    const sub = el("p");
    titles.append(h2, sub);
    this.t(h2, "title");
    this.t(sub, "subtitle");
    this.langBtn.type = "button";
    this.t(this.langBtn, "langButton");
    this.t(this.langBtn, "switchLang", "aria-label");
    this.langBtn.onclick = () => h.switchLang();
    const closeBtn = el("button", undefined, "✕");
    closeBtn.type = "button";
    this.t(closeBtn, "close", "aria-label");
    closeBtn.onclick = () => h.close();
    header.append(titles, this.langBtn, closeBtn);

    this.statusEl.setAttribute("role", "status");
    this.statusEl.hidden = true;
    this.log.setAttribute("role", "log");
    this.log.setAttribute("aria-live", "polite");
    this.log.setAttribute("aria-relevant", "additions");
    this.log.tabIndex = 0;
    this.typingEl.append(el("i"), el("i"), el("i"));
    this.typingEl.setAttribute("role", "status");
    const typingText = el("span", "sr");
    this.typingEl.append(typingText);
    this.t(typingText, "typing");
    this.typingEl.hidden = true;

    const form = el("form");
    const label = el("label", "sr");
    label.htmlFor = "rz-input";
    this.t(label, "inputLabel");
    this.input.id = "rz-input";
    this.input.autocomplete = "off";
    // No maxLength: a pasted text is never cut without a word; the note below says what is too much.
    this.t(this.input, "placeholder", "placeholder");
    this.limitEl.id = "rz-limit";
    this.limitEl.setAttribute("role", "alert");
    this.limitEl.hidden = true;
    this.input.setAttribute("aria-describedby", "rz-limit");
    this.input.addEventListener("input", () => {
      if (!this.limitEl.hidden || this.input.value.length > MAX_WEB_TEXT) this.checkLength();
    });
    const send = el("button");
    send.type = "submit";
    this.t(send, "send");
    form.append(label, this.input, send);
    form.onsubmit = (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text || !this.checkLength()) return;
      this.input.value = "";
      h.send(text);
    };
    this.panel.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.preventDefault();
        h.close();
      }
    });
    this.panel.append(header, this.statusEl, this.log, this.typingEl, this.limitEl, form);
    root.append(style, this.launcher, this.panel);
  }

  private t(node: HTMLElement, key: string, attr?: string): void {
    this.texts.push([node, key, attr]);
    this.apply(node, key, attr);
  }

  private apply(node: HTMLElement, key: string, attr?: string): void {
    const v = this.strings[key] ?? key;
    if (attr) node.setAttribute(attr, v);
    else node.textContent = v;
  }

  s(key: string): string {
    return this.strings[key] ?? key;
  }

  /** "The message is too long" with the count and the limit filled in. */
  tooLong(count: number): string {
    return this.s("tooLong").replace(/\{\{\s*count\s*\}\}/g, String(count)).replace(/\{\{\s*max\s*\}\}/g, String(MAX_WEB_TEXT));
  }

  /** Shows or hides the over-the-limit note for the typed text; true when it may be sent. */
  private checkLength(): boolean {
    const n = this.input.value.trim().length;
    const over = n > MAX_WEB_TEXT;
    this.limitEl.hidden = !over;
    this.limitEl.textContent = over ? this.tooLong(n) : "";
    this.input.setAttribute("aria-invalid", String(over));
    return !over;
  }

  setLang(lang: WLang): void {
    this.strings = __REZERVO_STRINGS__[lang];
    for (const [node, key, attr] of this.texts) this.apply(node, key, attr);
    if (!this.limitEl.hidden) this.checkLength();
  }

  setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.launcher.hidden = open;
    this.launcher.setAttribute("aria-expanded", String(open));
    if (open) this.setUnread(false);
  }

  setUnread(on: boolean): void {
    this.badge.hidden = !on;
    this.launcher.setAttribute("aria-label", this.s("open") + (on ? ". " + this.s("unread") : ""));
  }

  setBusy(busy: boolean): void {
    this.log.setAttribute("aria-busy", String(busy));
  }

  setStatus(text: string | null): void {
    this.statusEl.hidden = text === null;
    this.statusEl.textContent = text ?? "";
  }

  setTyping(on: boolean): void {
    this.typingEl.hidden = !on;
    if (on) this.scroll();
  }

  private scroll(): void {
    this.log.scrollTop = this.log.scrollHeight;
    if (!this.typingEl.hidden) this.typingEl.scrollIntoView?.({ block: "nearest" });
  }

  private put(node: HTMLElement): void {
    if (this.anchor?.isConnected) this.log.insertBefore(node, this.anchor);
    else this.log.append(node);
  }

  private who(key: string): HTMLElement {
    return el("span", "sr", this.s(key) + ": ");
  }

  /** A customer message. */
  addIn(text: string): HTMLElement {
    const b = el("div", "msg in");
    b.append(this.who("you"), document.createTextNode(text));
    this.log.append(b);
    this.scroll();
    return b;
  }

  /** A bot reply; its choices are live only while `active`. */
  addOut(r: WReply, active: boolean): void {
    const b = el("div", "msg out");
    b.append(this.who("bot"), document.createTextNode(r.text ?? ""));
    if (r.link && /^https?:$/.test(safeProtocol(r.link.url))) {
      const a = el("a", undefined, r.link.label || r.link.url);
      a.href = r.link.url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.append(el("span", "sr", " " + this.s("newLink")));
      b.append(document.createElement("br"), a);
    }
    this.put(b);
    if (active && r.choices?.length) this.addChoices(r.choices, r.kind === "days");
    this.scroll();
  }

  private addChoices(choices: WChoice[], days: boolean): void {
    const dayChoices = days ? choices.filter((c) => /\d/.test(c.label)) : [];
    const rest = choices.filter((c) => !dayChoices.includes(c));
    if (dayChoices.length) {
      const grid = el("div", "days");
      grid.setAttribute("role", "group");
      this.t(grid, "daysLabel", "aria-label");
      for (const c of dayChoices) {
        const btn = this.choiceButton(c);
        const parts = dayParts(c.label);
        if (parts) {
          btn.setAttribute("aria-label", c.label);
          btn.append(el("small", undefined, parts[0]), el("b", undefined, parts[1]), el("small", undefined, parts[2]));
        } else btn.textContent = c.label;
        grid.append(btn);
      }
      grid.addEventListener("keydown", (e) => gridKeys(grid, e));
      this.put(grid);
    }
    if (rest.length) {
      const row = el("div", "choices");
      row.setAttribute("role", "group");
      this.t(row, "choicesLabel", "aria-label");
      for (const c of rest) {
        const btn = this.choiceButton(c);
        btn.textContent = c.label;
        row.append(btn);
      }
      this.put(row);
    }
  }

  private choiceButton(c: WChoice): HTMLButtonElement {
    const btn = el("button");
    btn.type = "button";
    btn.dataset.choice = c.id;
    btn.onclick = () => this.h.choose(c);
    return btn;
  }

  /** Disables every choice shown so far (the customer has moved on). */
  disableChoices(): void {
    this.log.querySelectorAll<HTMLButtonElement>("button[data-choice]").forEach((b) => (b.disabled = true));
  }

  addNote(text: string): void {
    this.log.append(el("div", "note", text));
    this.scroll();
  }

  /** An error line, with a retry button when `retry` is given. */
  addError(text: string, retry?: () => void): void {
    const box = el("div", "err", text);
    box.setAttribute("role", "alert");
    if (retry) {
      const b = el("button", undefined, this.s("retry"));
      b.type = "button";
      b.onclick = () => {
        box.remove();
        this.input.focus();
        retry();
      };
      box.append(b);
    }
    this.log.append(box);
    this.scroll();
  }

  clearLog(): void {
    this.log.replaceChildren();
  }
}

function safeProtocol(url: string): string {
  try {
    return new URL(url, location.href).protocol;
  } catch {
    return "";
  }
}

/** Arrow keys move between day buttons. */
function gridKeys(grid: HTMLElement, e: KeyboardEvent): void {
  const btns = Array.from(grid.querySelectorAll<HTMLButtonElement>("button:not(:disabled)"));
  const i = btns.indexOf(e.target as HTMLButtonElement);
  if (i < 0) return;
  const cols = getComputedStyle(grid).gridTemplateColumns.split(" ").length || 1;
  const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols }[e.key];
  if (!step) return;
  e.preventDefault();
  btns[Math.max(0, Math.min(btns.length - 1, i + step))]?.focus();
}
