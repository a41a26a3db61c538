import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../core/log.ts";
import { eventually } from "../fakes/slack.ts";
import { bookHaircut } from "../support/flows.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { WebChatClient } from "../support/webchat.ts";

// Wednesday 25 November 2026, 09:00 in Tirana. The clock is mutable so the 7-day reopen window can be crossed.
const NOW = "2026-11-25T08:00:00Z";
let now = new Date(NOW);
const clock = () => new Date(now);
const DAY = 24 * 60 * 60 * 1000;
const NO_DESK = /no staff desk configured/;

/** A logger that keeps its JSON lines, to read what the server said at start. */
function captureLog(): { log: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger("info", sink), lines };
}

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
  let customer: WebChatClient;
  /** The customer of the first test, back in the chat of their closed ticket T-1001. */
  async function reopenChat(): Promise<WebChatClient> {
    await customer.say("kërkesat");
    await customer.pick("T-1001 · Ankesë për një rezervim · e mbyllur");
    return customer;
  }
  const mails: { subject: string; body: string }[] = [];
  const logged = captureLog();
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
    server = await startTestServer({ clock, log: logged.log, env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SUPPORT_EMAIL: "staff@rezervo.al", RATE_LIMIT_PER_MIN: "100" } });
  });
  afterAll(async () => {
    await server?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it("a complaint about a booking: picked from the customer's bookings, numbered from T-1001, with the transcript", async () => {
    const { client: c, ref } = await bookHaircut(server.url);
    customer = c;

    await c.pick("Mbështetja");
    expect(c.text()).toMatch(/Për çfarë bëhet fjalë/);
    await c.pick("Ankesë për një rezervim");
    expect(c.text()).toMatch(/Për cilin rezervim/);
    await c.pick(new RegExp(`^${ref} · Prerje flokësh · e enjte, 26 nëntor në 10:00`));
    await c.say("Jo");
    expect(c.text()).toMatch(/pak më shumë/);
    await c.say("Berberi ishte i mbyllur kur mbërrita në orën 10.");
    expect(c.text()).toMatch(/numrin T-1001/);
    // Staff are emailed at once, so the usual answer time may be promised; the server gave no warning.
    expect(c.text()).toMatch(/zakonisht brenda 2 orëve/);
    expect(logged.lines.filter((l) => NO_DESK.test(l))).toHaveLength(0);
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
    expect(c.text()).toMatch(/brenda 7 ditëve.*«Kërkesat e mia»/s);
    expect((await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe("closed");
    // A ticket the customer closed is still listed, marked closed, so it can be reopened.
    const after = await c.post({ choice: "g.mytickets" });
    expect(after.json.replies.flatMap((r: { choices?: { label: string }[] }) => r.choices ?? []).map((x: { label: string }) => x.label))
      .toContain("T-1001 · Ankesë për një rezervim · e mbyllur");
  });

  it("writing to the closed ticket within 7 days reopens it in the database and tells staff by email", async () => {
    const ticket = await server.db.prisma.ticket.findFirstOrThrow({ where: { number: 1001 } });
    now = new Date(Date.parse(NOW) + 6 * DAY);
    const c = await reopenChat();
    const reopened = await c.say("Prapë nuk hapet, edhe pasi e instalova sërish.");
    expect(c.text(reopened)).toMatch(/Kërkesa T-1001 u rihap/);
    const row = await server.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { messages: { where: { author: "customer" }, orderBy: { id: "asc" } } } });
    expect(row.status).toBe("open");
    expect(row.messages.map((m) => m.text)).toContain("Prapë nuk hapet, edhe pasi e instalova sërish.");
    await eventually(() => mails.some((m) => m.subject === "Kërkesa T-1001 u rihap" && m.body.includes("Prapë nuk hapet")), "reopen email");
  });
});

describe("support tickets with no staff desk (neither Slack nor SMTP)", () => {
  let server: TestServer;
  const logged = captureLog();
  beforeAll(async () => {
    server = await startTestServer({ clock: () => new Date(NOW), log: logged.log, env: { RATE_LIMIT_PER_MIN: "100" } });
  });
  afterAll(() => server?.close());

  it("the server warns once at start that tickets only wait in the database", () => {
    const warnings = logged.lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => NO_DESK.test(l.msg));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].level).toBe(40); // pino's warn
  });

  it("a new ticket is kept in the database", async () => {
    const c = new WebChatClient(server.url);
    await c.start();
    await c.pick("Mbështetja");
    await c.pick("Problem teknik");
    await c.say("Nuk më vjen SMS-ja me kodin e verifikimit.");
    expect(c.text()).toMatch(/u regjistrua me numrin T-\d+/);
    expect(await server.db.prisma.ticket.count({ where: { description: { contains: "SMS-ja" } } })).toBe(1);
  });
});
