import { z } from "zod";
import { speaksOfABooking } from "../../core/nlu/booking-mention.ts";
import { asksToComplain, complaintTold, speaksOfSpecialNeeds } from "../../core/nlu/support-words.ts";
import { normalize } from "../../core/nlu/normalize.ts";
import { readYesNo } from "../../core/nlu/yesno.ts";
import { digresses } from "../digression.ts";
import type { Reply } from "../../core/conversation/messages.ts";
import { formatDayTime } from "../../core/format.ts";
import { zonedParts } from "../../core/clock.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { flowData } from "../engine/data.ts";
import type { ConversationState } from "../../core/conversation/state.ts";
import type { Flow, Outcome, Step, TurnContext } from "../engine/types.ts";
import type { TicketBookingOption, TicketSummary } from "../../core/tickets/port.ts";

/** Kinds of ticket, in the order offered. */
const KINDS = ["technical", "specialised", "complaint"] as const;
/** Data the ticket flow keeps: the kind and booking of a new ticket, the ticket of the chat. */
const TicketData = z.object({
  kind: z.string().optional(),
  bookingId: z.string().nullable().optional(),
  /** The problem, when the customer wrote it before the ticket's booking was asked. */
  description: z.string().optional(),
  /** The message that asked for staff, when the flow was opened by one. */
  said: z.string().optional(),
  ticketId: z.string().optional(),
});
const td = flowData(TicketData);

const MIN_DESCRIPTION = 5;
const MAX_DESCRIPTION = 2000;

const menuChoice = (lang: Lang) => ({ id: "g.menu", label: t(lang, "common:actions.menu") });

function unavailable(lang: Lang): Reply[] {
  return [{ text: t(lang, "common:supportContact"), choices: [menuChoice(lang)] }];
}

/** Whether a closed ticket still reopens when the customer writes to it. */
function reopenable(ticket: TicketSummary, now: Date): boolean {
  return ticket.status === "closed" && !!ticket.reopenUntil && now.getTime() <= ticket.reopenUntil.getTime();
}

/**
 * The prompt of a ticket's chat: how messages reach staff, and how to leave. A closed ticket says that
 * writing reopens it, or, once that is no longer possible, offers a new ticket.
 */
export function chatPrompt(lang: Lang, ticket: TicketSummary, now: Date): Reply {
  if (ticket.status === "closed" && !reopenable(ticket, now)) {
    return { text: t(lang, "tickets:expired", { label: ticket.label }), choices: [{ id: "g.support", label: t(lang, "tickets:newTicket") }, menuChoice(lang)] };
  }
  if (ticket.status === "closed") return { text: t(lang, "tickets:closedChat", { label: ticket.label }), choices: [menuChoice(lang)] };
  return {
    text: t(lang, "tickets:chat", { label: ticket.label }),
    choices: [{ id: "close", label: t(lang, "tickets:close") }, menuChoice(lang)],
  };
}

async function customerName(ctx: TurnContext): Promise<string | null> {
  if (ctx.profile?.name) return ctx.profile.name;
  return (await ctx.services.bookings.lastContact(ctx.conversationId))?.name ?? null;
}

