/**
 * `npm run eval:dialog`: runs the typed-conversation corpus (tests/fixtures/dialog/corpus.ts) against the
 * real application — web chat API, conversation service, dialogs and a real database (PostgreSQL when
 * DATABASE_URL is set, a fresh schema dropped afterwards; the embedded PGlite otherwise) — with the clock
 * fixed at the corpus's NOW, and prints the completion rate, the median number of customer messages to
 * book, per-category rates, time per turn and every failed conversation (where it got stuck and the last
 * reply). It measures, so it exits 0 whatever the figures.
 *
 * Options: --set corpus|fresh|fresh2 … fresh80 (which conversations: the corpus, default, or a held-out
 * set: tests/fixtures/dialog/fresh.ts … fresh80.ts), --json (the summary and every result as JSON on stdout), --only id1,id2
 * (a subset), --verbose (each failed conversation's transcript), --check (only check the slots, run nothing).
 */
import { performance } from "node:perf_hooks";
import { CORPUS, FLOOR as CORPUS_FLOOR, NOW } from "../fixtures/dialog/corpus.ts";
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
import { checkCorpus, onPhones, paysOnline, phoneChannels, report, runCorpus, summarise, typedCorpusEnv } from "../support/corpus-runner.ts";
import { FakeStripe } from "../fakes/stripe.ts";
import { createTestDatabase } from "../support/db.ts";
import { fixedClock, startTestServer } from "../support/server.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const verbose = args.includes("--verbose");
const checkOnly = args.includes("--check");
const onlyArg = args.find((a, i) => a.startsWith("--only=") || args[i - 1] === "--only");
const only = onlyArg ? new Set(onlyArg.replace(/^--only=/, "").split(",").map((s) => s.trim()).filter(Boolean)) : null;
const setArg = args.find((a, i) => a.startsWith("--set=") || args[i - 1] === "--set")?.replace(/^--set=/, "") ?? "corpus";
const SETS = { corpus: [CORPUS, CORPUS_FLOOR], fresh: [FRESH, FRESH_FLOOR], fresh2: [FRESH2, FRESH2_FLOOR], fresh3: [FRESH3, FRESH3_FLOOR], fresh4: [FRESH4, FRESH4_FLOOR], fresh5: [FRESH5, FRESH5_FLOOR], fresh6: [FRESH6, FRESH6_FLOOR], fresh7: [FRESH7, FRESH7_FLOOR], fresh8: [FRESH8, FRESH8_FLOOR], fresh9: [FRESH9, FRESH9_FLOOR], fresh10: [FRESH10, FRESH10_FLOOR], fresh11: [FRESH11, FRESH11_FLOOR], fresh12: [FRESH12, FRESH12_FLOOR], fresh13: [FRESH13, FRESH13_FLOOR], fresh14: [FRESH14, FRESH14_FLOOR], fresh15: [FRESH15, FRESH15_FLOOR], fresh16: [FRESH16, FRESH16_FLOOR], fresh17: [FRESH17, FRESH17_FLOOR], fresh18: [FRESH18, FRESH18_FLOOR], fresh19: [FRESH19, FRESH19_FLOOR], fresh20: [FRESH20, FRESH20_FLOOR], fresh21: [FRESH21, FRESH21_FLOOR], fresh22: [FRESH22, FRESH22_FLOOR], fresh23: [FRESH23, FRESH23_FLOOR], fresh24: [FRESH24, FRESH24_FLOOR], fresh25: [FRESH25, FRESH25_FLOOR], fresh26: [FRESH26, FRESH26_FLOOR], fresh27: [FRESH27, FRESH27_FLOOR], fresh28: [FRESH28, FRESH28_FLOOR], fresh29: [FRESH29, FRESH29_FLOOR], fresh30: [FRESH30, FRESH30_FLOOR], fresh31: [FRESH31, FRESH31_FLOOR], fresh32: [FRESH32, FRESH32_FLOOR], fresh33: [FRESH33, FRESH33_FLOOR], fresh34: [FRESH34, FRESH34_FLOOR], fresh35: [FRESH35, FRESH35_FLOOR], fresh36: [FRESH36, FRESH36_FLOOR], fresh37: [FRESH37, FRESH37_FLOOR], fresh38: [FRESH38, FRESH38_FLOOR], fresh39: [FRESH39, FRESH39_FLOOR], fresh40: [FRESH40, FRESH40_FLOOR], fresh41: [FRESH41, FRESH41_FLOOR], fresh42: [FRESH42, FRESH42_FLOOR], fresh43: [FRESH43, FRESH43_FLOOR], fresh44: [FRESH44, FRESH44_FLOOR], fresh45: [FRESH45, FRESH45_FLOOR], fresh46: [FRESH46, FRESH46_FLOOR], fresh47: [FRESH47, FRESH47_FLOOR], fresh48: [FRESH48, FRESH48_FLOOR], fresh49: [FRESH49, FRESH49_FLOOR], fresh50: [FRESH50, FRESH50_FLOOR], fresh51: [FRESH51, FRESH51_FLOOR], fresh52: [FRESH52, FRESH52_FLOOR], fresh53: [FRESH53, FRESH53_FLOOR], fresh54: [FRESH54, FRESH54_FLOOR], fresh55: [FRESH55, FRESH55_FLOOR], fresh56: [FRESH56, FRESH56_FLOOR], fresh57: [FRESH57, FRESH57_FLOOR], fresh58: [FRESH58, FRESH58_FLOOR], fresh59: [FRESH59, FRESH59_FLOOR], fresh60: [FRESH60, FRESH60_FLOOR], fresh61: [FRESH61, FRESH61_FLOOR], fresh62: [FRESH62, FRESH62_FLOOR], fresh63: [FRESH63, FRESH63_FLOOR], fresh64: [FRESH64, FRESH64_FLOOR], fresh65: [FRESH65, FRESH65_FLOOR], fresh66: [FRESH66, FRESH66_FLOOR], fresh67: [FRESH67, FRESH67_FLOOR], fresh68: [FRESH68, FRESH68_FLOOR], fresh69: [FRESH69, FRESH69_FLOOR], fresh70: [FRESH70, FRESH70_FLOOR], fresh71: [FRESH71, FRESH71_FLOOR], fresh72: [FRESH72, FRESH72_FLOOR], fresh73: [FRESH73, FRESH73_FLOOR], fresh74: [FRESH74, FRESH74_FLOOR], fresh75: [FRESH75, FRESH75_FLOOR], fresh76: [FRESH76, FRESH76_FLOOR], fresh77: [FRESH77, FRESH77_FLOOR], fresh78: [FRESH78, FRESH78_FLOOR], fresh79: [FRESH79, FRESH79_FLOOR], fresh80: [FRESH80, FRESH80_FLOOR], fresh81: [FRESH81, FRESH81_FLOOR], fresh82: [FRESH82, FRESH82_FLOOR], fresh83: [FRESH83, FRESH83_FLOOR], fresh84: [FRESH84, FRESH84_FLOOR], fresh85: [FRESH85, FRESH85_FLOOR], fresh86: [FRESH86, FRESH86_FLOOR], fresh87: [FRESH87, FRESH87_FLOOR], fresh88: [FRESH88, FRESH88_FLOOR], fresh89: [FRESH89, FRESH89_FLOOR], fresh90: [FRESH90, FRESH90_FLOOR], fresh91: [FRESH91, FRESH91_FLOOR], fresh92: [FRESH92, FRESH92_FLOOR], fresh93: [FRESH93, FRESH93_FLOOR], fresh94: [FRESH94, FRESH94_FLOOR], fresh95: [FRESH95, FRESH95_FLOOR], fresh96: [FRESH96, FRESH96_FLOOR], fresh97: [FRESH97, FRESH97_FLOOR], fresh98: [FRESH98, FRESH98_FLOOR], fresh99: [FRESH99, FRESH99_FLOOR], fresh100: [FRESH100, FRESH100_FLOOR], fresh101: [FRESH101, FRESH101_FLOOR], fresh102: [FRESH102, FRESH102_FLOOR], fresh103: [FRESH103, FRESH103_FLOOR], fresh104: [FRESH104, FRESH104_FLOOR], fresh105: [FRESH105, FRESH105_FLOOR], fresh106: [FRESH106, FRESH106_FLOOR], fresh107: [FRESH107, FRESH107_FLOOR], fresh108: [FRESH108, FRESH108_FLOOR], fresh109: [FRESH109, FRESH109_FLOOR], fresh110: [FRESH110, FRESH110_FLOOR], fresh111: [FRESH111, FRESH111_FLOOR], fresh112: [FRESH112, FRESH112_FLOOR], fresh113: [FRESH113, FRESH113_FLOOR] } as const;
if (!(setArg in SETS)) throw new Error(`--set: one of ${Object.keys(SETS).join(", ")}, not "${setArg}"`);
const [SET, FLOOR] = SETS[setArg as keyof typeof SETS];
const corpus = only ? SET.filter((c) => only.has(c.id)) : SET;
const log = (s: string) => (json ? process.stderr.write(`${s}\n`) : console.log(s));

