import type { ManagedBooking } from "../../core/bookings/port.ts";
import { NUMBERED_CHANNELS, type InboundContent, type Reply } from "../../core/conversation/messages.ts";
import { TurnNeedsLoad, type DialogPort, type Handled, type MessageHandler, type TurnResult } from "../../core/conversation/dialog.ts";
import { NOTICE_PENDING } from "../../core/conversation/pending.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import type { Logger } from "../../core/log.ts";
import { t } from "../../locales/i18n.ts";
import { collectChoices, matchTypedChoice, publicReplies, resolveChoiceId, scopeReplies } from "./choices.ts";
import { matchChoice } from "./matcher.ts";
import type { DialogServices } from "../services.ts";
import type { Flow, Outcome, StepInput, TurnContext } from "./types.ts";

/** Global actions any message can ask for (buttons "g.<action>", commands, keywords, intents). */
export interface GlobalAction {
  action: string;
  arg?: string;
  data?: Record<string, unknown>;
}

/** How the router turns global actions and free text into flow changes. */
export interface RouterHooks {
  /** Interprets a global action; returns the outcome, or null when it is not a flow action. */
  global(action: GlobalAction, state: ConversationState, ctx: TurnContext): Promise<Outcome | null>;
  /** Keywords and commands that map to a global action, before the step sees the input. */
  keyword(content: InboundContent, state: ConversationState): GlobalAction | null;
  /** Free text the step did not understand: an intent may switch flows. */
  understand(text: string, state: ConversationState, ctx: TurnContext): Promise<Outcome | null>;
  /** A question about a business and service, answered as in a booking there (see HandlerTurn.answerAbout). */
  answerAbout?(text: string, state: ConversationState, ctx: TurnContext, about: { businessId: string; serviceId: string }): Promise<Reply[] | null>;
  /** Which of these bookings the words name (see HandlerTurn.namedBookings). */
  namedBookings?(text: string, bookings: ManagedBooking[], ctx: TurnContext): Promise<ManagedBooking[]>;
}

/** Where flow data that failed its schema is reported (issue paths and codes only, never the values). */
export type DialogLog = Pick<Logger, "warn">;

const MAX_ATTEMPTS = 3;
const MAX_MISSES = 3;

/**
 * Runs one dialog turn: pure apart from the services in `ctx` and the message handlers. The engine owns
 * the whole turn, in this order: gate handlers (opt-out), the global keywords and commands, an answer
 * to the buttons of a bot-initiated message pending as the last question, the other message handlers by
 * priority (ticket relay, offer and reminder answers), then typed-choice matching and the current step.
 */
export class DialogEngine implements DialogPort<DialogServices> {
  private handlers: MessageHandler[] = [];

  constructor(
    private readonly flows: Record<string, Flow>,
    private readonly router: RouterHooks,
    private readonly log?: DialogLog,
  ) {}

  private flow(state: ConversationState): Flow {
    return this.flows[state.flow] ?? this.flows.menu;
  }

  /** The problems of `data` for the flow `flowName`, or null when it fits the flow's schema. */
  private invalid(flowName: string, data: Record<string, unknown>): { path: string; code: string }[] | null {
    const flow = this.flows[flowName] ?? this.flows.menu;
    const checked = flow.data.safeParse(data);
    return checked.success ? null : checked.error.issues.map((i) => ({ path: i.path.map(String).join("."), code: i.code }));
  }

  /** Data that does not fit its flow: logged, and the customer is taken back to the menu with an apology. */
  private recover(state: ConversationState, ctx: TurnContext, where: string, issues: { path: string; code: string }[]): Promise<TurnResult> {
    this.log?.warn({ flow: state.flow, step: state.step, where, issues }, "flow data does not fit the flow's schema: back to the menu");
    const fresh: ConversationState = { ...state, flow: "menu", step: "menu", data: {}, history: [] };
    return this.enter(fresh, ctx, "menu", { say: [{ text: t(state.lang, "common:flowReset") }] });
  }