const kind: Step = {
  // A complaint asked for in the message that opened the flow: told with it («kam një ankesë …: më thanë që
  // çmimi është më i lartë»), it is sent as it is; only asked for ("I want to make a complaint", «si mund të
  // ankohem?»), the booking and what happened are asked. Specialised help asked for alone: what is needed.
  async arrive(state, ctx) {
    const said = td(state).said?.trim();
    if (!said || !ctx.services.tickets || said.length > MAX_DESCRIPTION) return null;
    if (asksToComplain(said)) return complaintTold(said) ? withDescription(state, said, ctx) : complaintAsked(ctx, state.lang);
    if (SPECIAL_ALONE.test(normalize(said))) return { type: "next", step: "describe", data: { kind: "specialised", bookingId: null, said: undefined } };
    return null;
  },
  async prompt(state, ctx) {
    if (!ctx.services.tickets) return unavailable(state.lang);
    const desk = ctx.services.tickets.staffDesk();
    const kinds = KINDS.map((k) => ({ id: `k:${k}`, label: t(state.lang, `tickets:kinds.${k}`) }));
    // Asked for staff in a message that also tells the problem: offer to send it as it is.
    const said = offered(state);
    if (said) {
      return [{
        text: t(state.lang, desk ? "tickets:sendSaid" : "tickets:sendSaidNoDesk", { said: said.length > SAID_SHOWN ? `${said.slice(0, SAID_SHOWN - 1)}…` : said }),
        choices: [{ id: "send", label: t(state.lang, "tickets:sendIt") }, ...kinds, menuChoice(state.lang)],
      }];
    }
    return [{ text: t(state.lang, desk ? "tickets:kindPrompt" : "tickets:kindPromptNoDesk"), choices: [...kinds, menuChoice(state.lang)] }];
  },
  async handle(state, input, ctx) {
    const tickets = ctx.services.tickets;
    // The message that asked for staff, offered to be sent: "yes" (or its button) sends it, "no" asks as usual.
    const said = offered(state);
    if (tickets && said) {
      const answer = input.kind === "choice" ? (input.value === "send" ? "yes" : null) : input.kind === "text" ? readYesNo(input.text) : null;
      // Said as it is: the customer has just agreed to send it, so it is not checked as typed text again.
      if (answer === "yes") return withDescription(state, said, ctx);
      if (answer === "no") return { type: "stay", data: { said: undefined } };
    }
    // More told instead of a yes ("it shows error 500 every time"): sent with the message it adds to.
    if (tickets && input.kind === "text") return describedFirst(state, input.text, ctx, said);
    if (!tickets || input.kind !== "choice" || !input.value.startsWith("k:")) return { type: "unknown" };
    const k = input.value.slice(2);
    if (!(KINDS as readonly string[]).includes(k)) return { type: "unknown" };
    if (k !== "complaint") return { type: "next", step: "describe", data: { kind: k, bookingId: null } };
    return complaintAsked(ctx, state.lang);
  },
};

/** «Specialised help» asked for in a few words, nothing told yet («kam nevojë për ndihmë të specializuar»). */
const SPECIAL_ALONE = /^(?:\S+ ){0,4}(?:ndihm\w* (?:e |te )?specializuar|speciali[sz]ed help|special help)(?: \S+){0,2}$/;

/** A complaint chosen or asked for: which booking (when the chat has any), then what happened. */
async function complaintAsked(ctx: TurnContext, lang: Lang): Promise<Outcome> {
  const bookings = (await ctx.services.tickets?.bookingsFor(ctx.conversationId, ctx.now)) ?? [];
  if (bookings.length === 0) {
    return { type: "next", step: "describe", data: { kind: "complaint", bookingId: null, said: undefined }, say: [{ text: t(lang, "tickets:noBookings") }] };
  }
  return { type: "next", step: "booking", data: { kind: "complaint", said: undefined } };
}

// The words of asking for a person, and words that carry nothing of a problem: what is left of a request
// for staff once they are taken out is what it tells of the problem (folded, no ë or ç).
const ASKING_WORDS = new Set([
  "i", "id", "want", "wanna", "would", "like", "need", "to", "speak", "talk", "chat", "with", "someone", "somebody", "anyone",
  "a", "an", "the", "real", "human", "person", "people", "staff", "agent", "operator", "support", "team", "please", "pls",
  "can", "could", "may", "me", "you", "get", "put", "through", "connect", "contact", "let", "is", "there", "here", "now",
  "dua", "deshiroj", "do", "te", "flas", "bisedoj", "dike", "dikush", "nje", "njeri", "njerez", "punonjes", "stafin",
  "stafi", "staf", "operatorin", "agjent", "ju", "lutem", "mund", "lidhni", "lidh", "lidhem", "kontaktoj", "ka", "ketu",
  "tani", "ndonje", "ne", "mbeshtetje", "ekipin", "ekipi", "faleminderit", "thanks", "ok", "okay", "hi", "hello", "pershendetje",
]);
/** Words a request for staff must tell beyond asking for a person to be offered as the problem itself. */
const TELLING_WORDS = 4;
/** The longest part of that message said back when offering to send it. */
const SAID_SHOWN = 300;

