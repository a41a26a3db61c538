/**
 * `npm run eval:nlu`: accuracy of the Albanian language layer on the fixture sets in
 * tests/fixtures/nlu: the main sets (dates, FAQ paraphrases, off-topic questions), the held-out
 * sets (each written before the tuning it measured) and the intent set, plus the average parse time.
 * Pass `--verbose` to list every miss. Exits non-zero when a target is missed on the main sets.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import type { OpeningHours } from "../../core/availability/types.ts";
import { searchFaq } from "../../core/faq/index.ts";
import { detectIntent } from "../../core/nlu/intent.ts";
import { EntityIndex } from "../../core/catalog/entity-index.ts";
import { seedSnapshot } from "../../core/catalog/seed.ts";
import { demoCatalog } from "../../prisma/seed/catalog.ts";
import { isoWithOffset, parseWhen } from "../../core/nlu/when.ts";

interface DateCase { text: string; now: string; expect: string | null; iso?: string; hours?: OpeningHours }
interface FaqCase { text: string; id: string; lang?: "sq" | "en" }
interface IntentCase { text: string; intent: string | null }

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "nlu");
/** The demo catalog's words, as the running bot has them from its database. */
const catalog = new EntityIndex(seedSnapshot(demoCatalog));
const load = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), "utf8")) as T;
const verbose = process.argv.includes("--verbose");
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
const label = (s: string) => `${s}:`.padEnd(24);

function dateOk(c: DateCase): { ok: boolean; got: string } {
  const r = parseWhen(c.text, { now: new Date(c.now), openingHours: c.hours });
  const got = r ? (r.hasTime ? `${r.date}T${r.time}` : r.date) : null;
  let ok = got === c.expect;
  if (ok && r && c.iso) ok = isoWithOffset(r.start).startsWith(c.iso.slice(0, 16)) && isoWithOffset(r.start).endsWith(c.iso.slice(-6));
  return { ok, got: r ? `${got} (${isoWithOffset(r.start)})` : "null" };
}

/** Exact matches of a date set. */
function evalDates(name: string, cases: DateCase[]): number {
  let ok = 0;
  for (const c of cases) {
    const r = dateOk(c);
    if (r.ok) ok++;
    else if (verbose) console.log(`  [${name}] date miss: "${c.text}" @${c.now} expected ${c.expect}${c.iso ? ` ${c.iso}` : ""}, got ${r.got}`);
  }
  console.log(`${label(name)}${ok}/${cases.length} exact (${pct(ok, cases.length)}; target >= 97%)`);
  return ok / cases.length;
}

/** Top-1 accuracy of a FAQ paraphrase set. */
function evalFaq(name: string, cases: FaqCase[]): number {
  let ok = 0;
  for (const c of cases) {
    const hit = searchFaq(c.text, c.lang, catalog);
    if (hit?.id === c.id) ok++;
    else if (verbose) console.log(`  [${name}] faq miss: "${c.text}" expected ${c.id}, got ${hit ? `${hit.id} ${hit.score}` : "null"}`);
  }
  console.log(`${label(name)}${ok}/${cases.length} top-1 (${pct(ok, cases.length)}; target >= 92%)`);
  return ok / cases.length;
}

/** Off-topic questions that got an answer (should be none). */
function evalOff(name: string, cases: Array<{ text: string }>): number {
  let answered = 0;
  for (const c of cases) {
    const hit = searchFaq(c.text, undefined, catalog);
    if (!hit) continue;
    answered++;
    if (verbose) console.log(`  [${name}] off-topic answered: "${c.text}" -> ${hit.id} ${hit.score}`);
  }
  console.log(`${label(name)}${answered}/${cases.length} answered (target 0)`);
  return answered;
}

/** Intent accuracy. */
function evalIntents(name: string, cases: IntentCase[]): number {
  let ok = 0;
  for (const c of cases) {
    const got = detectIntent(c.text, catalog)?.intent ?? null;
    if (got === c.intent) ok++;
    else if (verbose) console.log(`  [${name}] intent miss: "${c.text}" expected ${c.intent}, got ${got}`);
  }
  console.log(`${label(name)}${ok}/${cases.length} correct (${pct(ok, cases.length)})`);
  return ok / cases.length;
}

