// The Prometheus side of the domain's observer: prom-client metrics in a registry of their own (several
// apps in one process — the tests — each keep their own counts). Labels are channels, steps, outcomes
// and reminder kinds only: never a phone, an email, a chat id or a text.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { Observer } from "../../core/observer.ts";

/** The app's metrics and the observer that feeds them. */
export interface PromMetrics {
  registry: Registry;
  observer: Observer;
}

/** Creates the registry with the default process metrics and the rezervo_* metrics. */
export function createPromMetrics(): PromMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const turns = new Histogram({
    name: "rezervo_turn_duration_seconds",
    help: "Time to handle one inbound message, by channel and the dialog step it answered (flow.step)",
    labelNames: ["channel", "step"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const turnOutcomes = new Counter({
    name: "rezervo_turns_total",
    help: "Inbound messages by channel and outcome (handled, duplicate, limited, failed, unavailable)",
    labelNames: ["channel", "outcome"] as const,
    registers: [registry],
  });
  const retries = new Counter({
    name: "rezervo_turn_retries_total",
    help: "Turns run again after a connection-level database error",
    labelNames: ["channel"] as const,
    registers: [registry],
  });
  const fromCopy = new Counter({
    name: "rezervo_turns_from_copy_total",
    help: "Turns run from the instance's copy of the conversation, without loading it: saved, or given up (a write, a stale copy) and run on the loaded one",
    labelNames: ["channel", "outcome"] as const,
    registers: [registry],
  });
  const bookings = new Counter({
    name: "rezervo_bookings_total",
    help: "Booking attempts and changes by channel (where the booking was made) and outcome (confirmed, pending_payment, slot_taken, too_soon, cancelled)",
    labelNames: ["channel", "outcome"] as const,
    registers: [registry],
  });
  const fallback = new Counter({
    name: "rezervo_nlu_fallback_total",
    help: "Typed messages no step and no intent understood",
    labelNames: ["channel"] as const,
    registers: [registry],
  });
  const reminderLag = new Histogram({
    name: "rezervo_reminder_lag_seconds",
    help: "How late reminders went out after they were due, by channel and kind",
    labelNames: ["channel", "kind"] as const,
    buckets: [1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600],
    registers: [registry],
  });
  const outboundFailures = new Counter({
    name: "rezervo_outbound_failures_total",
    help: "Messages to customers that could not be delivered (after the sender's retries), by channel",
    labelNames: ["channel"] as const,
    registers: [registry],
  });
  const firstResponse = new Histogram({
    name: "rezervo_ticket_first_response_seconds",
    help: "Time from a support ticket being opened to the first staff answer",
    buckets: [60, 300, 600, 1800, 3600, 7200, 14400, 28800, 86400],
    registers: [registry],
  });
  const observer: Observer = {
    turn(e) {
      turnOutcomes.inc({ channel: e.channel, outcome: e.outcome });
      if (e.outcome === "handled" || e.outcome === "failed") turns.observe({ channel: e.channel, step: e.step }, e.seconds);
    },
    turnRetried: (e) => retries.inc({ channel: e.channel }),
    turnFromCopy: (e) => fromCopy.inc({ channel: e.channel, outcome: e.outcome }),
    notUnderstood: (e) => fallback.inc({ channel: e.channel }),
    booking: (e) => bookings.inc({ channel: e.channel, outcome: e.outcome }),
    reminderSent: (e) => reminderLag.observe({ channel: e.channel, kind: e.kind }, e.lagSeconds),
    outboundFailed: (e) => outboundFailures.inc({ channel: e.channel }),
    ticketFirstResponse: (e) => firstResponse.observe(e.seconds),
  };
  return { registry, observer };
}
