import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../fakes/slack.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";

/** Decodes quoted-printable (and Q-encoded words in headers) of a raw message, enough to read it. */
function decodeMail(raw: string): { subject: string; body: string } {
  const qp = (s: string) => Buffer.from(s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_m, h) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, " ");
  const subjectRaw = unfolded.match(/^Subject: (.*)$/m)?.[1] ?? "";
  const subject = subjectRaw.replace(/=\?UTF-8\?Q\?([^?]*)\?=\s*/gi, (_m, w: string) => qp(w.replace(/_/g, " ")));
  return { subject, body: qp(rest.join("\n\n")) };
}

describe("support tickets over the web chat, staff told by email (no Slack)", () => {
  let server: TestServer;
  let smtp: SMTPServer;
  const mails: { subject: string; body: string }[] = [];
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      onData(stream, _session, done) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          mails.push(decodeMail(Buffer.concat(chunks).toString("utf8")));
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    server = await startTestServer({ clock: fixedClock(NOW), env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SUPPORT_EMAIL: "staff@rezervo.al", RATE_LIMIT_PER_MIN: "100" } });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it("a complaint about a booking: picked from the customer's bookings, numbered from T-1001, with the transcript", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "sq" });
    await c.pick("Rezervo një termin");
    await c.pick("Berber");
    await c.pick(/Ardit/);
    await c.pick(/^Prerje flokësh ·/);
    await c.pick(/26/);
    await c.pick("10:00");
    await c.say("Arta Hoxha");
    await c.say("arta@example.com");
    await c.say("069 123 4567");
    await c.pick(/Konfirmo/);
    const ref = c.text().match(/RZ-[A-Z0-9]{4}/)![0];

    await c.pick("Mbështetja");
    expect(c.text()).toMatch(/Për çfarë bëhet fjalë/);
    await c.pick("Ankesë për një rezervim");
    expect(c.text()).toMatch(/Për cilin rezervim/);
    await c.pick(new RegExp(`^${ref} · Prerje flokësh · e enjte, 26 nëntor në 10:00`));
    await c.say("Jo");
    expect(c.text()).toMatch(/pak më shumë/);
    await c.say("Berberi ishte i mbyllur kur mbërrita në orën 10.");
    expect(c.text()).toMatch(/numrin T-1001/);
    expect(c.text()).toMatch(/shkruani «menu»/);

    const ticket = await server.db.prisma.ticket.findFirstOrThrow({ where: { number: 1001 }, include: { messages: { orderBy: { id: "asc" } } } });
    expect(ticket.kind).toBe("complaint");
    expect(ticket.customerName).toBe("Arta");
    const booking = await server.db.prisma.booking.findUniqueOrThrow({ where: { ref } });
    expect(ticket.bookingId).toBe(booking.id);
    const transcript = ticket.messages.find((m) => m.authorName === "transcript")!.text;
    // The last 10 messages before the description, oldest first, customer lines marked ">".
    const lines = transcript.split("\n");
    expect(lines).toHaveLength(10);
    expect(lines).toContain("> Ankesë për një rezervim");
    expect(lines).toContain(`> ${ref} · Prerje flokësh · e enjte, 26 nëntor në 10:00`);
    expect(lines.at(-1)).toBe("< Na tregoni çfarë ndodhi me rezervimin.");

    const mail = await eventually(() => mails.find((m) => m.subject.includes("T-1001")), "email to staff");
    expect(mail.subject).toBe("Kërkesë e re T-1001: Ankesë për një rezervim");
    expect(mail.body).toContain(ref);
    expect(mail.body).toContain("Berberi ishte i mbyllur");

    // In the ticket chat, messages go to the ticket, quietly.
    expect(await c.say("A mund të më ktheni paratë?")).toEqual([]);
    const fromCustomer = await server.db.prisma.ticketMessage.findMany({ where: { ticketId: ticket.id, author: "customer" } });
    expect(fromCustomer.map((m) => m.text)).toEqual(["Berberi ishte i mbyllur kur mbërrita në orën 10.", "A mund të më ktheni paratë?"]);
    await eventually(() => mails.some((m) => m.subject === "Mesazh i ri për T-1001" && m.body.includes("A mund të më ktheni paratë?")), "message email");

    // "menu" leaves the chat and is not added to the ticket; the ticket stays open.
    await c.say("menu");
    expect(c.text()).toMatch(/Zgjidhni më poshtë/);
    expect(await server.db.prisma.ticketMessage.count({ where: { ticketId: ticket.id, author: "customer" } })).toBe(2);

    // My tickets lists it; the customer goes back into its chat and closes it.
    const { json } = await c.post({ choice: "g.mytickets" });
    c.last = json.replies;
    expect(c.text()).toMatch(/Kërkesat tuaja të hapura/);
    await c.pick("T-1001 · Ankesë për një rezervim · në pritje");
    expect(c.text()).toMatch(/Jeni në bisedë me mbështetjen për kërkesën T-1001/);
    await c.say("mbyll");
    expect(c.text()).toMatch(/Kërkesa T-1001 u mbyll/);
    expect((await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("closed");
    const after = await c.post({ choice: "g.mytickets" });
    expect(after.json.replies.map((r: { text: string }) => r.text).join("\n")).toMatch(/Nuk keni kërkesa të hapura/);
  });

  it("three misunderstandings offer a person, which opens a ticket", async () => {
    const c = new WebChatClient(server.url);
    await c.start({ lang: "en" });
    await c.pick("Book an appointment");
    await c.say("qwxz zzkq");
    await c.say("plmk oiuj");
    await c.say("vbnm hjkl");
    expect(c.text()).toMatch(/speak to someone|talk to|member of our staff/i);
    await c.pick(/staff|person|human/i);
    expect(c.text()).toMatch(/What is it about/);
    await c.pick("Technical problem");
    await c.say("The page keeps crashing when I pay.");
    const n = c.text().match(/T-(\d+)/)?.[1];
    expect(Number(n)).toBeGreaterThan(1001);
    // Written in English: the ticket's customer gets English.
    expect(c.text()).toMatch(/You are chatting with support/);
  });
});
