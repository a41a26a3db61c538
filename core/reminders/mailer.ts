import nodemailer, { type Transporter } from "nodemailer";
import type { ChannelSender, Reply } from "../conversation/messages.ts";

/** An email to send. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; content: string; contentType: string }[];
}

/** Plain-text body of replies: text, then any link as "label: url" (choices are chat-only). */
export function repliesToText(replies: Reply[]): string {
  return replies.map((r) => (r.link ? `${r.text}\n\n${r.link.label}: ${r.link.url}` : r.text)).join("\n\n");
}

/** Sends email through SMTP (nodemailer), and acts as the "email" channel sender for the notifier. */
export class Mailer implements ChannelSender {
  readonly channel = "email" as const;
  private readonly transport: Transporter;

  constructor(smtpUrl: string, private readonly from: string) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async sendMail(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, ...mail });
  }

  /** Channel sender: the subject is the first line of the message. */
  async send(address: { externalId: string }, replies: Reply[]): Promise<void> {
    const text = repliesToText(replies);
    const first = text.split("\n", 1)[0];
    const subject = first.length > 78 ? `${first.slice(0, 75)}...` : first;
    await this.sendMail({ to: address.externalId, subject, text });
  }

  close(): void {
    this.transport.close();
  }
}
