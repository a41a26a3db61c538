import { CardFactory, MessageFactory } from "@microsoft/agents-hosting";
import type { Reply } from "../../core/conversation/messages.ts";

/** What the Teams channel can show. */
export const TEAMS_CAPABILITIES = { buttons: true, maxButtons: 12, maxTextLength: 25_000, numberedChoices: false } as const;

/** The value a pressed button sends back (messageBack), read by the adapter. */
export interface ChoiceValue {
  rezervoChoice: string;
}

/**
 * A reply as a Bot Framework message activity: the text, and the choices as hero-card buttons
 * (messageBack, so the id comes back while the customer sees the label). A link becomes an openUrl button.
 */
export function toActivity(reply: Reply) {
  const activity = MessageFactory.text(reply.text);
  const buttons: object[] = (reply.choices ?? []).slice(0, TEAMS_CAPABILITIES.maxButtons).map((c) => ({
    type: "messageBack",
    title: c.label,
    text: c.label,
    displayText: c.label,
    value: { rezervoChoice: c.id } satisfies ChoiceValue,
  }));
  if (reply.link) buttons.push({ type: "openUrl", title: reply.link.label, value: reply.link.url });
  if (buttons.length) activity.attachments = [CardFactory.heroCard("", "", undefined, buttons)];
  return activity;
}

/** Text of a Teams message without the bot's @mention. */
export function stripMention(text: string): string {
  return text.replace(/<at>[^<]*<\/at>/g, "").trim();
}
