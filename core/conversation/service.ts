import { randomUUID } from "node:crypto";
import { writtenIn } from "../nlu/written-in.ts";
import type { ChannelAddress, InboundMessage, Reply } from "./messages.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { t, toLang, type Lang } from "../../locales/i18n.ts";
import type { Clock } from "../clock.ts";
import { DatabaseUnavailableError, isConnectionError } from "../db/faults.ts";
import type { Sql } from "../db/sql.ts";
import type { Logger } from "../log.ts";
import type { Observer, TurnEvent } from "../observer.ts";
import type { DialogPort, TurnContext } from "./dialog.ts";
import { KeyedLock } from "./keyedLock.ts";
import { RecentMap } from "../recent.ts";
import { prove } from "../bookings/identity.ts";
import type { ChatCount, ChatDecision, ChatLimiter } from "../limits/chat.ts";
import { checkInbound } from "./sanitize.ts";
import { initialState, parseState, type ConversationState } from "./state.ts";
import { CREATE_CONVERSATION, inboundBody, isUniqueViolation, loadForTurn, saveTurn, START_CONVERSATION, type ConversationRow, type Loaded } from "./store.ts";
import { CopyTurns, type Copy } from "./copies.ts";
import { checkSession, type SessionCredentials, type SessionRefusal } from "./session.ts";
import type { GuardedCalls, ServiceReads } from "./readonly.ts";

/** What handling one inbound message produced. */
export interface TurnOutcome {
  conversationId: string;
  replies: Reply[];
  /** True when this platform message had been handled before (the stored replies are returned). */
  duplicate: boolean;
  /**
   * Set when the chat was over its message limit: the message was not handled (nothing changed) and
   * `replies` holds only the "slow down" notice.
   */
  rateLimited?: RateLimitedTurn;
  /** Set when the turn asked for a web chat session's credentials and they did not open it: nothing ran. */
  refused?: SessionRefusal;
}

/** A message refused by the per-chat rate limit. */
export interface RateLimitedTurn {
  /** Seconds until the chat may write again. */
  retryAfterSec: number;
  /**
   * The first refused message of this chat in the window (on any instance): channels that push their
   * answers send the notice only then, so a flood gets one polite answer.
   */
  first: boolean;
}

/** What the conversation service needs; `S` is the services passed to the dialogs. */
export interface ConversationDeps<S = unknown> {
  prisma: PrismaClient;
  /** Plain SQL on the same database, for the statements every turn runs. */
  sql: Sql;
  engine: DialogPort<S>;
  services: S;
  log: Logger;
  clock: Clock;
  timeZone: string;
  defaultLang: Lang;
  /** Messages per chat per minute (shared by every instance). */
  limiter: ChatLimiter;
  /** Told about every turn and every typed message nobody understood (metrics, the support digest). */
  observer?: Observer;
  /**
   * The service calls that only read, by area ("*": all of the area's): what a turn run from this
   * instance's copy of a conversation may call (see CopyTurns in copies.ts). Without it
   * every turn loads its conversation first.
   */
  reads?: ServiceReads;
  /**
   * The writes a turn run from a copy may still make, because they check the copy inside their own
   * transaction (the booking of the confirming turn): see GuardedCalls.
   */
  guarded?: GuardedCalls;
  /** Conversations whose last turn this instance saved, kept to run the next turn without loading (default 2 000; 0: none). */
  copies?: number;
}

class VersionConflict extends Error {}

/**
 * Runs dialog turns for every channel: drops duplicates (channel + message id, kept in the database),
 * loads the state, runs one step, and saves state, replies and history in one transaction with an
 * optimistic version check (retried on conflict). A chat whose last turn this instance saved runs its
 * next turn from that copy, without the load, when the turn only reads (see CopyTurns).
 */
export class ConversationService<S = unknown> {
  private readonly lock = new KeyedLock();
  /** The language of recently seen chats, so "try again shortly" is in it even when the database is down. */
  private readonly langs = new RecentMap<string, Lang>(10_000);
  /** The copies of conversations this instance saved, and the turns run from them. */
  private readonly copies: CopyTurns<S>;
  /** Turns run from a copy: saved, or given up (and run again on the loaded conversation). */
  get fromCopy(): { saved: number; givenUp: number } {
    return this.copies.stats;
  }

