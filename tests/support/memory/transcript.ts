import { expect } from "vitest";
import type { ChannelAddress, InboundContent, Reply } from "../../../core/conversation/messages.ts";
import { afterNotice, type PendingUpdate } from "../../../core/conversation/pending.ts";
import type { TurnContext } from "../../../core/conversation/dialog.ts";
import { initialState, type ConversationState } from "../../../core/conversation/state.ts";
import type { DialogServices } from "../../../dialogs/services.ts";
import type { MemoryWorld } from "./world.ts";

/** Options of a conversation. */
export interface TranscriptOptions {
  id: string;
  lang?: "sq" | "en";
  /** Start at this business's services (the widget's `?business=`). */
  business?: string;
  /** What the platform says about the sender (Telegram's name, an SMS sender's phone). */
  profile?: { name?: string; phone?: string };
  /** The chat's channel address (default: a web chat with the conversation's id), e.g. `{ channel: "sms", externalId: "+355…" }`. */
  address?: ChannelAddress;
}

/** What the customer sends: text, or the choice (of the last replies) whose label matches. */
export type Says = string | { choice: string | RegExp };

/**
 * A conversation with the dialog engine, read as a transcript in the Bot Framework style:
 *
 * ```ts
 * await bot.send("dua te berberi neser ne 10").expect(/Zgjidhni biznesin/)
 *   .send({ choice: /Ardit/ }).expect(/Si quheni/);
 * ```
 *
 * Each `send` runs one turn as the conversation service would (the engine with its message handlers) and keeps
 * the state; each `expect` checks the text of that turn's replies. The chain runs when awaited; after
 * it, `text()`, `labels()`, `last` and `state` show the last turn.
 */
export class Transcript implements PromiseLike<void> {
  state: ConversationState;
  /** The replies of the last turn. */
  last: Reply[] = [];
  private started = false;
  private chain: Promise<void> = Promise.resolve();
  private msg = 0;

  constructor(private readonly world: MemoryWorld, private readonly opts: TranscriptOptions) {
    this.state = initialState(opts.lang ?? "sq");
  }

  /** The conversation's id (bookings and tickets made in it carry it). */
  get id(): string {
    return this.opts.id;
  }

  private ctx(): TurnContext<DialogServices> {
    const w = this.world;
    return {
      lang: this.state.lang, now: w.now, timeZone: w.timeZone, conversationId: this.opts.id,
      address: this.opts.address ?? { channel: "web", externalId: this.opts.id }, profile: this.opts.profile, services: w.services,
    };
  }

  private queue(run: () => Promise<void>, where: Error): this {
    this.chain = this.chain.then(run).catch((err: Error) => {
      // Point at the line of the transcript that failed, not at this helper.
      if (err && !(err as { located?: boolean }).located) {
        err.stack = `${err.stack?.split("\n")[0] ?? err.message}\n${where.stack?.split("\n").slice(2).join("\n") ?? ""}`;
        (err as { located?: boolean }).located = true;
      }
      throw err;
    });
    return this;
  }

  /** Opens the conversation: the menu's greeting (or the services of `business`). */
  start(): this {
    return this.queue(async () => this.open(), new Error());
  }

  private async open(): Promise<void> {
    const { engine } = this.world;
    this.started = true;
    const base = initialState(this.opts.lang ?? "sq");
    const ctx = { ...this.ctx(), lang: base.lang };
    let result = this.opts.business
      ? await engine.turn(base, { kind: "command", name: "start", args: `biz_${this.opts.business}` }, ctx)
      : null;
    if (!result || result.state.flow !== "booking") result = await engine.enter(base, ctx, "menu");
    this.state = result.state;
    this.last = result.replies;
  }

  /** The customer types `text`, or presses the choice whose label matches. */
  send(says: Says): this {
    return this.queue(async () => {
      if (!this.started) await this.open();
      const content: InboundContent = typeof says === "string" ? { kind: "text", text: says } : { kind: "choice", id: this.choiceId(says.choice) };
      await this.turn(content);
    }, new Error());
  }

  /** Sends any inbound content (a command, a shared contact, a raw choice id). */
  content(content: InboundContent): this {
    return this.queue(async () => {
      if (!this.started) await this.open();
      await this.turn(content);
    }, new Error());
  }

  private async turn(content: InboundContent): Promise<void> {
    const result = await this.world.engine.turn(this.state, content, { ...this.ctx(), messageId: `m${++this.msg}` });
    this.state = result.state;
    this.last = result.replies;
  }

  /**
   * A message the bot starts itself arrives (see `world.remind`, `world.notify`): it becomes the last
   * replies, and what it asks the pending question, as the notifier sets it. Sent before the customer
   * ever wrote, it starts the conversation (no greeting: the customer's first message answers it).
   */
  receive(replies: Reply[], asked?: PendingUpdate): void {
    // The conversation exists from now on (a phone that never wrote gets one made for the message).
    this.started = true;
    const pending = afterNotice(this.state.pending, replies, asked);
    this.state = pending ? { ...this.state, pending } : this.state;
    this.last = replies;
  }

  /** The last turn's text matches. */
  expect(re: RegExp): this {
    return this.queue(async () => {
      expect(this.text(), `the bot's reply after ${this.msg} message(s)`).toMatch(re);
    }, new Error());
  }

  /** The last turn's text does not match. */
  expectNot(re: RegExp): this {
    return this.queue(async () => {
      expect(this.text()).not.toMatch(re);
    }, new Error());
  }

  /** Runs a check of the last turn inside the chain (labels, state, the world's bookings). */
  check(fn: (t: this) => void | Promise<void>): this {
    return this.queue(async () => fn(this), new Error());
  }

  then<A = void, B = never>(onfulfilled?: ((value: void) => A | PromiseLike<A>) | null, onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    return this.chain.then(onfulfilled, onrejected);
  }

  /** All the text of the last turn's replies. */
  text(replies = this.last): string {
    return replies.map((r) => r.text).join("\n");
  }

  /** The labels of the last turn's choices. */
  labels(replies = this.last): string[] {
    return replies.flatMap((r) => r.choices ?? []).map((c) => c.label);
  }

  /** The id of the choice (of the last turn) whose label matches. */
  choiceId(label: string | RegExp, replies = this.last): string {
    const all = replies.flatMap((r) => r.choices ?? []);
    const c = all.find((x) => (typeof label === "string" ? x.label === label : label.test(x.label)));
    if (!c) throw new Error(`no choice ${label} in ${JSON.stringify(all.map((x) => x.label))}`);
    return c.id;
  }

  /** The `kind` of the last reply ("days", "slots"). */
  get kind(): Reply["kind"] {
    return this.last.at(-1)?.kind;
  }
}