/** The message that opened the flow, when it tells a problem worth sending as the ticket's description. */
function offered(state: ConversationState): string | undefined {
  const said = td(state).said?.trim();
  return said && said.length <= MAX_DESCRIPTION && tellsAProblem(said) ? said : undefined;
}

/**
 * Whether a message that asked for staff also tells the problem ("the dentist at Adriatik hurt me and
 * nobody answered my calls, I want to speak with someone"), not only asks for a person ("dua të flas me
 * dikë", "can I talk to a human about my booking?").
 */
export function tellsAProblem(text: string): boolean {
  return normalize(text).split(" ").filter((w) => w && !ASKING_WORDS.has(w)).length >= TELLING_WORDS;
}

/**
 * The problem itself typed where its kind is asked ("kam një problem me rezervimin", "the app crashes when
 * I pay"): a customer who wants a person should not have to pick a category first. A sentence of three
 * words or more is taken as the ticket's description, as at the description step (a short request for
 * elsewhere, «rezervimet e mia», still goes there: see digresses' `free`); it is a
 * complaint when it speaks of a booking or names a business or a kind of service (then the booking is
 * asked, if the chat has any), a technical problem otherwise, which staff can see from the customer's own words.
 */
async function describedFirst(state: ConversationState, text: string, ctx: TurnContext, before?: string): Promise<Outcome> {
  if (normalize(text).split(" ").length < 3 || text.trim().length < MIN_DESCRIPTION || (await digresses(text, state.lang, ctx, { free: true }))) return { type: "unknown" };
  const description = before ? `${before}\n${text.trim()}` : text.trim();
  if (description.length > MAX_DESCRIPTION) return { type: "retry", errorKey: "tickets:tooLong", vars: { max: MAX_DESCRIPTION } };
  return withDescription(state, description, ctx);
}

/** A ticket's description known: its booking is asked when it is a complaint and the chat has any, else the ticket opens. */
async function withDescription(state: ConversationState, description: string, ctx: TurnContext): Promise<Outcome> {
  // A business or a kind of service named ("the dentist at Adriatik hurt me", «sallonin e gjeta pis») is a
  // complaint about a visit, as a booking named is.
  const named = (await ctx.services.catalog.entities()).recognize(description);
  // Help with a special need ("wheelchair access for my mother", «djali im ka autizëm») is the specialised kind.
  const kind = speaksOfSpecialNeeds(description) ? "specialised"
    : asksToComplain(description) || speaksOfABooking(description) || named.businesses.length > 0 || !!named.category ? "complaint" : "technical";
  const bookings = kind === "complaint" ? ((await ctx.services.tickets?.bookingsFor(ctx.conversationId, ctx.now)) ?? []) : [];
  if (bookings.length > 0) {
    // The booking the complaint names by its day («rezervimin e nesërm»), its business or its service ("my
    // visit at Sallon Elegance"); otherwise which one is asked (it may be one made elsewhere).
    const one = await bookingNamed(description, bookings, ctx);
    if (one) return openTicket(state, ctx, { kind, bookingId: one, description });
    return { type: "next", step: "booking", data: { kind, description } };
  }
  return openTicket(state, ctx, { kind, bookingId: null, description });
}

