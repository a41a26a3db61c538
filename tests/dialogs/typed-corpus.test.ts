import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS, FLOOR, NOW, type Conversation } from "../fixtures/dialog/corpus.ts";
import { FRESH, FRESH_FLOOR } from "../fixtures/dialog/fresh.ts";
import { FRESH2, FRESH2_FLOOR } from "../fixtures/dialog/fresh2.ts";
import { FRESH3, FRESH3_FLOOR } from "../fixtures/dialog/fresh3.ts";
import { FRESH4, FRESH4_FLOOR } from "../fixtures/dialog/fresh4.ts";
import { FRESH5, FRESH5_FLOOR } from "../fixtures/dialog/fresh5.ts";
import { FRESH6, FRESH6_FLOOR } from "../fixtures/dialog/fresh6.ts";
import { FRESH7, FRESH7_FLOOR } from "../fixtures/dialog/fresh7.ts";
import { FRESH8, FRESH8_FLOOR } from "../fixtures/dialog/fresh8.ts";
import { FRESH9, FRESH9_FLOOR } from "../fixtures/dialog/fresh9.ts";
import { FRESH10, FRESH10_FLOOR } from "../fixtures/dialog/fresh10.ts";
import { FRESH11, FRESH11_FLOOR } from "../fixtures/dialog/fresh11.ts";
import { FRESH12, FRESH12_FLOOR } from "../fixtures/dialog/fresh12.ts";
import { FRESH13, FRESH13_FLOOR } from "../fixtures/dialog/fresh13.ts";
import { FRESH14, FRESH14_FLOOR } from "../fixtures/dialog/fresh14.ts";
import { FRESH15, FRESH15_FLOOR } from "../fixtures/dialog/fresh15.ts";
import { FRESH16, FRESH16_FLOOR } from "../fixtures/dialog/fresh16.ts";
import { FRESH17, FRESH17_FLOOR } from "../fixtures/dialog/fresh17.ts";
import { FRESH18, FRESH18_FLOOR } from "../fixtures/dialog/fresh18.ts";
import { FRESH19, FRESH19_FLOOR } from "../fixtures/dialog/fresh19.ts";
import { FRESH20, FRESH20_FLOOR } from "../fixtures/dialog/fresh20.ts";
import { FRESH21, FRESH21_FLOOR } from "../fixtures/dialog/fresh21.ts";
import { FRESH22, FRESH22_FLOOR } from "../fixtures/dialog/fresh22.ts";
import { FRESH23, FRESH23_FLOOR } from "../fixtures/dialog/fresh23.ts";
import { FRESH24, FRESH24_FLOOR } from "../fixtures/dialog/fresh24.ts";
import { FRESH25, FRESH25_FLOOR } from "../fixtures/dialog/fresh25.ts";
import { FRESH26, FRESH26_FLOOR } from "../fixtures/dialog/fresh26.ts";
import { FRESH27, FRESH27_FLOOR } from "../fixtures/dialog/fresh27.ts";
import { FRESH28, FRESH28_FLOOR } from "../fixtures/dialog/fresh28.ts";
import { FRESH29, FRESH29_FLOOR } from "../fixtures/dialog/fresh29.ts";
import { FRESH30, FRESH30_FLOOR } from "../fixtures/dialog/fresh30.ts";
import { FRESH31, FRESH31_FLOOR } from "../fixtures/dialog/fresh31.ts";
import { FRESH32, FRESH32_FLOOR } from "../fixtures/dialog/fresh32.ts";
import { FRESH33, FRESH33_FLOOR } from "../fixtures/dialog/fresh33.ts";
import { FRESH34, FRESH34_FLOOR } from "../fixtures/dialog/fresh34.ts";
import { FRESH35, FRESH35_FLOOR } from "../fixtures/dialog/fresh35.ts";
import { FRESH36, FRESH36_FLOOR } from "../fixtures/dialog/fresh36.ts";
import { FRESH37, FRESH37_FLOOR } from "../fixtures/dialog/fresh37.ts";
import { FRESH38, FRESH38_FLOOR } from "../fixtures/dialog/fresh38.ts";
import { FRESH39, FRESH39_FLOOR } from "../fixtures/dialog/fresh39.ts";
import { FRESH40, FRESH40_FLOOR } from "../fixtures/dialog/fresh40.ts";
import { FRESH41, FRESH41_FLOOR } from "../fixtures/dialog/fresh41.ts";
import { FRESH42, FRESH42_FLOOR } from "../fixtures/dialog/fresh42.ts";
import { FRESH43, FRESH43_FLOOR } from "../fixtures/dialog/fresh43.ts";
import { FRESH44, FRESH44_FLOOR } from "../fixtures/dialog/fresh44.ts";
import { FRESH45, FRESH45_FLOOR } from "../fixtures/dialog/fresh45.ts";
import { FRESH46, FRESH46_FLOOR } from "../fixtures/dialog/fresh46.ts";
import { FRESH47, FRESH47_FLOOR } from "../fixtures/dialog/fresh47.ts";
import { FRESH48, FRESH48_FLOOR } from "../fixtures/dialog/fresh48.ts";
import { FRESH49, FRESH49_FLOOR } from "../fixtures/dialog/fresh49.ts";
import { FRESH50, FRESH50_FLOOR } from "../fixtures/dialog/fresh50.ts";
import { FRESH51, FRESH51_FLOOR } from "../fixtures/dialog/fresh51.ts";
import { FRESH52, FRESH52_FLOOR } from "../fixtures/dialog/fresh52.ts";
import { FRESH53, FRESH53_FLOOR } from "../fixtures/dialog/fresh53.ts";
import { FRESH54, FRESH54_FLOOR } from "../fixtures/dialog/fresh54.ts";
import { FRESH55, FRESH55_FLOOR } from "../fixtures/dialog/fresh55.ts";
import { FRESH56, FRESH56_FLOOR } from "../fixtures/dialog/fresh56.ts";
import { FRESH57, FRESH57_FLOOR } from "../fixtures/dialog/fresh57.ts";
import { FRESH58, FRESH58_FLOOR } from "../fixtures/dialog/fresh58.ts";
import { FRESH59, FRESH59_FLOOR } from "../fixtures/dialog/fresh59.ts";
import { FRESH60, FRESH60_FLOOR } from "../fixtures/dialog/fresh60.ts";
import { FRESH61, FRESH61_FLOOR } from "../fixtures/dialog/fresh61.ts";
import { FRESH62, FRESH62_FLOOR } from "../fixtures/dialog/fresh62.ts";
import { FRESH63, FRESH63_FLOOR } from "../fixtures/dialog/fresh63.ts";
import { FRESH64, FRESH64_FLOOR } from "../fixtures/dialog/fresh64.ts";
import { FRESH65, FRESH65_FLOOR } from "../fixtures/dialog/fresh65.ts";
import { FRESH66, FRESH66_FLOOR } from "../fixtures/dialog/fresh66.ts";
import { FRESH67, FRESH67_FLOOR } from "../fixtures/dialog/fresh67.ts";
import { FRESH68, FRESH68_FLOOR } from "../fixtures/dialog/fresh68.ts";
import { FRESH69, FRESH69_FLOOR } from "../fixtures/dialog/fresh69.ts";
import { FRESH70, FRESH70_FLOOR } from "../fixtures/dialog/fresh70.ts";
import { FRESH71, FRESH71_FLOOR } from "../fixtures/dialog/fresh71.ts";
import { FRESH72, FRESH72_FLOOR } from "../fixtures/dialog/fresh72.ts";
import { FRESH73, FRESH73_FLOOR } from "../fixtures/dialog/fresh73.ts";
import { FRESH74, FRESH74_FLOOR } from "../fixtures/dialog/fresh74.ts";
import { FRESH75, FRESH75_FLOOR } from "../fixtures/dialog/fresh75.ts";
import { FRESH76, FRESH76_FLOOR } from "../fixtures/dialog/fresh76.ts";
import { FRESH77, FRESH77_FLOOR } from "../fixtures/dialog/fresh77.ts";
import { FRESH78, FRESH78_FLOOR } from "../fixtures/dialog/fresh78.ts";
import { FRESH79, FRESH79_FLOOR } from "../fixtures/dialog/fresh79.ts";
import { FRESH80, FRESH80_FLOOR } from "../fixtures/dialog/fresh80.ts";
import { FRESH81, FRESH81_FLOOR } from "../fixtures/dialog/fresh81.ts";
import { FRESH82, FRESH82_FLOOR } from "../fixtures/dialog/fresh82.ts";
import { FRESH83, FRESH83_FLOOR } from "../fixtures/dialog/fresh83.ts";
import { FRESH84, FRESH84_FLOOR } from "../fixtures/dialog/fresh84.ts";
import { FRESH85, FRESH85_FLOOR } from "../fixtures/dialog/fresh85.ts";
import { FRESH86, FRESH86_FLOOR } from "../fixtures/dialog/fresh86.ts";
import { FRESH87, FRESH87_FLOOR } from "../fixtures/dialog/fresh87.ts";
import { FRESH88, FRESH88_FLOOR } from "../fixtures/dialog/fresh88.ts";
import { FRESH89, FRESH89_FLOOR } from "../fixtures/dialog/fresh89.ts";
import { FRESH90, FRESH90_FLOOR } from "../fixtures/dialog/fresh90.ts";
import { FRESH91, FRESH91_FLOOR } from "../fixtures/dialog/fresh91.ts";
import { FRESH92, FRESH92_FLOOR } from "../fixtures/dialog/fresh92.ts";
import { FRESH93, FRESH93_FLOOR } from "../fixtures/dialog/fresh93.ts";
import { FRESH94, FRESH94_FLOOR } from "../fixtures/dialog/fresh94.ts";
import { FRESH95, FRESH95_FLOOR } from "../fixtures/dialog/fresh95.ts";
import { FRESH96, FRESH96_FLOOR } from "../fixtures/dialog/fresh96.ts";
import { FRESH97, FRESH97_FLOOR } from "../fixtures/dialog/fresh97.ts";
import { FRESH98, FRESH98_FLOOR } from "../fixtures/dialog/fresh98.ts";
import { FRESH99, FRESH99_FLOOR } from "../fixtures/dialog/fresh99.ts";
import { FRESH100, FRESH100_FLOOR } from "../fixtures/dialog/fresh100.ts";
import { FRESH101, FRESH101_FLOOR } from "../fixtures/dialog/fresh101.ts";
import { FRESH102, FRESH102_FLOOR } from "../fixtures/dialog/fresh102.ts";
import { FRESH103, FRESH103_FLOOR } from "../fixtures/dialog/fresh103.ts";
import { FRESH104, FRESH104_FLOOR } from "../fixtures/dialog/fresh104.ts";
import { FRESH105, FRESH105_FLOOR } from "../fixtures/dialog/fresh105.ts";
import { FRESH106, FRESH106_FLOOR } from "../fixtures/dialog/fresh106.ts";
import { FRESH107, FRESH107_FLOOR } from "../fixtures/dialog/fresh107.ts";
import { FRESH108, FRESH108_FLOOR } from "../fixtures/dialog/fresh108.ts";
import { FRESH109, FRESH109_FLOOR } from "../fixtures/dialog/fresh109.ts";
import { FRESH110, FRESH110_FLOOR } from "../fixtures/dialog/fresh110.ts";
import { FRESH111, FRESH111_FLOOR } from "../fixtures/dialog/fresh111.ts";
import { FRESH112, FRESH112_FLOOR } from "../fixtures/dialog/fresh112.ts";
import { FRESH113, FRESH113_FLOOR } from "../fixtures/dialog/fresh113.ts";
import { FakeStripe } from "../fakes/stripe.ts";
import { checkCorpus, phoneChannels, report, type PhoneChannels, runCorpus, summarise, typedCorpusEnv } from "../support/corpus-runner.ts";
import { createTestDatabase, type TestDatabase } from "../support/db.ts";
import { fixedClock, startTestServer, type TestServer } from "../support/server.ts";