const dates = load<DateCase[]>("dates.json");
const faq = load<FaqCase[]>("faq.json");
const off = load<Array<{ text: string }>>("offtopic.json");
const held = {
  dates: [...load<DateCase[]>("heldout-dates.json")],
  unseenDates: load<DateCase[]>("unseen-dates.json"),
  fresh2Dates: load<DateCase[]>("fresh2-dates.json"),
  fresh3Dates: load<DateCase[]>("fresh3-dates.json"),
  faq: load<FaqCase[]>("heldout-faq.json"),
  unseenFaq: load<FaqCase[]>("unseen-faq.json"),
  off: load<Array<{ text: string }>>("heldout-offtopic.json"),
  unseenOff: load<Array<{ text: string }>>("unseen-offtopic.json"),
  fresh2Faq: load<FaqCase[]>("fresh2-faq.json"),
  fresh2Off: load<Array<{ text: string }>>("fresh2-offtopic.json"),
  fresh3Faq: load<FaqCase[]>("fresh3-faq.json"),
  fresh3Off: load<Array<{ text: string }>>("fresh3-offtopic.json"),
  fresh4Faq: load<FaqCase[]>("fresh4-faq.json"),
  fresh4Off: load<Array<{ text: string }>>("fresh4-offtopic.json"),
  fresh5Faq: load<FaqCase[]>("fresh5-faq.json"),
  fresh5Off: load<Array<{ text: string }>>("fresh5-offtopic.json"),
  adversarialOff: load<Array<{ text: string }>>("adversarial-offtopic.json"),
};
const intents = load<IntentCase[]>("intents.json");
const intents2 = load<IntentCase[]>("fresh2-intents.json");
const intents3 = load<IntentCase[]>("fresh3-intents.json");
// A fourth held-out intent set (78 messages, every intent, chat and Gheg spellings), written on 2026-12-01
// (twelfth session) before its first run. FIRST RUN (intent code of e19767e): 61/78 (78.2 %); the misses were
// questions read as FAQ ("do i have anything booked this week?", "a ka ndonje njeri aty?", "what happened with
// my complaint ticket?"), Gheg "me e kalu", "running behind", "won't let me pay", "not happy", "njoftomeni",
// data asked about ("cfare dini per mua?") and "me kane hequr parate" read as a tooth extraction. After
// tuning on it (no longer held out): 78/78.
const intents4 = load<IntentCase[]>("fresh4-intents.json");
// A fifth held-out intent set (73 messages, every intent and off-topic ones), written on 2026-12-01 (thirteenth
// session) before its first run. FIRST RUN (intent code of 647f6b6): 53/73 (72.6 %); the misses were questions
// about one's own booking in Albanian ("kur e kam terminin?"), moves said as "make it later", "ta çoj për",
// "a different slot", "can my … go to …", a booking the customer never made or that vanished, "hap pas",
// "turn off the text messages", "kërkesa që bëmë", data asked for as a wish, "hiqni numrin tim nga
// sistemi" read as a cancellation, "po u lirua", "put me on the list", "çfarë ka?" and "ku mund të bëj
// një rezervim për fizioterapi". After tuning on it (no longer held out): 73/73.
const intents5 = load<IntentCase[]>("fresh5-intents.json");
// A sixth held-out intent set (70 messages, every intent and off-topic ones), written on 2026-12-02 (fourteenth
// session) before its first run. FIRST RUN (intent code of 9cd1ed2): 46/70 (65.7 %); the misses were "fit me in",
// "my next appointment", "në çfarë ore e kam …", "scrap tomorrow's booking", "e dua terminin pak më herët",
// "is it ok if I come at 6 instead of 5?", "any way to bring … forward", "jam rrugës, vij për 10 minuta",
// "a few minutes behind", a booking gone by itself, "the wrong address", a deposit paid twice, "can a staff
// member call me back?" (read as a step back), "si të përdor këtë bot?", "le ta fillojmë nga e para", "from
// scratch", reminders by email "instead of" text, "si mund t'i ndal njoftimet?", "ankesën time", the data
// deleted or copied, "nëse lirohet …, më lajmëroni", and "what's 17 times 23" read as a booking ("times" one
// letter from the catalog's "tires"). After tuning on it (no longer held out): 70/70.
const intents6 = load<IntentCase[]>("fresh6-intents.json");