  constructor(private readonly deps: ConversationDeps<S>) {
    this.copies = new CopyTurns(deps, {
      ctx: (id, address, lang, profile) => this.ctx(id, address, lang, profile),
      afterSave: (msg, key, step, before, next, replies, copy) => this.afterSave(msg, key, step, before, next, replies, copy),
    });
  }

  private ctx(conversationId: string, address: ChannelAddress, lang: Lang, profile?: InboundMessage["profile"]): TurnContext<S> {
    return { lang, now: this.deps.clock(), timeZone: this.deps.timeZone, conversationId, address, profile, services: this.deps.services };
  }

  /** The language this instance last saw a chat in (to answer it while the database is away). */
  knownLang(address: ChannelAddress): Lang | undefined {
    return this.langs.get(`${address.channel}:${address.externalId}`);
  }

  /** One dialog turn: the engine runs its message handlers, keywords and the step, in its order. */
  private runTurn(msg: InboundMessage, convId: string, state: ConversationState): Promise<{ state: ConversationState; replies: Reply[] }> {
    return this.deps.engine.turn(state, msg.content, { ...this.ctx(convId, msg.address, state.lang, msg.profile), messageId: msg.messageId });
  }

  /**
   * Starts (or restarts) a conversation and returns its greeting: the menu, or the services of a business.
   * For the web chat the conversation id is chosen by the caller (the session id).
   */
  async start(address: ChannelAddress, opts: { lang?: Lang; business?: string; id?: string; tokenHash?: string } = {}): Promise<TurnOutcome> {
    const { engine } = this.deps;
    const lang = opts.lang ?? this.deps.defaultLang;
    const id = opts.id ?? randomUUID();
    const base = initialState(lang);
    const ctx = this.ctx(id, address, lang);
    let result = opts.business ? await engine.turn(base, { kind: "command", name: "start", args: `biz_${opts.business}` }, ctx) : null;
    if (!result || result.state.flow !== "booking") result = await engine.enter(base, ctx, "menu");
    const stateJson = JSON.stringify(result.state);
    await this.deps.sql.query("conversation_start", START_CONVERSATION, [
      id, address.channel, address.externalId, JSON.stringify(address), lang, stateJson, opts.tokenHash ?? null, this.deps.clock(),
      JSON.stringify(result.replies),
    ]);
    this.copies.keep(`${address.channel}:${address.externalId}`, { id, version: 0, state: stateJson, tokenHash: opts.tokenHash ?? null });
    return { conversationId: id, replies: result.replies, duplicate: false };
  }

  /**
   * Handles one inbound message from any channel. A turn caught by a lost database connection (the
   * server restarting, a connection killed, a pool timeout) is run once more from the start: the save at
   * its end is one atomic statement carrying the processed-message mark, so a save that did commit is
   * found by the second try as a duplicate, and the steps' own writes are keyed (a booking by its
   * confirming prompt). When the second try fails too, DatabaseUnavailableError: the channel answers
   * "try again shortly" (HTTP 503), never an internal error.
   */
  async handle(raw: InboundMessage, opts: { session?: SessionCredentials } = {}): Promise<TurnOutcome> {
    const started = performance.now();
    // Hostile input stops here, whatever the channel: invisible characters and invalid Unicode are
    // removed, and text over the channel's limit is answered politely instead of being cut.
    const { msg, tooLong } = checkInbound(raw);
    const channel = msg.address.channel;
    const key = `${channel}:${msg.address.externalId}`;
    const turn = { messageId: msg.messageId || randomUUID(), step: "-", lang: this.langs.get(key) };
    const observe = (outcome: TurnEvent["outcome"]) =>
      this.deps.observer?.turn?.({ channel, step: turn.step, outcome, seconds: (performance.now() - started) / 1000 });
    for (let attempt = 0; ; attempt++) {
      try {
        const out = await this.handleOnce(msg, tooLong, key, turn, opts.session);
        if (!out.refused) observe(out.duplicate ? "duplicate" : out.rateLimited || out.limited ? "limited" : out.failed ? "failed" : "handled");
        delete out.limited;
        delete out.failed;
        return out;
      } catch (err) {
        if (!isConnectionError(err)) {
          observe("failed");
          throw err;
        }
        if (attempt === 0) {
          this.deps.log.warn({ err, channel }, "database connection lost during a turn; running it again");
          this.deps.observer?.turnRetried?.({ channel });
          continue;
        }
        this.deps.log.error({ err, channel }, "database unavailable: turn not handled");
        observe("unavailable");
        throw new DatabaseUnavailableError(turn.lang ?? (msg.langHint ? toLang(msg.langHint) : undefined), { cause: err });
      }
    }
  }

