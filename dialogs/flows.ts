import { bookingFlow } from "./booking/flow.ts";
import type { Flow } from "./engine/types.ts";
import { faqFlow } from "./faq/flow.ts";
import { manageFlow } from "./manage/flow.ts";
import { menuFlow } from "./menu/flow.ts";
import { ticketFlow } from "./ticket/flow.ts";

/** Every flow by name. */
export const flows: Record<string, Flow> = {
  menu: menuFlow,
  booking: bookingFlow,
  faq: faqFlow,
  manage: manageFlow,
  ticket: ticketFlow,
};

/** Global actions that open a flow ("g.<action>" buttons, commands, intents). */
export const ACTION_FLOWS: Record<string, { flow: string; step?: string; data?: Record<string, unknown> }> = {
  menu: { flow: "menu" },
  book: { flow: "booking" },
  mybookings: { flow: "manage" },
  cancel: { flow: "manage", data: { mode: "cancel" } },
  reschedule: { flow: "manage", data: { mode: "reschedule" } },
  "running-late": { flow: "manage", data: { mode: "running-late" } },
  notifications: { flow: "manage", step: "notify" },
  faq: { flow: "faq" },
  support: { flow: "ticket" },
  mytickets: { flow: "ticket", step: "list" },
  privacy: { flow: "privacy" },
  waitlist: { flow: "waitlist" },
  "wl-entry": { flow: "waitlist", step: "entry" },
  again: { flow: "again" },
};
