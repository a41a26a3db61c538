import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { createLogger } from "../../core/log.ts";
import { startTestServer, type TestServer } from "../support/server.ts";
import { fakeSmsSender, startFakeSmsProvider, type FakeSmsProvider } from "../fakes/reminders-sms.ts";

const H = 3600_000;
let server: TestServer;
let sms: FakeSmsProvider;
let n = 0;

beforeAll(async () => {
  sms = await startFakeSmsProvider();
  server = await startTestServer();
  if (!server.runtime.notifier.has("sms")) server.runtime.notifier.register(fakeSmsSender(sms.url));
});
afterAll(async () => {
  await server?.close();
  await sms?.close();
});

/** A booking `inMs` from now for the phone, with its 24 h or 2 h reminder sent by SMS. */
async function remindedBooking(phone: string, inMs: number, business = "berberi-ardit") {
  const prisma = server.db.prisma;
  const service = await prisma.service.findFirstOrThrow({ where: { business: { slug: business } } });
  const customer = (await prisma.customer.findFirst({ where: { phone } })) ?? (await prisma.customer.create({ data: { name: "Klient", phone } }));
  const start = new Date(Date.now() + inMs);
  const b = await prisma.booking.create({
    data: { ref: `RZ-S${String(++n).padStart(3, "0")}`, businessId: service.businessId, serviceId: service.id, customerId: customer.id, contactName: "Klient", contactPhone: phone, start, end: new Date(start.getTime() + 30 * 60_000), priceLek: 800, channel: "web" },
  });
  const kind = inMs > 20 * H ? "24h" : "2h";
  const due = ReminderDispatcher.dueAt(start, kind);
  const d = new ReminderDispatcher({ prisma, notifier: server.runtime.notifier, log: createLogger("silent"), clock: () => due, maxAttempts: 1 });
  expect(await d.run(b.id, kind)).toMatchObject({ sent: 1 });
  return b;
}

/** An SMS from `phone`, as the Twilio webhook hands it over. */
async function smsFrom(phone: string, text: string) {
  const out = await server.runtime.conversations.handle({ address: { channel: "sms", externalId: phone }, messageId: `SM-${++n}`, content: { kind: "text", text } });
  return out.replies;
}

const status = (id: string) => server.db.prisma.booking.findUniqueOrThrow({ where: { id } });