  /** Shows the current step's prompt (after `say`), scoping its choices. */
  async show(state: ConversationState, ctx: TurnContext, say: Reply[] = [], arriving = false): Promise<TurnResult> {
    const issues = this.invalid(state.flow, state.data);
    if (issues) return this.recover(state, ctx, `step ${state.step}`, issues);
    const flow = this.flow(state);
    const step = flow.steps[state.step] ?? flow.steps[flow.start];
    const decided = arriving && step.arrive ? await step.arrive(state, { ...ctx, lang: state.lang }) : null;
    if (decided) {
      const result = await this.apply(state, decided, ctx);
      return { state: result.state, replies: [...say, ...result.replies] };
    }
    const next: ConversationState = { ...state, prompt: state.prompt + 1 };
    const prompt = scopeReplies(await step.prompt(next, { ...ctx, lang: next.lang }), next.prompt);
    const replies = [...say, ...publicReplies(prompt)];
    return { state: { ...next, choices: collectChoices(prompt) }, replies };
  }

  /** Enters a flow at its start (or a given step) with initial data. */
  async enter(
    state: ConversationState,
    ctx: TurnContext,
    flowName: string,
    opts: { step?: string; data?: Record<string, unknown>; say?: Reply[] } = {},
  ): Promise<TurnResult> {
    const flow = this.flows[flowName] ?? this.flows.menu;
    const data = flow.init ? flow.init(opts.data ?? {}) : { ...(opts.data ?? {}) };
    const issues = this.invalid(flowName, data);
    if (issues) return this.recover({ ...state, flow: flowName, step: opts.step ?? flow.start }, ctx, "enter", issues);
    const entered: ConversationState = {
      ...state,
      flow: this.flows[flowName] ? flowName : "menu",
      step: opts.step ?? flow.start,
      data,
      history: [],
      attempts: 0,
      misses: 0,
    };
    return this.show(entered, ctx, opts.say, true);
  }

  /** Applies a step's outcome to the state and builds the replies. */
  async apply(state: ConversationState, outcome: Outcome, ctx: TurnContext): Promise<TurnResult> {
    switch (outcome.type) {
      case "next":
        return this.show(
          {
            ...state,
            history: [...state.history, { step: state.step, data: state.data }].slice(-20),
            step: outcome.step,
            data: { ...state.data, ...(outcome.data ?? {}) },
            attempts: 0,
            misses: 0,
          },
          ctx,
          outcome.say,
          true,
        );
      case "stay":
        return this.show({ ...state, data: { ...state.data, ...(outcome.data ?? {}) }, misses: 0 }, ctx, outcome.say);
      case "retry": {
        const attempts = state.attempts + 1;
        const say: Reply[] = [{ text: t(state.lang, outcome.errorKey, outcome.vars) }];
        if (attempts >= MAX_ATTEMPTS) {
          say.push({
            text: t(state.lang, "common:stuck"),
            choices: [
              { id: "g.help", label: t(state.lang, "common:actions.help") },
              { id: "g.support", label: t(state.lang, "common:actions.support") },
              { id: "g.restart", label: t(state.lang, "common:actions.restart") },
            ],
          });
          return { state: { ...state, attempts: 0 }, replies: say };
        }
        return this.show({ ...state, attempts }, ctx, say);
      }
      case "unknown": {
        // A first message the bot cannot place is a greeting: show the menu.
        if (state.prompt === 0) return this.enter(state, ctx, "menu");
        const misses = state.misses + 1;
        if (misses >= MAX_MISSES) {
          // The step again as a numbered list, then help and staff: the customer is not left with staff only.
          const again = await this.show({ ...state, misses: 0 }, ctx, [{ text: t(state.lang, "common:notUnderstoodList") }]);
          const help: Reply = {
            text: t(state.lang, "common:orGetHelp"),
            choices: [
              { id: "g.help", label: t(state.lang, "common:actions.help") },
              { id: "g.support", label: t(state.lang, "common:actions.human") },
            ],
          };
          return { state: again.state, replies: [...again.replies, help] };
        }
        return this.show({ ...state, misses }, ctx, [{ text: t(state.lang, "common:notUnderstood") }]);
      }
      case "flow":
        return this.enter(state, ctx, outcome.flow, { step: outcome.step, data: outcome.data, say: outcome.say });
      case "global":
        return this.runGlobal(state, { action: outcome.action, arg: outcome.arg }, ctx);
      case "end": {
        const menu = await this.enter(state, ctx, "menu", { step: "after" });
        return { state: menu.state, replies: [...outcome.say, ...menu.replies] };
      }
    }
  }