/** Opens the ticket and goes to its chat. */
async function openTicket(state: ConversationState, ctx: TurnContext, what: { kind: string; bookingId: string | null; description: string }): Promise<Outcome> {
  const tickets = ctx.services.tickets;
  if (!tickets) return { type: "end", say: unavailable(state.lang) };
  const ticket = await tickets.open({
    conversationId: ctx.conversationId,
    kind: what.kind,
    description: what.description,
    bookingId: what.bookingId,
    customerName: await customerName(ctx),
    now: ctx.now,
  });
  // Promise an answer time only when a desk tells staff at once; otherwise say how it really goes.
  const opened = tickets.staffDesk() ? "tickets:opened" : "tickets:openedNoDesk";
  return { type: "flow", flow: "ticket", step: "chat", data: { ticketId: ticket.id }, say: [{ text: t(state.lang, opened, { label: ticket.label }) }] };
}

/**
 * The one booking of the list a text names by its day, its business or its service (each narrowing the
 * list); null when it names none of them, or the list does not narrow to one.
 */
async function bookingNamed(text: string, bookings: TicketBookingOption[], ctx: TurnContext): Promise<string | null> {
  const index = await ctx.services.catalog.entities();
  const named = index.recognize(text);
  const when = ctx.services.nlu?.when(text, { now: ctx.now, timeZone: ctx.timeZone });
  const tests: ((b: TicketBookingOption) => boolean)[] = [];
  if (when) tests.push((b) => zonedParts(b.start, b.timeZone).date === when.date);
  if (named.businesses.length) tests.push((b) => named.businesses.includes(b.businessId));
  if (named.services.length) tests.push((b) => named.services.includes(b.serviceId));
  // Each thing named narrows the list when some booking has it; one no booking has (a word of the complaint
  // read as a service: «faqe») is passed over rather than emptying the list.
  let left = bookings;
  let narrowed = false;
  for (const test of tests) {
    const kept = left.filter(test);
    if (kept.length) {
      left = kept;
      narrowed = true;
    }
  }
  return narrowed && left.length === 1 ? left[0].id : null;
}

const booking: Step = {
  async prompt(state, ctx) {
    const list = (await ctx.services.tickets?.bookingsFor(ctx.conversationId, ctx.now)) ?? [];
    const lang = state.lang;
    return [{
      text: t(lang, "tickets:bookingPrompt"),
      choices: [
        ...list.map((b) => ({ id: `b:${b.id}`, label: `${b.ref} · ${lang === "sq" ? b.serviceSq : b.serviceEn} · ${formatDayTime(lang, b.start, b.timeZone)}` })),
        { id: "b:none", label: t(lang, "tickets:otherBooking") },
      ],
    }];
  },
  async handle(state, input, ctx) {
    const list = (await ctx.services.tickets?.bookingsFor(ctx.conversationId, ctx.now)) ?? [];
    // Typed: the booking it names by its day, business or service («atë te Sallon Elegance», "the one on Monday").
    const typed = input.kind === "text" ? await bookingNamed(input.text, list, ctx) : null;
    const picked = typed ? `b:${typed}` : input.kind === "choice" ? input.value : null;
    if (!picked?.startsWith("b:")) return { type: "unknown" };
    const id = picked.slice(2);
    const bookingId = id === "none" ? null : id;
    if (bookingId && !list.some((b) => b.id === bookingId)) return { type: "unknown" };
    // The problem was written already (where its kind was asked): the ticket opens now.
    const { description, kind } = td(state);
    if (description) return openTicket(state, ctx, { kind: kind ?? "complaint", bookingId, description });
    return { type: "next", step: "describe", data: { bookingId } };
  },
};

