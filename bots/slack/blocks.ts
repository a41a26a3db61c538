import type { TicketView } from "../../core/tickets/types.ts";
import { t, type Lang } from "../../locales/i18n.ts";

/** Action ids of the ticket buttons in Slack. */
export const TAKE_ACTION = "ticket_take";
export const CLOSE_ACTION = "ticket_close";

const SECTION_MAX = 2900;

/** Escapes text for Slack mrkdwn (no mentions or links from customer input). */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Turns Slack's escaped message text back into plain text for the customer. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function clip(text: string, max = SECTION_MAX): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A block-kit message for a ticket, with the buttons its status allows. */
export function ticketMessage(lang: Lang, v: TicketView, transcript: string) {
  const s = (key: string, vars?: Record<string, unknown>) => t(lang, `tickets:staff.${key}`, vars);
  const none = s("none");
  // A closed ticket's takenBy is the staff member who closed it; none when the customer did.
  const closed = v.takenBy ? s("closedBy", { name: v.takenBy }) : s("closedByCustomer");
  const status = v.status === "closed" ? closed : v.status === "taken" ? s("takenBy", { name: v.takenBy ?? none }) : t(lang, "tickets:status.open");
  const blocks: object[] = [
    { type: "header", text: { type: "plain_text", text: s("newTicket", { label: v.label }) } },
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*${s("customer")}*\n${escapeSlack(v.customerName ?? none)}` },
        { type: "mrkdwn", text: `*${s("channel")}*\n${escapeSlack(v.channel)}` },
        { type: "mrkdwn", text: `*${s("booking")}*\n${escapeSlack(v.bookingRef ?? none)}` },
        { type: "mrkdwn", text: `*${s("kind")}*\n${escapeSlack(t(lang, `tickets:kinds.${v.kind}`))}` },
      ],
    },
    { type: "section", text: { type: "mrkdwn", text: clip(`*${s("description")}*\n${escapeSlack(v.description)}`) } },
  ];
  if (transcript) {
    blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(`*${s("transcript")}*\n\`\`\`${escapeSlack(transcript)}\`\`\``) } });
  }
  blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: `${escapeSlack(status)} · ${s("howToReply")}` }] });
  const buttons: object[] = [];
  if (v.status === "open") buttons.push({ type: "button", action_id: TAKE_ACTION, style: "primary", value: v.id, text: { type: "plain_text", text: s("take") } });
  if (v.status !== "closed") buttons.push({ type: "button", action_id: CLOSE_ACTION, style: "danger", value: v.id, text: { type: "plain_text", text: s("closeButton") } });
  if (buttons.length) blocks.push({ type: "actions", block_id: `ticket_${v.number}`, elements: buttons });
  const text = `${s("newTicket", { label: v.label })}: ${t(lang, `tickets:kinds.${v.kind}`)} (${status})`;
  return { text, blocks };
}