console.log("main sets (gate the exit code)");
const dateAcc = evalDates("dates", dates);
const faqAcc = evalFaq("faq", faq);
const offAnswered = evalOff("off-topic", off);
console.log("held-out sets (written before the tuning they measured; first-run figures in the commit log)");
evalDates("held-out dates", held.dates);
evalDates("unseen dates", held.unseenDates);
evalDates("fresh2 dates", held.fresh2Dates);
evalDates("fresh3 dates", held.fresh3Dates);
evalFaq("held-out faq", held.faq);
evalFaq("unseen faq", held.unseenFaq);
evalFaq("fresh2 faq", held.fresh2Faq);
evalFaq("fresh3 faq", held.fresh3Faq);
evalFaq("fresh4 faq", held.fresh4Faq);
evalFaq("fresh5 faq", held.fresh5Faq);
const heldOff = evalOff("held-out off-topic", held.off) + evalOff("unseen off-topic", held.unseenOff) +
  evalOff("fresh2 off-topic", held.fresh2Off) + evalOff("fresh3 off-topic", held.fresh3Off) + evalOff("fresh4 off-topic", held.fresh4Off) +
  evalOff("fresh5 off-topic", held.fresh5Off) +
  evalOff("adversarial off-topic", held.adversarialOff);
console.log("intents");
evalIntents("intents", intents);
evalIntents("fresh2 intents", intents2);
evalIntents("fresh3 intents", intents3);
evalIntents("fresh4 intents", intents4);
evalIntents("fresh5 intents", intents5);
evalIntents("fresh6 intents", intents6);

// Speed: every message of every set through the date parser, intents and FAQ search, warm.
const texts = [
  ...dates, ...faq, ...off, ...held.dates, ...held.unseenDates, ...held.fresh2Dates, ...held.fresh3Dates, ...held.faq, ...held.unseenFaq, ...held.off,
  ...held.unseenOff, ...held.fresh2Faq, ...held.fresh2Off, ...held.fresh3Faq,
  ...held.fresh3Off, ...held.fresh4Faq, ...held.fresh4Off, ...held.fresh5Faq, ...held.fresh5Off, ...held.adversarialOff, ...intents, ...intents2, ...intents3, ...intents4, ...intents5, ...intents6,
].map((c) => c.text);
const now = new Date("2026-11-20T09:00:00+01:00");
for (const t of texts) { parseWhen(t, { now }); detectIntent(t, catalog); searchFaq(t, undefined, catalog); }
// Five timed rounds; the machine is shared, so the mean of all rounds and the quietest round are both shown.
const rounds = 5;
const sums = { when: 0, intent: 0, faq: 0 };
let best = Infinity;
for (let i = 0; i < rounds; i++) {
  let round = 0;
  for (const t of texts) {
    const a = performance.now(); parseWhen(t, { now });
    const b = performance.now(); detectIntent(t, catalog);
    const c = performance.now(); searchFaq(t, undefined, catalog);
    const d = performance.now();
    sums.when += b - a; sums.intent += c - b; sums.faq += d - c; round += d - a;
  }
  best = Math.min(best, round);
}
const ms = (x: number, n = texts.length * rounds) => `${(x / n).toFixed(3)} ms`;
console.log(
  `avg ms per message (${texts.length} messages x ${rounds}): when ${ms(sums.when)}, intent ${ms(sums.intent)}, ` +
    `faq ${ms(sums.faq)}, all ${ms(sums.when + sums.intent + sums.faq)}; quietest round all ${ms(best, texts.length)} (goal < 1 ms)`,
);
console.log(`off-topic answered in all sets: ${offAnswered + heldOff}`);
if (dateAcc < 0.97 || faqAcc < 0.92 || offAnswered > 0) {
  console.log("FAIL: a target is missed on the main sets");
  process.exitCode = 1;
}
