import { createEmailDesk } from "../../core/tickets/email.ts";
import { ticketsPort } from "../../core/tickets/port.ts";
import { startReannouncer } from "../../core/tickets/reannounce.ts";
import type { TicketDesk } from "../../core/tickets/types.ts";
import { ticketFlow } from "../../dialogs/ticket/flow.ts";
import { inTicketChat, ticketRelay } from "../../dialogs/ticket/relay.ts";
import type { Contribution, FeatureModule } from "../module.ts";
import { createSlackDesk } from "../slack/app.ts";
import { registerSlackRoute } from "../slack/register.ts";

/**
 * Support tickets: the ticket flow and port, the message handler that relays messages of an open ticket, and
 * the staff desk — Slack when SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_SUPPORT_CHANNEL are set
 * (events at /webhooks/slack/events), otherwise email to SUPPORT_EMAIL when SMTP_URL is set, otherwise
 * tickets are only kept in the database. Untaken tickets are announced again every 30 minutes.
 */
export const ticketsModule: FeatureModule<"tickets", undefined> = {
  name: "tickets",
  flows: { ticket: ticketFlow },
  setup(rt) {
    const c = rt.config;
    const out: Contribution = {
      services: { tickets: ticketsPort(rt.prisma, rt.tickets) },
      handlers: [{ name: "ticket relay", priority: 10, passes: (msg, turn) => !inTicketChat(msg, turn), handle: ticketRelay(rt.tickets) }],
    };
    let desk: TicketDesk | undefined;
    if (c.SLACK_BOT_TOKEN && c.SLACK_SIGNING_SECRET && c.SLACK_SUPPORT_CHANNEL) {
      const signingSecret = c.SLACK_SIGNING_SECRET;
      const slack = createSlackDesk(
        { botToken: c.SLACK_BOT_TOKEN, supportChannel: c.SLACK_SUPPORT_CHANNEL, apiUrl: c.SLACK_API_URL, lang: c.DEFAULT_LANG },
        { tickets: rt.tickets, log: rt.log, clock: rt.clock },
      );
      desk = slack.desk;
      out.routes = [(app) => registerSlackRoute(app, { signingSecret, receiver: slack.receiver, log: rt.log })];
    } else if (c.SMTP_URL) {
      const email = createEmailDesk({ smtpUrl: c.SMTP_URL, from: c.SMTP_FROM, to: c.SUPPORT_EMAIL, lang: c.DEFAULT_LANG }, rt.log);
      desk = email;
      out.close = [async () => email.close()];
    } else if (rt.role === "server") {
      rt.log.warn(
        "no staff desk configured (neither Slack nor SMTP): new support tickets are only kept in the database, and customers are told the team will see them when they next check",
      );
    }
    if (desk) {
      out.desks = [desk];
      out.jobs = [{ name: "ticket re-announcer", roles: ["server", "worker"], start: () => startReannouncer(rt.tickets, { clock: rt.clock, log: rt.log }) }];
    }
    return out;
  },
};
