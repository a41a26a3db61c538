import nodemailer from "nodemailer";
import { t, type Lang } from "../../locales/i18n.ts";
import type { Logger } from "../log.ts";
import type { TicketDesk, TicketView, TranscriptLine } from "./types.ts";
import { transcriptLines } from "./service.ts";

/** Settings of the email desk. */
export interface EmailDeskConfig {
  smtpUrl: string;
  from: string;
  to: string;
  lang: Lang;
}

/** Tells staff about tickets by email when there is no Slack desk. */
export function createEmailDesk(cfg: EmailDeskConfig, log: Logger): TicketDesk & { close(): void } {
  const transport = nodemailer.createTransport(cfg.smtpUrl);
  const s = (key: string, vars?: Record<string, unknown>) => t(cfg.lang, `tickets:staff.${key}`, vars);
  const facts = (v: TicketView) => [
    `${s("customer")}: ${v.customerName ?? s("none")}`,
    `${s("channel")}: ${v.channel}`,
    `${s("booking")}: ${v.bookingRef ?? s("none")}`,
    `${s("kind")}: ${t(cfg.lang, `tickets:kinds.${v.kind}`)}`,
  ];
  const send = async (subject: string, text: string) => {
    await transport.sendMail({ from: cfg.from, to: cfg.to, subject, text });
    log.info({ subject }, "ticket email sent to staff");
  };
  return {
    name: "email",
    async created(v: TicketView, transcript: TranscriptLine[]) {
      const body = [...facts(v), "", `${s("description")}:`, v.description, "", `${s("transcript")}:`, transcriptLines(transcript)].join("\n");
      await send(s("emailSubject", { label: v.label, kind: t(cfg.lang, `tickets:kinds.${v.kind}`) }), body);
    },
    async customerMessage(v, text) {
      await send(s("emailMessageSubject", { label: v.label }), [s("customerSays", { text }), "", ...facts(v)].join("\n"));
    },
    async closedByCustomer(v) {
      await send(s("emailMessageSubject", { label: v.label }), s("closedByCustomer"));
    },
    async reopened(v, text) {
      await send(s("emailReopenedSubject", { label: v.label }), [s("reopened", { text }), "", ...facts(v)].join("\n"));
    },
    close() {
      transport.close();
    },
  };
}