  /**
   * One try of a turn. Its first round trip is one statement that finds the conversation, whether the
   * message was handled before, and the chat's rate-limit counter (on Redis the count is sent alongside;
   * see {@link loadAndCount}); then the step runs and one statement saves it and counts the message (see
   * {@link saveTurn}).
   */
  private async handleOnce(
    msg: InboundMessage, tooLong: number | undefined, key: string, turn: { messageId: string; step: string; lang?: Lang }, session?: SessionCredentials,
  ): Promise<TurnOutcome & { limited?: boolean; failed?: boolean }> {
    const { prisma, sql, log } = this.deps;
    const channel = msg.address.channel;
    const { messageId } = turn;
    return this.lock.run(key, async () => {
      const copied = await this.copies.run(msg, tooLong, key, turn, session);
      if (copied) return copied;
      // The chat's message still to count for its rate limit: by the save's statement, or at once (one
      // statement of its own) when the turn ends without a save.
      let count: ChatCount | undefined;
      const countNow = async () => {
        if (!count) return;
        count = undefined;
        await this.deps.limiter.consume(channel, msg.address.externalId);
      };
      for (let attempt = 0; attempt < 5; attempt++) {
        let loaded: Loaded;
        if (attempt === 0) {
          const [limit, first, toCount] = await this.loadAndCount(msg, messageId);
          loaded = first;
          count = toCount;
          // A web chat session opens only with its token; nothing else about it is told to a stranger.
          const refused = session ? checkSession(loaded, session) : null;
          if (refused) return (await countNow(), { conversationId: "", replies: [], duplicate: false, refused });
          const lang = toLang(loaded.conv?.lang ?? msg.langHint);
          if (!limit.allowed) {
            return {
              conversationId: loaded.conv?.id ?? "",
              replies: [{ text: t(lang, "common:rateLimited") }],
              duplicate: false,
              rateLimited: { retryAfterSec: limit.retryAfterSec, first: limit.first },
            };
          }
          if (tooLong) {
            await countNow();
            return { conversationId: loaded.conv?.id ?? "", replies: [{ text: t(lang, "common:tooLong", { max: tooLong }) }], duplicate: false, limited: true };
          }
        } else {
          loaded = await loadForTurn(sql, channel, messageId, msg.address.externalId);
        }
        if (loaded.seen) return (await countNow(), { ...loaded.seen, duplicate: true });
        const conv = loaded.conv ?? (await this.create(msg));
        if (msg.proof && attempt === 0) await prove(prisma, conv.id, msg.proof.kind, msg.proof.value, msg.proof.via, this.deps.clock());
        const state = parseState(conv.state, toLang(conv.lang));
        turn.step = `${state.flow}.${state.step}`;
        turn.lang = state.lang;
        this.langs.set(key, state.lang);
        let next: ConversationState;
        let replies: Reply[];
        try {
          const r = await this.runTurn(msg, conv.id, state);
          next = r.state;
          replies = r.replies;
        } catch (err) {
          if (isConnectionError(err)) throw err;
          log.error({ err, conversation: conv.id, channel }, "dialog turn failed");
          await countNow();
          return { conversationId: conv.id, replies: [{ text: t(state.lang, "common:error") }], duplicate: false, failed: true };
        }
        try {
          const stateJson = JSON.stringify(next);
          const saved = await saveTurn(sql, {
            conversationId: conv.id, version: conv.version, stateJson, lang: next.lang, channel, messageId, replies,
            inbound: inboundBody(msg, state), now: this.deps.clock(), count,
          });
          if (!saved) throw new VersionConflict();
          this.afterSave(msg, key, turn.step, state, next, replies, { id: conv.id, version: conv.version + 1, state: stateJson, tokenHash: loaded.tokenHash });
          return { conversationId: conv.id, replies, duplicate: false };
        } catch (err) {
          if (err instanceof VersionConflict) continue;
          if (isUniqueViolation(err)) {
            const stored = await prisma.processedMessage.findUnique({ where: { channel_messageId: { channel, messageId } } });
            if (stored) return { conversationId: stored.conversationId, replies: stored.replies as unknown as Reply[], duplicate: true };
          }
          throw err;
        }
      }
      throw new Error("conversation kept changing under this turn");
    });
  }

