import { describe, expect, it } from "vitest";
import { expiredNotice } from "../../../core/payments/notices.ts";
import { memoryWorld } from "../../support/memory/index.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";
const PHONE = "+355691234567";
const sms = { channel: "sms" as const, externalId: PHONE };

describe("a reminder by SMS asks PO/JO: its question is pending in the conversation", () => {
  it("PO confirms the reminded booking, and the question is answered once", async () => {
    const world = memoryWorld({ now: NOW });
    const b = await world.book("berberi-ardit/0", "2026-11-26T09:00:00Z", "web-1", "Arta Hoxha", PHONE);
    const bot = world.chat({ address: sms });
    await world.remind(bot, b.id).expect(/Kujtesë nga Rezervo: nesër/).expect(/PO \(ose 1\)/)
      .check((t) => expect(t.state.pending?.by).toBe("reminder"))
      .send("PO").expect(/E konfirmuat rezervimin te Berberi Ardit/)
      .check((t) => expect(t.state.pending).toBeUndefined());
    expect(b.customerConfirmedAt).toEqual(world.now);
  });

  it("two reminders since the customer last wrote: PO asks which, and the number picks the booking", async () => {
    const world = memoryWorld({ now: NOW });
    const soon = await world.book("berberi-ardit/0", "2026-11-25T11:00:00Z", "web-1", "Arta Hoxha", PHONE);
    const later = await world.book("berberi-ardit/0", "2026-11-26T09:00:00Z", "web-2", "Arta Hoxha", PHONE);
    const bot = world.chat({ address: sms });
    world.remind(bot, soon.id, "2h");
    await world.remind(bot, later.id)
      .send("konfirmo").expect(/Cilin doni të konfirmoni/).check((t) => expect(t.labels()).toHaveLength(2))
      .send("2").expect(/E konfirmuat rezervimin/);
    expect(later.customerConfirmedAt).not.toBeNull();
    expect(soon.customerConfirmedAt).toBeNull();
  });

  it("JO inside the free-cancellation window asks first; PO then cancels", async () => {
    const world = memoryWorld({ now: NOW });
    const b = await world.book("berberi-ardit/0", "2026-11-25T11:00:00Z", "web-1", "Arta Hoxha", PHONE);
    const bot = world.chat({ address: sms });
    await world.remind(bot, b.id, "2h")
      .send("jo").expect(/më pak se 24 orë/)
      .check(() => expect(b.status).toBe("confirmed"))
      .send("po").expect(/u anulua/);
    expect(b.status).toBe("cancelled");
  });

  it("a question about the booking is answered, other text gets short help, and the question stays; another phone's booking is never touched", async () => {
    const world = memoryWorld({ now: NOW });
    const mine = await world.book("berberi-ardit/0", "2026-11-26T09:00:00Z", "web-1", "Arta Hoxha", PHONE);
    const theirs = await world.book("berberi-ardit/0", "2026-11-26T10:00:00Z", "web-2", "Besa Gjoka", "+355697654321");
    const bot = world.chat({ address: sms });
    await world.remind(bot, mine.id)
      .send("ne c'ore ishte?").expect(/Rezervimi juaj: .* në 10:00/)
      .check((t) => expect(t.state.pending?.by).toBe("reminder"))
      .send("hmm s'e di").expect(/PO \(ose 1\).*JO \(ose 2\)/)
      .check((t) => expect(t.state.pending?.by).toBe("reminder"))
      .send("Yes").expect(/E konfirmuat/);
    expect(mine.customerConfirmedAt).not.toBeNull();
    expect(theirs.customerConfirmedAt).toBeNull();
  });
});

describe("bot-initiated messages with buttons: the most recent question is the one answered", () => {
  it("after a payment notice on SMS, 1 is the notice's first button, not the step's", async () => {
    const world = memoryWorld({ now: NOW });
    const b = await world.book("berberi-ardit/0", "2026-11-26T09:00:00Z", "web-1", "Arta Hoxha", PHONE);
    const bot = world.chat({ address: sms });
    // The business list: on SMS "1" would be its first business.
    await bot.send("rezervo").send("Berber").check((t) => expect(t.state.step).toBe("business"));
    await world.notify(bot, expiredNotice("sq", b)).expect(/Koha për pagesën e rezervimit .* mbaroi dhe vendi u lirua/)
      .send("1").expect(/Zgjidhni kategorinë/)
      .check((t) => expect([t.state.flow, t.state.step]).toEqual(["booking", "category"]));
  });

  it("a reminder after a notice: 1 confirms the booking; a notice after a reminder: 1 is the notice's button", async () => {
    const world = memoryWorld({ now: NOW });
    const b = await world.book("berberi-ardit/0", "2026-11-26T09:00:00Z", "web-1", "Arta Hoxha", PHONE);
    const gone = await world.book("berberi-ardit/0", "2026-11-27T09:00:00Z", "web-2", "Arta Hoxha", PHONE);
    const bot = world.chat({ address: sms });
    await bot.send("rezervo").send("Berber");
    world.notify(bot, expiredNotice("sq", gone));
    await world.remind(bot, b.id).send("1").expect(/E konfirmuat rezervimin/);
    expect(b.customerConfirmedAt).not.toBeNull();

    b.customerConfirmedAt = null;
    await bot.send("rezervo").send("Berber");
    world.remind(bot, b.id);
    await world.notify(bot, expiredNotice("sq", gone)).send("1").expect(/Zgjidhni kategorinë/).expectNot(/E konfirmuat/);
    expect(b.customerConfirmedAt).toBeNull();
  });
});