  /** Sets the message handlers the engine runs inside its turns (replacing any set before). */
  useHandlers(handlers: readonly MessageHandler[]): void {
    this.handlers = [...handlers].sort((a, b) => a.priority - b.priority);
  }

  /** The answer of the first handler (of the gates, or of the others) that answers, or null. */
  private async handled(gate: boolean, state: ConversationState, content: InboundContent, ctx: TurnContext): Promise<Reply[] | Handled | null> {
    const mine = this.handlers.filter((h) => !!h.gate === gate);
    if (!mine.length) return null;
    const msg = { address: ctx.address, messageId: ctx.messageId ?? "", content, profile: ctx.profile };
    const typedChoice = content.kind === "text" && content.text.trim() ? matchTypedChoice(content.text.trim(), state) : null;
    const router = this.router;
    const answerAbout = router.answerAbout
      ? (text: string, about: { businessId: string; serviceId: string }) => router.answerAbout!(text, state, ctx, about)
      : undefined;
    const namedBookings = router.namedBookings
      ? (text: string, bookings: ManagedBooking[]) => router.namedBookings!(text, bookings, ctx)
      : undefined;
    const turn = { id: ctx.conversationId, lang: state.lang, state, typedChoice, answerAbout, namedBookings };
    if (ctx.fromCopy) {
      for (const h of mine) if (!h.passes?.(msg, turn)) throw new TurnNeedsLoad(`message handler ${h.name}`);
      return null;
    }
    for (const h of mine) {
      const replies = await h.handle(msg, turn);
      if (replies) return replies;
    }
    return null;
  }

  /**
   * One inbound message -> new state and replies; numbered choices count across all the replies. A message
   * a handler answered leaves the state as it was.
   */
  async turn(state: ConversationState, content: InboundContent, ctx: TurnContext): Promise<TurnResult> {
    ctx = { ...ctx, lang: state.lang };
    const { pending: _asked, ...rest } = state;
    const gated = await this.handled(true, state, content, ctx);
    if (gated) return answeredBy(rest, gated);
    const keyword = this.router.keyword(content, state);
    const noticed = keyword ? null : noticeAnswer(state, content);
    let result: TurnResult;
    if (keyword) result = await this.runGlobal(rest, keyword, ctx);
    else if (noticed) result = await this.runGlobal(rest, noticed, ctx);
    else {
      const answered = await this.handled(false, state, content, ctx);
      if (answered) return answeredBy(rest, answered);
      result = await this.step(rest, content, ctx);
    }
    // The prompt's choices keep the words they answer to (state only); the replies go out without them.
    const known = new Map(result.state.choices.map((c) => [c.id, c]));
    const choices = collectChoices(result.replies).map((c) => known.get(c.id) ?? c);
    return { state: { ...result.state, choices }, replies: result.replies };
  }