const began = performance.now();
const now = new Date(NOW);
// Rate limit raised: a script sends its messages faster than a person types. Reminders are scheduled
// (as in production) but not sent by this process; customers join the waiting list, whose offers this
// process does not send either (see typedCorpusEnv).
// A set typed on WhatsApp or SMS gets Twilio and email too, sending to fakes on 127.0.0.1.
const phones = onPhones(corpus) ? await phoneChannels() : undefined;
// A set whose customers pay online gets Stripe too, sending to a fake on 127.0.0.1.
const stripe = paysOnline(corpus) ? await new FakeStripe().start() : undefined;
const db = await createTestDatabase();
const server = await startTestServer({ db, clock: fixedClock(NOW), env: typedCorpusEnv(db, phones, stripe) });
try {
  const problems = await checkCorpus(server, corpus, now);
  if (problems.length) {
    log("corpus problems (fix the corpus):");
    for (const p of problems) log(`  ${p}`);
  }
  if (checkOnly) {
    log(`${corpus.length} conversations checked, ${problems.length} problem(s)`);
    process.exitCode = problems.length ? 1 : 0;
  } else {
    await run();
  }
} finally {
  await server.close();
  await db.close();
  await phones?.close();
  await stripe?.close();
}

async function run(): Promise<void> {
  log(`${corpus.length} typed conversations (${setArg}), now = ${NOW}, database: ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite"}`);
  const results = await runCorpus(server, corpus, {
    now,
    twilio: phones?.twilio,
    smtp: phones?.smtp,
    telegram: phones?.telegram,
    stripe,
    budgetMs: 110_000,
    onResult: (r) => { if (!json && verbose) process.stdout.write(r.ok ? "." : "x"); },
  });
  if (!json && verbose) console.log("");
  const summary = summarise(results);
  const seconds = Math.round((performance.now() - began) / 100) / 10;
  if (json) {
    console.log(JSON.stringify({ now: NOW, floor: FLOOR, seconds, summary, results }, null, 2));
    return;
  }
  for (const line of report(summary)) console.log(line);
  console.log(`floor in the test: ${FLOOR}%; whole run ${seconds} s`);
  if (!verbose) return;
  for (const r of results.filter((x) => !x.ok)) {
    console.log(`\n--- ${r.id} (${r.category}, ${r.lang})`);
    for (const t of r.turns) console.log(`  > ${t.text}    [${t.before} -> ${t.after}${t.miss ? ", miss" : ""}]\n  < ${t.reply.replace(/\n/g, " ⏎ ").slice(0, 300)}`);
  }
}