const describe: Step = {
  async prompt(state) {
    const k = td(state).kind ?? "technical";
    return [{ text: t(state.lang, `tickets:describe.${(KINDS as readonly string[]).includes(k) ? k : "technical"}`) }];
  },
  async handle(state, input, ctx): Promise<Outcome> {
    const tickets = ctx.services.tickets;
    if (!tickets) return { type: "end", say: unavailable(state.lang) };
    if (input.kind !== "text" || (await digresses(input.text, state.lang, ctx, { free: true }))) return { type: "unknown" };
    const text = input.text.trim();
    if (text.length < MIN_DESCRIPTION) return { type: "retry", errorKey: "tickets:tooShort" };
    if (text.length > MAX_DESCRIPTION) return { type: "retry", errorKey: "tickets:tooLong", vars: { max: MAX_DESCRIPTION } };
    return openTicket(state, ctx, { kind: td(state).kind ?? "technical", bookingId: td(state).bookingId ?? null, description: text });
  },
};

/**
 * The ticket's chat. Text for an open ticket is taken by the ticket relay, a message handler the engine
 * runs before the step (see dialogs/ticket/relay.ts); this step handles the buttons, and text for a closed ticket: within
 * 7 days of closing it reopens the ticket (and the chat is shown again, with its Close button), later
 * the customer is told politely and offered a new ticket.
 */
const chat: Step = {
  async prompt(state, ctx) {
    const ticket = await ctx.services.tickets?.get(ctx.conversationId, td(state).ticketId ?? "");
    if (!ticket) return unavailable(state.lang);
    return [chatPrompt(state.lang, ticket, ctx.now)];
  },
  async handle(state, input, ctx) {
    const tickets = ctx.services.tickets;
    const ticket = tickets ? await tickets.get(ctx.conversationId, td(state).ticketId ?? "") : null;
    if (!tickets || !ticket) return { type: "flow", flow: "menu" };
    if (input.kind === "choice" && input.value === "close") {
      const closed = await tickets.close(ctx.conversationId, ticket.id, ctx.now);
      return { type: "end", say: [{ text: t(state.lang, closed ? "tickets:closedByCustomer" : "tickets:notOpen", { label: ticket.label }) }] };
    }
    if (ticket.status !== "closed" || input.kind !== "text") return { type: "unknown" };
    const reopened = reopenable(ticket, ctx.now) ? await tickets.reopen(ctx.conversationId, ticket.id, input.text, ctx.now) : null;
    // Reopened: the chat again; too late: the prompt (now the polite "open a new ticket") again.
    return { type: "stay", say: reopened ? [{ text: t(state.lang, "tickets:reopened", { label: ticket.label }) }] : [] };
  },
};

function ticketLine(lang: Lang, tk: TicketSummary): string {
  return `${tk.label} · ${t(lang, `tickets:kinds.${tk.kind}`)} · ${t(lang, `tickets:status.${tk.status}`)}`;
}

/**
 * "My tickets": the customer's open tickets and those closed in the last 7 days (marked closed); picking
 * one opens its chat, where writing to a closed one reopens it.
 */
const list: Step = {
  async prompt(state, ctx) {
    const tickets = ctx.services.tickets;
    if (!tickets) return unavailable(state.lang);
    const open = await tickets.listRecent(ctx.conversationId, ctx.now);
    const more = [{ id: "g.support", label: t(state.lang, "tickets:newTicket") }, menuChoice(state.lang)];
    if (open.length === 0) return [{ text: t(state.lang, "tickets:listEmpty"), choices: more }];
    return [{
      text: t(state.lang, "tickets:listIntro"),
      choices: [...open.map((tk) => ({ id: `t:${tk.id}`, label: ticketLine(state.lang, tk) })), ...more],
    }];
  },
  async handle(_state, input, ctx) {
    if (input.kind !== "choice" || !input.value.startsWith("t:")) return { type: "unknown" };
    const ticket = await ctx.services.tickets?.get(ctx.conversationId, input.value.slice(2));
    if (!ticket) return { type: "unknown" };
    return { type: "flow", flow: "ticket", step: "chat", data: { ticketId: ticket.id } };
  },
};

/** Support tickets: kind, booking (for complaints), description, then the ticket's chat; and "my tickets". */
export const ticketFlow: Flow = {
  start: "kind",
  steps: { kind, booking, describe, chat, list },
  data: TicketData,
};
