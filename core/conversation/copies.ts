// Turns run from this instance's copy of a conversation, as its last turn here saved it, without the
// statement that loads it: one round trip (the save) for most turns (see CopyTurns.run).
import type { InboundMessage, Reply } from "./messages.ts";
import type { Lang } from "../../locales/i18n.ts";
import { isConnectionError } from "../db/faults.ts";
import { RecentMap } from "../recent.ts";
import { TurnNeedsLoad, type TurnContext } from "./dialog.ts";
import { readOnly, type CopySeen, type ServiceReads } from "./readonly.ts";
import { checkSession, type SessionCredentials } from "./session.ts";
import { parseState, type ConversationState } from "./state.ts";
import { inboundBody, isUniqueViolation, saveTurn, type Loaded } from "./store.ts";
import type { ConversationDeps, TurnOutcome } from "./service.ts";

/** A conversation as this instance last saved it: enough to run the next turn without reading it. */
export interface Copy {
  id: string;
  version: number;
  /** The state as saved (JSON). */
  state: string;
  tokenHash: string | null;
}

/** What the conversation service lends a turn run from a copy. */
export interface CopyTurnHost<S> {
  /** The dialog's context for a turn of this conversation (its services are replaced by read-only ones). */
  ctx(conversationId: string, address: InboundMessage["address"], lang: Lang, profile?: InboundMessage["profile"]): TurnContext<S>;
  /** What follows every saved turn (the copy kept, the language remembered, a message nobody understood told). */
  afterSave(msg: InboundMessage, key: string, step: string, before: ConversationState, next: ConversationState, replies: Reply[], copy: Copy): void;
}

/**
 * The copies of the conversations whose last turn this instance saved (by chat, "channel:id"), and the
 * turns run from them. Nothing is taken on trust:
 * - the dialog may only read (see {@link ConversationDeps.reads}); a call that writes gives the turn up,
 *   unless it checks the copy itself and writes nothing from a stale one (see {@link ConversationDeps.guarded});
 * - the save is the usual one, run only if the conversation's version is still the copy's (no turn or
 *   notice on any instance changed it since), it still belongs to this chat, and the chat is within its
 *   rate limit; a platform message handled before fails on its processed-message key;
 * - a web chat session's token is checked against the copy's hash (a token never changes).
 * Anything else (no copy, a turn that writes, a save that did not happen) gives the turn back, and it
 * runs again the usual way, where every case has its answer. Only on the PostgreSQL rate-limit store,
 * where the save can count the message.
 */
export class CopyTurns<S> {
  private readonly copies: RecentMap<string, Copy>;
  /** How many copies are kept (0: none, so every turn loads). */
  private readonly max: number;
  /** Turns run from a copy: saved, or given up (and run again on the loaded conversation). */
  readonly stats = { saved: 0, givenUp: 0 };
  /** Calls of the services that a turn from a copy may not make, made so far (see readOnly). */
  private readonly blocked = { n: 0 };
  /** The services as turns from copies see them, and the number of areas they were built from. */
  private guarded?: { services: S; areas: number };
  /** Steps (flow.step) where a turn from a copy reached a write: their turns load first. A short list, the dialog's steps. */
  private readonly writingSteps = new Set<string>();
  /** The turns running from copies now, by conversation id: what their guarded calls check. */
  private readonly running = new Map<string, CopySeen>();

  constructor(private readonly deps: ConversationDeps<S>, private readonly host: CopyTurnHost<S>) {
    this.max = deps.reads ? (deps.copies ?? 2000) : 0;
    this.copies = new RecentMap(this.max);
  }

  /** Keeps the conversation of a chat as just saved (when copies are kept). */
  keep(key: string, copy: Copy): void {
    if (this.max > 0) this.copies.set(key, copy);
  }