/**
 * The typed-conversation corpus of issue 15 on the real server and database: the completion rate may
 * only go up. FLOOR (next to the corpus) is raised as the dialog improves. `npm run eval:dialog` prints
 * the same run in detail.
 */
describe("typed-only conversations reach their goal", () => {
  let server: TestServer;
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer({ db, clock: fixedClock(NOW), env: typedCorpusEnv(db) });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it("has at least 90 conversations, every goal on a free, open slot", async () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(90);
    expect(await checkCorpus(server, CORPUS, new Date(NOW))).toEqual([]);
  });

  it(`completes at least ${FLOOR}% of them`, () => completes(CORPUS, FLOOR, 240_000), 300_000);

  it("has a held-out fresh set of 30, every goal on a free, open slot", async () => {
    expect(FRESH.length).toBe(30);
    expect(await checkCorpus(server, FRESH, new Date(NOW))).toEqual([]);
  });

  it(`completes at least ${FRESH_FLOOR}% of the held-out fresh set`, () => completes(FRESH, FRESH_FLOOR, 120_000), 150_000);

  // The later held-out sets, of 20 each (the eleventh and twelfth 19), each written before its first run and at 100 %
  // since its fixes. Their conversations do not depend on the database, and the corpus and the first set
  // above run on both: they run on the embedded database (what `npm test` uses on a laptop) and are left
  // out when DATABASE_URL points at PostgreSQL, which keeps CI's second pass shorter.
  const later: [string, Conversation[], number, number?][] = [
    ["second", FRESH2, FRESH2_FLOOR], ["third", FRESH3, FRESH3_FLOOR], ["fourth", FRESH4, FRESH4_FLOOR], ["fifth", FRESH5, FRESH5_FLOOR],
    ["sixth", FRESH6, FRESH6_FLOOR], ["seventh", FRESH7, FRESH7_FLOOR], ["eighth", FRESH8, FRESH8_FLOOR],
    ["ninth", FRESH9, FRESH9_FLOOR], ["tenth", FRESH10, FRESH10_FLOOR], ["eleventh", FRESH11, FRESH11_FLOOR, 19],
    ["twelfth", FRESH12, FRESH12_FLOOR, 19], ["thirteenth", FRESH13, FRESH13_FLOOR], ["fourteenth", FRESH14, FRESH14_FLOOR],
    ["fifteenth", FRESH15, FRESH15_FLOOR], ["sixteenth", FRESH16, FRESH16_FLOOR], ["seventeenth", FRESH17, FRESH17_FLOOR],
    ["eighteenth", FRESH18, FRESH18_FLOOR],
    ["nineteenth", FRESH19, FRESH19_FLOOR], ["twentieth", FRESH20, FRESH20_FLOOR],
    ["twenty-first", FRESH21, FRESH21_FLOOR], ["twenty-second", FRESH22, FRESH22_FLOOR],
    ["twenty-third", FRESH23, FRESH23_FLOOR],
    ["twenty-fourth", FRESH24, FRESH24_FLOOR],
    ["twenty-fifth", FRESH25, FRESH25_FLOOR],
    ["twenty-sixth", FRESH26, FRESH26_FLOOR],
    ["twenty-seventh", FRESH27, FRESH27_FLOOR],
    ["twenty-eighth", FRESH28, FRESH28_FLOOR],
    ["twenty-ninth", FRESH29, FRESH29_FLOOR],
    ["thirtieth", FRESH30, FRESH30_FLOOR],
    ["thirty-first", FRESH31, FRESH31_FLOOR],
    ["thirty-second", FRESH32, FRESH32_FLOOR],
    ["thirty-third", FRESH33, FRESH33_FLOOR],
    ["thirty-fourth", FRESH34, FRESH34_FLOOR],
    ["thirty-fifth", FRESH35, FRESH35_FLOOR],
    ["thirty-sixth", FRESH36, FRESH36_FLOOR],
    ["thirty-seventh", FRESH37, FRESH37_FLOOR],
    ["thirty-eighth", FRESH38, FRESH38_FLOOR],
    ["thirty-ninth", FRESH39, FRESH39_FLOOR],
    ["fortieth", FRESH40, FRESH40_FLOOR],
    ["forty-first", FRESH41, FRESH41_FLOOR],
    ["forty-second", FRESH42, FRESH42_FLOOR],
    ["forty-third", FRESH43, FRESH43_FLOOR],
    ["forty-fourth", FRESH44, FRESH44_FLOOR],
    ["forty-fifth", FRESH45, FRESH45_FLOOR],
    ["forty-sixth", FRESH46, FRESH46_FLOOR],
    ["forty-seventh", FRESH47, FRESH47_FLOOR],
    ["forty-eighth", FRESH48, FRESH48_FLOOR],
    ["forty-ninth", FRESH49, FRESH49_FLOOR],
    ["fiftieth", FRESH50, FRESH50_FLOOR],
    ["fifty-first", FRESH51, FRESH51_FLOOR],
    ["fifty-second", FRESH52, FRESH52_FLOOR],
    ["fifty-third", FRESH53, FRESH53_FLOOR],
    ["fifty-fourth", FRESH54, FRESH54_FLOOR],
    ["fifty-fifth", FRESH55, FRESH55_FLOOR],
    ["fifty-sixth", FRESH56, FRESH56_FLOOR],
    ["fifty-seventh", FRESH57, FRESH57_FLOOR],
    ["fifty-eighth", FRESH58, FRESH58_FLOOR],
    ["fifty-ninth", FRESH59, FRESH59_FLOOR],
    ["sixtieth", FRESH60, FRESH60_FLOOR],
    ["sixty-first", FRESH61, FRESH61_FLOOR],
    ["sixty-second", FRESH62, FRESH62_FLOOR],
    ["sixty-third", FRESH63, FRESH63_FLOOR],
    ["sixty-fourth", FRESH64, FRESH64_FLOOR],
    ["sixty-fifth", FRESH65, FRESH65_FLOOR],
    ["sixty-sixth", FRESH66, FRESH66_FLOOR],
    ["sixty-seventh", FRESH67, FRESH67_FLOOR],
    ["sixty-eighth", FRESH68, FRESH68_FLOOR],
    // Full days booked by others before each conversation; thirteen end on the waiting list.
    ["sixty-ninth", FRESH69, FRESH69_FLOOR],
    // Leaving the waiting list (set up before), erasing one's data, joining the list.
    ["seventieth", FRESH70, FRESH70_FLOOR],
    // Two bookings in the chat: which one a message means, and both at once.
    ["seventy-first", FRESH71, FRESH71_FLOOR],
    // After the booking: running late, support requests of each kind, where reminders go.
    ["seventy-second", FRESH72, FRESH72_FLOOR],
    // The session's new ground typed as people type: no diacritics, Gheg, mixed languages.
    ["seventy-third", FRESH73, FRESH73_FLOOR],
    ["seventy-fourth", FRESH74, FRESH74_FLOOR],
    ["seventy-fifth", FRESH75, FRESH75_FLOOR],
    ["seventy-sixth", FRESH76, FRESH76_FLOOR],
    ["seventy-seventh", FRESH77, FRESH77_FLOOR],
    ["seventy-eighth", FRESH78, FRESH78_FLOOR],
    ["seventy-ninth", FRESH79, FRESH79_FLOOR],
    ["eightieth", FRESH80, FRESH80_FLOOR],
  ];
  // The oldest of them (the second to the fortieth, at 100 % for twenty sessions) run only with
  // TYPED_CORPUS=all, or one by one with `npm run eval:dialog -- --set freshN`: they keep CI within its time.
  const oldest = new Set(later.slice(0, later.findIndex(([nth]) => nth === "forty-first")).map(([nth]) => nth));
  const all = process.env.TYPED_CORPUS === "all";
  for (const [nth, set, floor, size = 20] of later) {
    it.skipIf(!!process.env.DATABASE_URL || (oldest.has(nth) && !all))(`completes at least ${floor}% of the ${nth} fresh set (${size}, every goal on a free, open slot)`, async () => {
      expect(set.length).toBe(size);
      expect(await checkCorpus(server, set, new Date(NOW))).toEqual([]);
      await completes(set, floor, 120_000);
    }, 150_000);
  }

  const completes = (set: Conversation[], floor: number, budgetMs: number) => completesOn(server, set, floor, budgetMs);
});