describe("answers to SMS reminders", () => {
  it("PO confirms the booking of that phone and never another customer's", async () => {
    const mine = await remindedBooking("+355691110001", 26 * H);
    const theirs = await remindedBooking("+355691110002", 26 * H);
    const replies = await smsFrom("+355691110001", "PO");
    expect(replies[0].text).toMatch(/E konfirmuat rezervimin te Berberi Ardit/);
    expect((await status(mine.id)).customerConfirmedAt).not.toBeNull();
    expect((await status(theirs.id)).customerConfirmedAt).toBeNull();
    expect(sms.messages.find((m) => m.to === "+355691110001")?.body).toMatch(/Pergjigjuni PO \(ose 1\)/);
  });

  it("JO cancels outside the fee window at once; the other customer's booking stays", async () => {
    const mine = await remindedBooking("+355691110003", 26 * H);
    const theirs = await remindedBooking("+355691110004", 26 * H);
    const replies = await smsFrom("+355691110003", "jo");
    expect(replies[0].text).toMatch(/u anulua/);
    expect((await status(mine.id)).status).toBe("cancelled");
    expect((await status(theirs.id)).status).toBe("confirmed");
  });

  it("asks which booking when the phone has several, then applies the answer to the one picked", async () => {
    const soon = await remindedBooking("+355691110005", 2 * H + 30_000);
    const later = await remindedBooking("+355691110005", 26 * H);
    const ask = await smsFrom("+355691110005", "KONFIRMO");
    expect(ask[0].text).toMatch(/Cilin doni të konfirmoni/);
    expect(ask[0].choices).toHaveLength(2);
    await smsFrom("+355691110005", "2");
    expect((await status(later.id)).customerConfirmedAt).not.toBeNull();
    expect((await status(soon.id)).customerConfirmedAt).toBeNull();

    // Cancelling the one inside the 24 h window asks first.
    const which = await smsFrom("+355691110005", "Anulo");
    expect(which[0].text).toMatch(/Cilin doni të anuloni/);
    const fee = await smsFrom("+355691110005", "1");
    expect(fee[0].text).toMatch(/më pak se 24 orë/);
    expect((await status(soon.id)).status).toBe("confirmed");
    const done = await smsFrom("+355691110005", "po");
    expect(done[0].text).toMatch(/u anulua/);
    expect((await status(soon.id)).status).toBe("cancelled");
    expect((await status(later.id)).status).toBe("confirmed");
  });

  it("a question left for the menu is dropped: a later number answers anew instead of picking a booking", async () => {
    const first = await remindedBooking("+355691110008", 2 * H + 30_000);
    const second = await remindedBooking("+355691110008", 26 * H);
    const ask = await smsFrom("+355691110008", "PO");
    expect(ask[0].text).toMatch(/Cilin doni të konfirmoni/);
    const menu = await smsFrom("+355691110008", "menu");
    expect(menu.map((r) => r.text).join("\n")).not.toMatch(/Cilin doni/);
    const again = await smsFrom("+355691110008", "1");
    expect(again[0].text).toMatch(/Cilin doni të konfirmoni/);
    expect((await status(first.id)).customerConfirmedAt).toBeNull();
    expect((await status(second.id)).customerConfirmedAt).toBeNull();
  });

  it("accepts English and any case; a question about the booking is answered, other text gets short help", async () => {
    const b = await remindedBooking("+355691110006", 26 * H);
    const when = await smsFrom("+355691110006", "what time was it again?");
    expect(when.map((r) => r.text).join("\n")).toMatch(/^Rezervimi juaj: Prerje flokësh te Berberi Ardit, .*\nPër rezervimin përgjigjuni PO/);
    const help = await smsFrom("+355691110006", "hmm let me think");
    expect(help[0].text).toMatch(/PO \(ose 1\).*JO \(ose 2\)/);
    const stop = await smsFrom("+355691110006", "STOP");
    expect(stop.map((r) => r.text).join("\n")).not.toMatch(/PO \(ose 1\)/); // left to the opt-out handling
    await smsFrom("+355691110006", "Yes");
    expect((await status(b.id)).customerConfirmedAt).not.toBeNull();
  });

  it("reads a yes or a no said in a sentence: «po, do vij» confirms, \"sorry, can't make it\" cancels", async () => {
    const a = await remindedBooking("+355691110011", 26 * H);
    await smsFrom("+355691110011", "po, do vij");
    expect((await status(a.id)).customerConfirmedAt).not.toBeNull();
    const b = await remindedBooking("+355691110012", 26 * H);
    const replies = await smsFrom("+355691110012", "sorry, can't make it");
    expect(replies[0].text).toMatch(/u anulua/);
    expect((await status(b.id)).status).toBe("cancelled");
    // A yes with a condition is no plain answer: the help, and nothing changes.
    const c = await remindedBooking("+355691110013", 26 * H);
    const help = await smsFrom("+355691110013", "po, por ne 11");
    expect(help[0].text).toMatch(/PO \(ose 1\).*JO \(ose 2\)/);
    expect((await status(c.id)).customerConfirmedAt).toBeNull();
  });

  it("reads a no with its reason, a request to cancel and thanks for the reminder; a question about cancelling cancels nothing", async () => {
    const reason = await remindedBooking("+355691110021", 26 * H);
    expect((await smsFrom("+355691110021", "JO, më doli një punë"))[0].text).toMatch(/u anulua/);
    expect((await status(reason.id)).status).toBe("cancelled");
    const asked = await remindedBooking("+355691110022", 26 * H);
    expect((await smsFrom("+355691110022", "need to cancel, sorry"))[0].text).toMatch(/u anulua/);
    expect((await status(asked.id)).status).toBe("cancelled");
    const thanks = await remindedBooking("+355691110023", 26 * H);
    expect((await smsFrom("+355691110023", "ok, faleminderit për kujtesën"))[0].text).toMatch(/E konfirmuat/);
    expect((await status(thanks.id)).customerConfirmedAt).not.toBeNull();
    const onMyWay = await remindedBooking("+355691110024", 26 * H);
    await smsFrom("+355691110024", "yep, on my way shortly 👍");
    expect((await status(onMyWay.id)).customerConfirmedAt).not.toBeNull();
    // Questions and a "don't cancel" are no cancellations.
    const fee = await remindedBooking("+355691110025", 26 * H);
    await smsFrom("+355691110025", "what's the cancellation fee?");
    await smsFrom("+355691110025", "mos e anuloni");
    expect((await status(fee.id)).status).toBe("confirmed");
    // "let's cancel it" asks to cancel (its "s" is no «s'», not).
    const lets = await remindedBooking("+355691110032", 26 * H);
    await smsFrom("+355691110032", "let's cancel it");
    expect((await status(lets.id)).status).toBe("cancelled");
    // «mos e anuloni, po vij»: the booking kept and the visit confirmed.
    const keep = await remindedBooking("+355691110031", 26 * H);
    expect((await smsFrom("+355691110031", "mos e anuloni, po vij"))[0].text).toMatch(/E konfirmuat/);
    expect((await status(keep.id)).customerConfirmedAt).not.toBeNull();
  });

  it("inside 24 h, «po, anuloje» and \"yes cancel it\" answer the fee question by cancelling, «jo, mbaje» keeps the booking", async () => {
    const a = await remindedBooking("+355691110026", 2 * H + 30_000);
    expect((await smsFrom("+355691110026", "nuk vij dot sot, më fal"))[0].text).toMatch(/më pak se 24 orë/);
    expect((await smsFrom("+355691110026", "po, anuloje"))[0].text).toMatch(/u anulua/);
    expect((await status(a.id)).status).toBe("cancelled");
    const b = await remindedBooking("+355691110027", 2 * H + 30_000);
    await smsFrom("+355691110027", "I won't make it today unfortunately, please cancel");
    await smsFrom("+355691110027", "yes cancel it");
    expect((await status(b.id)).status).toBe("cancelled");
    const c = await remindedBooking("+355691110028", 2 * H + 30_000);
    await smsFrom("+355691110028", "anulo");
    expect((await smsFrom("+355691110028", "jo, mbaje"))[0].text).toMatch(/mbetet i vlefshëm/);
    expect((await status(c.id)).status).toBe("confirmed");
    const d = await remindedBooking("+355691110079", 2 * H + 30_000);
    await smsFrom("+355691110079", "please cancel, I have to work late today");
    expect((await smsFrom("+355691110079", "yes, cancel anyway"))[0].text).toMatch(/u anulua/);
    expect((await status(d.id)).status).toBe("cancelled");
  });

  it("answers a question about the booking and keeps the reminder's question; an answer with a question after it does both", async () => {
    const b = await remindedBooking("+355691110029", 26 * H);
    const price = (await smsFrom("+355691110029", "sa kushton?")).map((r) => r.text).join("\n");
    expect(price).toMatch(/Prerje flokësh te Berberi Ardit: 800 lekë/);
    expect(price).toMatch(/PO për ta konfirmuar ose JO për ta anuluar/);
    const who = (await smsFrom("+355691110029", "kush jeni?"))[0].text;
    expect(who).toMatch(/^Jemi Rezervo: me ne keni rezervuar Prerje flokësh te Berberi Ardit/);
    await smsFrom("+355691110029", "ne rregull, po");
    expect((await status(b.id)).customerConfirmedAt).not.toBeNull();
    const c = await remindedBooking("+355691110030", 26 * H);
    const both = (await smsFrom("+355691110030", "Konfirmoj. Ku ndodheni saktësisht?")).map((r) => r.text).join("\n");
    expect(both).toMatch(/E konfirmuat rezervimin te Berberi Ardit.*\n.*Rruga e Durrësit 112, Tiranë/s);
    expect((await status(c.id)).customerConfirmedAt).not.toBeNull();
  });

  it("reads a thumbs-up, Gheg «po vi», \"Confirming\" and a slip in the reminder's own words («konfrimoj»)", async () => {
    for (const [i, text] of ["👍", "👍🏼 thanks", "po vi, flm", "konfrimoj", "Yep 👍 see you at 4", "mirë, shihemi në 4", "Confirming, thank you!", "faleminderit, do jem aty në kohë", "sigurisht që do vij, shihemi", "Po do jem patjeter"].entries()) {
      const phone = `+35569111004${i}`;
      const b = await remindedBooking(phone, 26 * H);
      expect((await smsFrom(phone, text))[0].text, text).toMatch(/E konfirmuat/);
      expect((await status(b.id)).customerConfirmedAt).not.toBeNull();
    }
    const typo = await remindedBooking("+355691110039", 26 * H);
    expect((await smsFrom("+355691110039", "anulojni"))[0].text).toMatch(/u anulua/);
    expect((await status(typo.id)).status).toBe("cancelled");
  });

  it("«mirë, jam në rrugë» and \"ok, on my way\" confirm: on the way is coming, not running late; «jam në rrugë, vonohem 10 min» is late", async () => {
    for (const [i, text] of ["mire, jam ne rruge", "ok, on my way"].entries()) {
      const phone = `+35569111006${i}`;
      const b = await remindedBooking(phone, 2 * H + 30_000);
      expect((await smsFrom(phone, text))[0].text, text).toMatch(/E konfirmuat/);
      expect((await status(b.id)).customerConfirmedAt).not.toBeNull();
    }
    const late = await remindedBooking("+355691110069", 2 * H + 30_000);
    const replies = await smsFrom("+355691110069", "jam ne rruge, vonohem 10 min");
    expect(replies.map((r) => r.text).join("\n")).toMatch(/10 minuta/);
    expect((await status(late.id)).lateMinutes).toBe(10);
  });

  it("with two bookings reminded: one answer for each, both at once, a booking named at \"which one?\", one fee question for both", async () => {
    const a1 = await remindedBooking("+355691110051", 26 * H);
    // DentaPlus cancels free until 48 h before: 50 h ahead needs no fee question.
    const a2 = await remindedBooking("+355691110051", 50 * H, "dentaplus-tirane");
    await smsFrom("+355691110051", "po për berberin, jo për dentistin");
    expect((await status(a1.id)).customerConfirmedAt).not.toBeNull();
    expect((await status(a2.id)).status).toBe("cancelled");

    const b1 = await remindedBooking("+355691110052", 26 * H);
    const b2 = await remindedBooking("+355691110052", 27 * H, "dentaplus-tirane");
    expect((await smsFrom("+355691110052", "YES"))[0].text).toMatch(/Cilin doni të konfirmoni/);
    await smsFrom("+355691110052", "both");
    expect((await status(b1.id)).customerConfirmedAt).not.toBeNull();
    expect((await status(b2.id)).customerConfirmedAt).not.toBeNull();

    const c1 = await remindedBooking("+355691110053", 26 * H);
    const c2 = await remindedBooking("+355691110053", 50 * H, "dentaplus-tirane");
    await smsFrom("+355691110053", "JO");
    await smsFrom("+355691110053", "atë te dentisti");
    expect((await status(c2.id)).status).toBe("cancelled");
    expect((await status(c1.id)).status).toBe("confirmed");

    // A yes for one and "can't make" for the other.
    const f1 = await remindedBooking("+355691110056", 26 * H);
    const f2 = await remindedBooking("+355691110056", 27 * H, "autoservis-alba");
    await smsFrom("+355691110056", "yes for the haircut; the car service I can't make, sorry");
    expect((await status(f1.id)).customerConfirmedAt).not.toBeNull();
    expect((await status(f2.id)).status).toBe("cancelled");

    // A kind named by a word of three letters: "the car one".
    const e1 = await remindedBooking("+355691110055", 26 * H);
    const e2 = await remindedBooking("+355691110055", 27 * H, "autoservis-alba");
    await smsFrom("+355691110055", "NO");
    await smsFrom("+355691110055", "the car one");
    expect((await status(e2.id)).status).toBe("cancelled");
    expect((await status(e1.id)).status).toBe("confirmed");

    const d1 = await remindedBooking("+355691110054", 2 * H + 30_000);
    const d2 = await remindedBooking("+355691110054", 2 * H + 60_000, "dentaplus-tirane");
    const fee = (await smsFrom("+355691110054", "anuloji të dyja ju lutem"))[0];
    expect(fee.text).toMatch(/Këto rezervime fillojnë për më pak se/);
    expect(fee.choices).toHaveLength(2);
    await smsFrom("+355691110054", "po");
    expect((await status(d1.id)).status).toBe("cancelled");
    expect((await status(d2.id)).status).toBe("cancelled");
  });

  it("a request of its own (\"I need to talk to someone about it\") goes to the dialog, not to the help", async () => {
    const b = await remindedBooking("+355691110014", 26 * H);
    const late = await smsFrom("+355691110014", "I need to talk to someone about it");
    expect(late.map((r) => r.text).join("\n")).not.toMatch(/PO \(ose 1\)/);
    expect((await status(b.id)).status).toBe("confirmed");
    expect((await status(b.id)).customerConfirmedAt).toBeNull();
  });

  it("answers politely about a booking that is already past", async () => {
    const prisma = server.db.prisma;
    const b = await remindedBooking("+355691110007", 2 * H + 30_000);
    await prisma.booking.update({ where: { id: b.id }, data: { start: new Date(Date.now() - H), end: new Date(Date.now() - H / 2) } });
    const replies = await smsFrom("+355691110007", "po");
    expect(replies[0].text).toMatch(/ka kaluar tashmë/);
    expect((await status(b.id)).customerConfirmedAt).toBeNull();
  });

  it("leaves a phone with no reminded bookings to the dialog", async () => {
    const replies = await smsFrom("+355691110008", "po");
    expect(replies.map((r) => r.text).join("\n")).not.toMatch(/konfirmuat|anulua/);
  });
});