  private async step(state: ConversationState, content: InboundContent, ctx: TurnContext): Promise<TurnResult> {
    let input: StepInput;
    switch (content.kind) {
      case "unsupported":
        return this.show(state, ctx, [{ text: t(state.lang, "common:unsupported") }]);
      case "contact":
        input = { kind: "contact", phone: content.phone };
        break;
      case "command":
        return this.show(state, ctx, [{ text: t(state.lang, "common:unknownCommand") }]);
      case "choice": {
        const resolved = resolveChoiceId(content.id, state);
        if (resolved.kind === "global") return this.runGlobal(state, { action: resolved.action, arg: resolved.arg }, ctx);
        if (resolved.kind === "stale") return this.show(state, ctx, [{ text: t(state.lang, "common:staleChoice") }]);
        input = { kind: "choice", value: resolved.value };
        break;
      }
      case "text": {
        const text = content.text.trim();
        if (!text) return this.show(state, ctx, [{ text: t(state.lang, "common:empty") }]);
        // Where choices are buttons, a bare number among times is an hour ("9" is 09:00). Text the step reads
        // first (an email under the list of bookings) is not matched against its buttons.
        const current = this.flow(state).steps[state.step];
        const typed = current?.readsFirst?.(text) ? ({ kind: "none" } as const) : matchChoice(text, state.choices, { hours: !NUMBERED_CHANNELS.has(ctx.address.channel) });
        if (typed.kind === "one") return this.step(state, { kind: "choice", id: typed.id }, ctx);
        if (typed.kind === "many") return this.which(state, typed.ids, text);
        input = { kind: "text", text };
        break;
      }
    }
    const issues = this.invalid(state.flow, state.data);
    if (issues) return this.recover(state, ctx, `step ${state.step}`, issues);
    const flow = this.flow(state);
    const step = flow.steps[state.step] ?? flow.steps[flow.start];
    let outcome = await step.handle(state, input, ctx);
    if (outcome.type === "unknown" && input.kind === "text") {
      outcome = (await this.router.understand(input.text, state, ctx)) ?? outcome;
    }
    return this.apply(state, outcome, ctx);
  }

  /** Typed text fits several choices: ask which, listing only those (rescoped to a new prompt). */
  private which(state: ConversationState, ids: string[], text: string): TurnResult {
    const prompt = state.prompt + 1;
    const choices = state.choices
      .filter((c) => ids.includes(c.id))
      .map((c) => (c.id.startsWith("g.") ? c : { ...c, id: `${prompt}.${c.id.slice(c.id.indexOf(".") + 1)}` }));
    const replies = publicReplies([{ text: t(state.lang, "common:whichOne", { text: text.trim() }), choices }]);
    return { state: { ...state, prompt, choices }, replies };
  }

  private async runGlobal(state: ConversationState, g: GlobalAction, ctx: TurnContext): Promise<TurnResult> {
    switch (g.action) {
      case "back": {
        const prev = state.history[state.history.length - 1];
        if (!prev) {
          const before = this.flow(state).previous?.(state);
          return before ? this.show({ ...state, step: before, attempts: 0 }, ctx) : this.enter(state, ctx, "menu");
        }
        return this.show({ ...state, step: prev.step, data: prev.data, history: state.history.slice(0, -1), attempts: 0 }, ctx);
      }
      case "help":
        return this.show(state, ctx, [{ text: t(state.lang, "common:help") }]);
      case "resume":
        return state.prompt === 0 ? this.enter(state, ctx, "menu") : this.show(state, ctx);
      case "lang": {
        const lang = g.arg === "sq" || g.arg === "en" ? g.arg : state.lang === "sq" ? "en" : "sq";
        const switched = { ...state, lang } as ConversationState;
        return this.show(switched, { ...ctx, lang }, [{ text: t(lang, "common:languageSet") }]);
      }
    }
    const outcome = await this.router.global(g, state, ctx);
    if (outcome) return this.apply(state, outcome, ctx);
    return this.show(state, ctx, [{ text: t(state.lang, "common:unknownCommand") }]);
  }
}

/**
 * Typed text naming one of the buttons of a bot-initiated message that is the conversation's pending
 * question (a staff reply's «Kërkesat e mia», a payment notice's «Rezervo»): its global action. The
 * message came after the last prompt, so on a numbered channel its "1" is the notice's first button.
 */
function noticeAnswer(state: ConversationState, content: InboundContent): GlobalAction | null {
  if (state.pending?.by !== NOTICE_PENDING || content.kind !== "text" || !content.text.trim()) return null;
  const m = matchChoice(content.text.trim(), state.pending.choices);
  if (m.kind !== "one") return null;
  const resolved = resolveChoiceId(m.id, state);
  return resolved.kind === "global" ? { action: resolved.action, arg: resolved.arg } : null;
}

/** The turn a handler answered: the state as it was, with the handler's question pending (or none). */
function answeredBy(state: ConversationState, answer: Reply[] | Handled): TurnResult {
  return Array.isArray(answer) ? { state, replies: answer } : { state: { ...state, pending: answer.pending }, replies: answer.replies };
}