/** Runs a set: no conversation errs or goes unrun, and the completion rate reaches `floor` (percent). */
async function completesOn(server: TestServer, set: Conversation[], floor: number, budgetMs: number, phones?: PhoneChannels, stripe?: FakeStripe): Promise<void> {
  const results = await runCorpus(server, set, { now: new Date(NOW), budgetMs, twilio: phones?.twilio, smtp: phones?.smtp, telegram: phones?.telegram, stripe });
  const summary = summarise(results);
  const errors = results.filter((r) => r.reason?.startsWith("error:") || r.reason?.startsWith("not run"));
  expect(errors.map((r) => `${r.id}: ${r.reason}`)).toEqual([]);
  if (summary.completion.pct < floor) console.log(report(summary).join("\n"));
  expect(summary.completion.pct).toBeGreaterThanOrEqual(floor);
}

/**
 * A describe of held-out sets on a server of their own with Twilio's channels, the Telegram bot and email
 * on (and Stripe with `stripeOn`), sending to fakes on 127.0.0.1. Embedded database only, as the later sets
 * above.
 */
function onPlatforms(title: string, stripeOn: boolean, sets: [string, Conversation[], number][]): void {
  describe.skipIf(!!process.env.DATABASE_URL)(title, () => {
    let server: TestServer;
    let db: TestDatabase;
    let phones: PhoneChannels;
    let stripe: FakeStripe | undefined;
    beforeAll(async () => {
      phones = await phoneChannels();
      stripe = stripeOn ? await new FakeStripe().start() : undefined;
      db = await createTestDatabase();
      server = await startTestServer({ db, clock: fixedClock(NOW), env: typedCorpusEnv(db, phones, stripe) });
    });
    afterAll(async () => {
      await server?.close();
      await db?.close();
      await phones?.close();
      await stripe?.close();
    });

    for (const [nth, set, floor] of sets) {
      it(`completes at least ${floor}% of the ${nth} fresh set (20, every goal on a free, open slot)`, async () => {
        expect(set.length).toBe(20);
        expect(await checkCorpus(server, set, new Date(NOW))).toEqual([]);
        await completesOn(server, set, floor, 120_000, phones, stripe);
      }, 150_000);
    }
  });
}

