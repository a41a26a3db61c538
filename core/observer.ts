// What the domain reports while it works — turns, messages nobody understood, bookings, reminders sent,
// sends that failed, first answers to tickets — for whoever listens (metrics, the support digest). The
// core only calls these hooks; it knows nothing of Prometheus or Slack.

/** One handled inbound message. */
export interface TurnEvent {
  channel: string;
  /** Where the conversation was when the message came: "<flow>.<step>" ("menu.menu", "booking.day"). */
  step: string;
  seconds: number;
  /** handled; duplicate (seen before); limited (over the rate limit or too long); failed (apologised); unavailable (database down) */
  outcome: "handled" | "duplicate" | "limited" | "failed" | "unavailable";
}

/** A typed message that no step and no intent understood. */
export interface NotUnderstoodEvent {
  channel: string;
  lang: "sq" | "en";
  step: string;
  /** The text as typed (mask it before keeping it anywhere). */
  text: string;
  at: Date;
}

/** A booking attempt or change: outcome "confirmed", "pending_payment", "slot_taken", "too_soon", "cancelled". */
export interface BookingEvent {
  channel: string;
  outcome: "confirmed" | "pending_payment" | "slot_taken" | "too_soon" | "cancelled";
}

/** Hooks the core calls; each is optional and must not throw (an observer never breaks a turn). */
export interface Observer {
  turn?(e: TurnEvent): void;
  notUnderstood?(e: NotUnderstoodEvent): void;
  booking?(e: BookingEvent): void;
  /** A reminder went out `lagSeconds` after it was due. */
  reminderSent?(e: { channel: string; kind: string; lagSeconds: number }): void;
  /** A message to a customer could not be delivered (after the sender's own retries). */
  outboundFailed?(e: { channel: string }): void;
  /** Staff answered a ticket for the first time, `seconds` after it was opened. */
  ticketFirstResponse?(e: { seconds: number }): void;
  /** A turn met a connection-level database error and was run again. */
  turnRetried?(e: { channel: string }): void;
  /** A turn run from the instance's copy of its conversation: saved so, or given up (run on the loaded one). */
  turnFromCopy?(e: { channel: string; outcome: "saved" | "given_up" }): void;
}

type Hook = keyof Observer;

/** Fans every hook out to the observers added; an observer that throws is skipped (and reported once). */
export class Observers implements Required<Observer> {
  private readonly list: Observer[] = [];
  constructor(private readonly onError: (err: unknown, hook: string) => void = () => {}) {}

  add(o: Observer): void {
    this.list.push(o);
  }

  private call<H extends Hook>(hook: H, e: Parameters<NonNullable<Observer[H]>>[0]): void {
    for (const o of this.list) {
      const fn = o[hook] as ((e: unknown) => void) | undefined;
      if (!fn) continue;
      try {
        fn.call(o, e);
      } catch (err) {
        this.onError(err, hook);
      }
    }
  }

  turn(e: TurnEvent): void { this.call("turn", e); }
  notUnderstood(e: NotUnderstoodEvent): void { this.call("notUnderstood", e); }
  booking(e: BookingEvent): void { this.call("booking", e); }
  reminderSent(e: { channel: string; kind: string; lagSeconds: number }): void { this.call("reminderSent", e); }
  outboundFailed(e: { channel: string }): void { this.call("outboundFailed", e); }
  ticketFirstResponse(e: { seconds: number }): void { this.call("ticketFirstResponse", e); }
  turnRetried(e: { channel: string }): void { this.call("turnRetried", e); }
  turnFromCopy(e: { channel: string; outcome: "saved" | "given_up" }): void { this.call("turnFromCopy", e); }
}