  /**
   * The turn run from the chat's copy, or undefined when it cannot be (then it runs the usual way). A
   * lost database connection during its save drops the copy and is thrown, as the usual way would.
   */
  async run(
    msg: InboundMessage, tooLong: number | undefined, key: string, turn: { messageId: string; step: string; lang?: Lang }, session?: SessionCredentials,
  ): Promise<TurnOutcome | undefined> {
    const { reads, limiter, sql, log } = this.deps;
    const copy = reads ? this.copies.get(key) : undefined;
    if (!copy || !reads || tooLong || msg.proof) return undefined;
    const { channel, externalId } = msg.address;
    const counting = limiter.countInStatement(channel, externalId);
    if (!counting || "refused" in counting) return undefined;
    const loaded: Loaded = { seen: null, conv: { id: copy.id, state: null, version: copy.version, lang: "sq" }, tokenHash: copy.tokenHash };
    if (session && checkSession(loaded, session)) return undefined;
    const state = parseState(JSON.parse(copy.state), "sq");
    // A step whose turns have written here before (the confirming step books) runs on the loaded
    // conversation straight away instead of running twice.
    const step = `${state.flow}.${state.step}`;
    if (this.writingSteps.has(step)) return undefined;
    const blockedBefore = this.blocked.n;
    let wrote: string | undefined;
    let next: ConversationState;
    let replies: Reply[];
    this.running.set(copy.id, { conversationId: copy.id, version: copy.version, externalId, limit: { key: counting.count.key, now: counting.count.now, points: limiter.points } });
    try {
      const ctx = { ...this.host.ctx(copy.id, msg.address, state.lang, msg.profile), services: this.readOnlyServices(reads), messageId: turn.messageId, fromCopy: true };
      ({ state: next, replies } = await this.deps.engine.turn(state, msg.content, ctx));
    } catch (err) {
      // A write, a guarded write that found the copy stale, or a failure the usual way reports.
      if (err instanceof TurnNeedsLoad) wrote = err.message;
    } finally {
      this.running.delete(copy.id);
    }
    if (wrote) this.writingSteps.add(step);
    if (wrote || this.blocked.n !== blockedBefore || !next! || !replies!) return this.giveUp(key, channel, wrote ?? "blocked call");
    const stateJson = JSON.stringify(next);
    const write = {
      conversationId: copy.id, version: copy.version, stateJson, lang: next.lang, channel, messageId: turn.messageId, replies,
      inbound: inboundBody(msg, state), now: this.deps.clock(), count: counting.count,
    };
    try {
      if (!(await saveTurn(sql, write, { externalId, points: limiter.points }))) return this.giveUp(key, channel, "changed");
    } catch (err) {
      if (isConnectionError(err)) {
        this.copies.delete(key);
        throw err;
      }
      if (!isUniqueViolation(err)) log.warn({ err, channel }, "saving a turn run from a copy failed; running it again");
      return this.giveUp(key, channel, "save");
    }
    this.stats.saved++;
    this.deps.observer?.turnFromCopy?.({ channel, outcome: "saved" });
    turn.step = step;
    turn.lang = next.lang;
    this.host.afterSave(msg, key, step, state, next, replies, { ...copy, version: copy.version + 1, state: stateJson });
    return { conversationId: copy.id, replies, duplicate: false };
  }

  /** The read-only view of the services, built again if a feature added an area since. */
  private readOnlyServices(reads: ServiceReads): S {
    const areas = Object.keys(this.deps.services as object).length;
    if (this.guarded?.areas !== areas) {
      const services = readOnly(this.deps.services, reads, this.blocked, this.deps.guarded, (id) => this.running.get(id));
      this.guarded = { services, areas };
    }
    return this.guarded.services;
  }

  /** A turn from a copy that did not go through: the copy is dropped and the turn runs the usual way. */
  private giveUp(key: string, channel: string, why: string | undefined): undefined {
    this.copies.delete(key);
    this.stats.givenUp++;
    this.deps.observer?.turnFromCopy?.({ channel, outcome: "given_up" });
    this.deps.log.trace({ why }, "turn from a copy given up");
    return undefined;
  }
}