/**
 * The held-out sets typed on WhatsApp, SMS or Telegram, or proving a booking by a code sent by email or SMS:
 * each conversation writes from a phone (or a Telegram chat) of its own through the signed webhook (or on
 * the web chat).
 */
onPlatforms("typed-only conversations on WhatsApp, SMS and Telegram (and proving a booking by a code) reach their goal", false, [
  ["eighty-first (WhatsApp)", FRESH81, FRESH81_FLOOR],
  ["eighty-second (SMS)", FRESH82, FRESH82_FLOOR],
  ["eighty-third (WhatsApp)", FRESH83, FRESH83_FLOOR],
  ["eighty-fourth (SMS)", FRESH84, FRESH84_FLOOR],
  ["eighty-fifth (WhatsApp and SMS)", FRESH85, FRESH85_FLOOR],
  ["eighty-sixth (WhatsApp and SMS)", FRESH86, FRESH86_FLOOR],
  ["eighty-seventh (WhatsApp and SMS, freed places too)", FRESH87, FRESH87_FLOOR],
  ["eighty-eighth (answers to a booking's reminder, WhatsApp and SMS)", FRESH88, FRESH88_FLOOR],
  ["eighty-ninth (answers to a booking's reminder, in other words)", FRESH89, FRESH89_FLOOR],
  ["ninetieth (web chat: a booking made elsewhere, proved with a code by email or SMS)", FRESH90, FRESH90_FLOOR],
  ["ninety-first (a booking made elsewhere, in other words; its own phone proves itself)", FRESH91, FRESH91_FLOOR],
  ["ninety-second (answers to the reminders of two bookings)", FRESH92, FRESH92_FLOOR],
  ["ninety-third (reminders answered and bookings made elsewhere, in new words)", FRESH93, FRESH93_FLOOR],
  ["ninety-fourth (the same, a second time in new words)", FRESH94, FRESH94_FLOOR],
  ["ninety-fifth (Telegram)", FRESH95, FRESH95_FLOOR],
  ["ninety-sixth (reminders answered in a chat; Telegram in other words)", FRESH96, FRESH96_FLOOR],
  ["ninety-seventh (the same ground in new words)", FRESH97, FRESH97_FLOOR],
]);