  /**
   * After a turn's save, either way: the conversation kept as saved (when copies are kept), the chat's
   * language remembered, and a typed message nobody understood told to the observer.
   */
  private afterSave(msg: InboundMessage, key: string, step: string, before: ConversationState, next: ConversationState, replies: Reply[], copy: Copy): void {
    this.copies.keep(key, copy);
    this.langs.set(key, next.lang);
    if (msg.content.kind === "text" && notUnderstood(before, next, replies)) {
      this.deps.observer?.notUnderstood?.({ channel: msg.address.channel, lang: before.lang, step, text: msg.content.text, at: this.deps.clock() });
    }
  }

  /**
   * The turn's first statement and the chat's rate limit. On the PostgreSQL store the statement reads the
   * chat's counter: a message within the limit is counted later by the save (returned as the count to
   * make), one that would go over is counted at once by the limiter, which answers it; a chat this
   * instance has blocked is refused from memory and counts nothing. On another store the count is sent
   * alongside the statement.
   */
  private async loadAndCount(msg: InboundMessage, messageId: string): Promise<[ChatDecision, Loaded, ChatCount | undefined]> {
    const { sql, limiter } = this.deps;
    const { channel, externalId } = msg.address;
    const counting = limiter.countInStatement(channel, externalId);
    if (!counting) {
      const [decision, loaded] = await Promise.all([limiter.consume(channel, externalId), loadForTurn(sql, channel, messageId, externalId)]);
      return [decision, loaded, undefined];
    }
    if ("refused" in counting) return [counting.refused, await loadForTurn(sql, channel, messageId, externalId), undefined];
    const loaded = await loadForTurn(sql, channel, messageId, externalId, counting.count.key);
    if (limiter.wouldExceed(loaded.counter ?? null)) return [await limiter.consume(channel, externalId), loaded, undefined];
    return [{ allowed: true }, loaded, counting.count];
  }

  /** The conversation of a chat that has none yet (made by this turn, or by a turn that just won the race). */
  private async create(msg: InboundMessage): Promise<ConversationRow> {
    const { prisma, sql } = this.deps;
    // A channel that says nothing of the customer's language (WhatsApp, SMS): the first message's own.
    const written = !msg.langHint && msg.content.kind === "text" ? writtenIn(msg.content.text) : null;
    const lang = msg.langHint ? toLang(msg.langHint) : written ?? this.deps.defaultLang;
    const rows = await sql.query<ConversationRow>("conversation_create", CREATE_CONVERSATION, [
      randomUUID(), msg.address.channel, msg.address.externalId, JSON.stringify(msg.address), lang, JSON.stringify(initialState(lang)), this.deps.clock(),
    ]);
    if (rows[0]) return { ...rows[0], version: Number(rows[0].version) };
    const where = { channel_externalId: { channel: msg.address.channel, externalId: msg.address.externalId } };
    return prisma.conversation.findUniqueOrThrow({ where });
  }
}

/**
 * Whether a turn answered "I did not understand": the state counts such messages in a row (`misses`),
 * and the third one resets the count while showing the step again as a list.
 */
function notUnderstood(before: ConversationState, after: ConversationState, replies: Reply[]): boolean {
  if (after.misses > before.misses) return true;
  const list = t(after.lang, "common:notUnderstoodList");
  return before.misses > 0 && after.misses === 0 && replies.some((r) => r.text === list);
}
