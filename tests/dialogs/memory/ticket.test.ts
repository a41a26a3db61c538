import { describe, expect, it } from "vitest";
import { bookHaircut, memoryWorld } from "../../support/memory/index.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";
const DAY = 24 * 60 * 60 * 1000;

describe("support tickets, with a staff desk told at once", () => {
  it("a complaint about a booking: picked from the customer's bookings, numbered from T-1001; the ticket chat relays quietly", async () => {
    const world = memoryWorld({ now: NOW });
    const { bot, ref } = await bookHaircut(world);
    await bot
      .send({ choice: "Mbështetja" }).expect(/Për çfarë bëhet fjalë/)
      .send({ choice: "Ankesë për një rezervim" }).expect(/Për cilin rezervim/)
      .send({ choice: new RegExp(`^${ref} · Prerje flokësh · e enjte, 26 nëntor në 10:00`) })
      .send("Jo").expect(/pak më shumë/)
      .send("Berberi ishte i mbyllur kur mbërrita në orën 10.").expect(/numrin T-1001/)
      // Staff are told at once, so the usual answer time may be promised.
      .expect(/zakonisht brenda 2 orëve/)
      .expect(/shkruani «menu»/);

    const ticket = world.tickets.byLabel("T-1001");
    expect(ticket.kind).toBe("complaint");
    expect(ticket.customerName).toBe("Arta");
    expect(ticket.bookingId).toBe(world.bookings.byRef(ref).id);

    // In the ticket chat, messages go to the ticket, quietly.
    await bot.send("A mund të më ktheni paratë?").check((b) => expect(b.last).toEqual([]));
    expect(ticket.messages).toEqual(["Berberi ishte i mbyllur kur mbërrita në orën 10.", "A mund të më ktheni paratë?"]);

    // "menu" leaves the chat and is not added to the ticket; the ticket stays open.
    await bot.send("menu").expect(/Zgjidhni më poshtë/);
    expect(ticket.messages).toHaveLength(2);
    expect(ticket.status).toBe("open");

    // My tickets lists it; the customer goes back into its chat and closes it.
    await bot.content({ kind: "choice", id: "g.mytickets" }).expect(/Kërkesat tuaja të hapura/)
      .send({ choice: "T-1001 · Ankesë për një rezervim · në pritje" }).expect(/Jeni në bisedë me mbështetjen për kërkesën T-1001/)
      .send("mbyll").expect(/Kërkesa T-1001 u mbyll/).expect(/brenda 7 ditëve.*«Kërkesat e mia»/s);
    expect(ticket.status).toBe("closed");
    // A ticket the customer closed is still listed, marked closed, so it can be reopened.
    await bot.content({ kind: "choice", id: "g.mytickets" })
      .check((b) => expect(b.labels()).toContain("T-1001 · Ankesë për një rezervim · e mbyllur"));
  });

  it("a ticket the customer closed stays in my tickets for 7 days and reopens when they write; later replies get a polite no", async () => {
    const world = memoryWorld({ now: NOW });
    const bot = world.chat();
    await bot.start()
      .send({ choice: "Mbështetja" })
      .send({ choice: "Problem teknik" })
      .send("Aplikacioni nuk më hapet në telefon.");
    const label = bot.text().match(/T-\d+/)![0];
    const ticket = world.tickets.byLabel(label);
    await bot.send({ choice: "Mbyll kërkesën" }).expect(new RegExp(`Kërkesa ${label} u mbyll`));

    // Six days later: listed as closed; picking it says that writing reopens it.
    world.now = new Date(Date.parse(NOW) + 6 * DAY);
    await bot.send("kërkesat").expect(/mbyllura në 7 ditët e fundit/)
      .send({ choice: `${label} · Problem teknik · e mbyllur` }).expect(new RegExp(`Kërkesa ${label} është mbyllur.*rihapet`, "s"))
      .send("Prapë nuk hapet, edhe pasi e instalova sërish.").expect(new RegExp(`Kërkesa ${label} u rihap`))
      // Back in the ticket's chat: it can be closed again right there.
      .expect(/Jeni në bisedë me mbështetjen/);
    expect(ticket.status).toBe("open");
    expect(ticket.messages).toContain("Prapë nuk hapet, edhe pasi e instalova sërish.");
    await bot.send({ choice: "Mbyll kërkesën" }).expect(new RegExp(`Kërkesa ${label} u mbyll`));

    // Picked from the list on day 6 of the new closing, written on day 8: too late, a new ticket is offered.
    const closedAt = ticket.closedAt!;
    world.now = new Date(closedAt.getTime() + 6 * DAY);
    await bot.send("kërkesat").send({ choice: `${label} · Problem teknik · e mbyllur` });
    world.now = new Date(closedAt.getTime() + 8 * DAY);
    await bot.send("A mund ta shikoni prapë?").expect(new RegExp(`Kërkesa ${label} është mbyllur prej më shumë se 7 ditësh`))
      .check((b) => expect(b.choiceId("Hap një kërkesë të re")).toBe("g.support"));
    expect(ticket.status).toBe("closed");
    expect(ticket.messages).not.toContain("A mund ta shikoni prapë?");
    // And it is no longer listed.
    await bot.send("kërkesat").check((b) => expect(b.labels().some((l) => l.startsWith(label))).toBe(false))
      .send({ choice: "Hap një kërkesë të re" }).expect(/Për çfarë bëhet fjalë/);
  });

  it("takes the problem typed where its kind is asked as the ticket's description, asking the booking first when it is about one", async () => {
    const world = memoryWorld({ now: NOW });
    await world.chat().start()
      .send("dua te flas me nje person").expect(/Për çfarë bëhet fjalë/)
      .send("aplikacioni ngec kur shtyp paguaj").expect(/numrin T-1001/);
    const technical = world.tickets.byLabel("T-1001");
    expect(technical.kind).toBe("technical");
    expect(technical.description).toBe("aplikacioni ngec kur shtyp paguaj");

    const { bot, ref } = await bookHaircut(world);
    await bot
      .send("dua te flas me nje person").expect(/Për çfarë bëhet fjalë/)
      .send("kam nje problem me rezervimin").expect(/Për cilin rezervim/)
      .send({ choice: new RegExp(`^${ref} · `) }).expect(/numrin T-1002/);
    const complaint = world.tickets.byLabel("T-1002");
    expect(complaint.kind).toBe("complaint");
    expect(complaint.description).toBe("kam nje problem me rezervimin");
    expect(complaint.bookingId).toBe(world.bookings.byRef(ref).id);

    // A short request for elsewhere still goes there.
    await world.chat().start()
      .send("dua te flas me nje person").expect(/Për çfarë bëhet fjalë/)
      .send("rezervimet e mia").expectNot(/numrin T-/);
    expect(() => world.tickets.byLabel("T-1003")).toThrow();

    // A problem longer than a ticket takes is asked to be shortened, and opens nothing.
    await world.chat().start()
      .send("dua te flas me nje person").expect(/Për çfarë bëhet fjalë/)
      .send(`aplikacioni ngec ${"shume ".repeat(400)}`).expect(/2000/);
    expect(() => world.tickets.byLabel("T-1003")).toThrow();

    // Two words are not a description: the kinds are asked again.
    await world.chat().start()
      .send("dua te flas me nje person").expect(/Për çfarë bëhet fjalë/)
      .send("problem pagesa").expect(/Për çfarë bëhet fjalë/);
    expect(() => world.tickets.byLabel("T-1003")).toThrow();
  });

  it("offers to send the problem told in the message that asked for a person, and sends it on yes", async () => {
    const world = memoryWorld({ now: NOW });
    const said = "the dentist at Adriatik hurt me and nobody answered my calls afterwards, I want to speak with someone";
    await world.chat({ lang: "en" }).start()
      .send(said).expect(/Shall I send them your message as you wrote it\?\n“the dentist at Adriatik hurt me/)
      .check((b) => expect(b.labels()).toContain("Yes, send it"))
      .send("yes").expect(/T-1001/);
    const ticket = world.tickets.byLabel("T-1001");
    expect(ticket.description).toBe(said);
    // A business named: a complaint about a visit, though no booking is named.
    expect(ticket.kind).toBe("complaint");

    // «jo» asks what it is about, as for any request for a person; nothing is opened.
    await world.chat().start()
      .send("stafi i sallonit ishte i vrazhde me mua dhe me vonuan nje ore, dua te flas me dike").expect(/T'ua dërgojmë mesazhin tuaj/)
      .send("jo").expect(/Për çfarë bëhet fjalë/).expectNot(/T'ua dërgojmë/);
    expect(() => world.tickets.byLabel("T-1002")).toThrow();

    // Only asking for a person offers nothing to send.
    await world.chat({ lang: "en" }).start()
      .send("can I talk to a real person please").expect(/What is it about/).expectNot(/Shall I send/);
  });

  it("three misunderstandings offer a person, which opens a ticket", async () => {
    const world = memoryWorld({ now: NOW });
    await world.chat({ lang: "en" }).start()
      .send({ choice: "Book an appointment" })
      .send("qwxz zzkq").send("plmk oiuj")
      .send("vbnm hjkl").expect(/speak to someone|talk to|member of our staff/i)
      .send({ choice: /staff|person|human/i }).expect(/What is it about/)
      .send({ choice: "Technical problem" })
      .send("The page keeps crashing when I pay.").expect(/T-1001/)
      // Written in English: the ticket's customer gets English.
      .expect(/You are chatting with support/);
  });
});

describe("support tickets with no staff desk (neither Slack nor SMTP)", () => {
  it("a new ticket is kept, and the customer is told the team will see it when they next check, with no answer time promised", async () => {
    const world = memoryWorld({ now: NOW, staffDesk: false });
    await world.chat().start()
      .send({ choice: "Mbështetja" }).expect(/Për çfarë bëhet fjalë/)
      .expectNot(/\d+ orë/) // no "brenda 2 orëve", not even in the first prompt
      .send({ choice: "Problem teknik" })
      .send("Nuk më vjen SMS-ja me kodin e verifikimit.")
      .expect(/u regjistrua me numrin T-\d+/).expect(/herën e ardhshme që kontrollon/).expectNot(/\d+ orë|zakonisht brenda/);
    expect(world.tickets.all.filter((t) => t.description.includes("SMS-ja"))).toHaveLength(1);

    await world.chat({ lang: "en" }).start()
      .send({ choice: "Support" })
      .send({ choice: "Technical problem" })
      .send("The calendar link does not open on my phone.").expect(/the next time they check/).expectNot(/hours/);
  });
});