/**
 * The held-out sets whose customers pay online (one of them from Telegram): "{pay}" completes the chat's
 * Checkout session on the fake Stripe API and delivers Stripe's signed webhook.
 */
onPlatforms("typed-only conversations that pay online reach their goal", true, [
  ["ninety-eighth (paying a deposit or the full price by card)", FRESH98, FRESH98_FLOOR],
  ["ninety-ninth (the same, in other words)", FRESH99, FRESH99_FLOOR],
  ["hundredth (this ground on Telegram, WhatsApp and the web chat, in new words)", FRESH100, FRESH100_FLOOR],
  ["hundred-and-first (every kind of conversation as typed on a phone, on the web chat mostly)", FRESH101, FRESH101_FLOOR],
  ["hundred-and-second (days and times as people say them, names typed with slips, several facts at once)", FRESH102, FRESH102_FLOOR],
  ["hundred-and-third (changes of mind on the way, dates as dates, a series of sessions, everything cancelled)", FRESH103, FRESH103_FLOOR],
  ["hundred-and-fourth (details given or not, hurried English, a language switched, bookings listed)", FRESH104, FRESH104_FLOOR],
  ["hundred-and-fifth (needs instead of service names, Gheg, times in words, the earliest free time)", FRESH105, FRESH105_FLOOR],
  ["hundred-and-sixth (a booking interrupted and taken up again, corrections, paying online)", FRESH106, FRESH106_FLOOR],
  ["hundred-and-seventh (this session's ground in other words, the weekend, the last free time)", FRESH107, FRESH107_FLOOR],
  ["hundred-and-eighth (the same time each week, in many words; a second booking without an email)", FRESH108, FRESH108_FLOOR],
  ["hundred-and-ninth (questions before booking, two services one after the other, moves and cancellations, SMS and Telegram)", FRESH109, FRESH109_FLOOR],
  ["hundred-and-tenth (the soonest time, two services and weekly series in other words, questions on the way, reminders)", FRESH110, FRESH110_FLOOR],
  ["hundred-and-eleventh (a trim after work, a move by date, a parent and child, small steps, reminders, a colouring then a manicure)", FRESH111, FRESH111_FLOOR],
  ["hundred-and-twelfth (a question then a request, everything in one message, two days at two times, a sauna then a massage)", FRESH112, FRESH112_FLOOR],
  ["hundred-and-thirteenth (this session's ground in other words, cancel and book instead, no business named, Gheg step by step)", FRESH113, FRESH113_FLOOR],
]);
