/**
 * `npm run eval:nlu`: accuracy of the Albanian language layer on the fixture sets in
 * tests/fixtures/nlu (dates, FAQ paraphrases, off-topic questions) and the average parse time.
 * Pass `--verbose` to list every miss. Exits non-zero when a target is missed.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import type { OpeningHours } from "../../core/availability/types.ts";
import { searchFaq } from "../../core/faq/index.ts";
import { detectIntent } from "../../core/nlu/intent.ts";
import { isoWithOffset, parseWhen } from "../../core/nlu/when.ts";

interface DateCase { text: string; now: string; expect: string | null; iso?: string; hours?: OpeningHours }
interface FaqCase { text: string; id: string; lang?: "sq" | "en" }

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "nlu");
const load = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), "utf8")) as T;
const verbose = process.argv.includes("--verbose");
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;

function dateOk(c: DateCase): { ok: boolean; got: string } {
  const r = parseWhen(c.text, { now: new Date(c.now), openingHours: c.hours });
  const got = r ? (r.hasTime ? `${r.date}T${r.time}` : r.date) : null;
  let ok = got === c.expect;
  if (ok && r && c.iso) ok = isoWithOffset(r.start).startsWith(c.iso.slice(0, 16)) && isoWithOffset(r.start).endsWith(c.iso.slice(-6));
  return { ok, got: r ? `${got} (${isoWithOffset(r.start)})` : "null" };
}

const dates = load<DateCase[]>("dates.json");
const faq = load<FaqCase[]>("faq.json");
const off = load<Array<{ text: string }>>("offtopic.json");

let dOk = 0;
for (const c of dates) {
  const { ok, got } = dateOk(c);
  if (ok) dOk++;
  else if (verbose) console.log(`  date miss: "${c.text}" @${c.now} expected ${c.expect}${c.iso ? ` ${c.iso}` : ""}, got ${got}`);
}
let fOk = 0;
for (const c of faq) {
  const hit = searchFaq(c.text, c.lang);
  if (hit?.id === c.id) fOk++;
  else if (verbose) console.log(`  faq miss: "${c.text}" expected ${c.id}, got ${hit ? `${hit.id} ${hit.score}` : "null"}`);
}
let offAnswered = 0;
for (const c of off) {
  const hit = searchFaq(c.text);
  if (hit) {
    offAnswered++;
    if (verbose) console.log(`  off-topic answered: "${c.text}" -> ${hit.id} ${hit.score}`);
  }
}

// Speed: every message of every set through the date parser, intents and FAQ search, warm.
const texts = [...dates.map((c) => c.text), ...faq.map((c) => c.text), ...off.map((c) => c.text)];
const now = new Date("2026-11-20T09:00:00+01:00");
for (const t of texts) { parseWhen(t, { now }); detectIntent(t); searchFaq(t); }
const rounds = 5;
let tWhen = 0, tIntent = 0, tFaq = 0;
for (let i = 0; i < rounds; i++) {
  for (const t of texts) {
    const a = performance.now(); parseWhen(t, { now });
    const b = performance.now(); detectIntent(t);
    const c = performance.now(); searchFaq(t);
    const d = performance.now();
    tWhen += b - a; tIntent += c - b; tFaq += d - c;
  }
}
const n = texts.length * rounds;
const ms = (x: number) => `${(x / n).toFixed(3)} ms`;

const dateAcc = dOk / dates.length, faqAcc = fOk / faq.length;
console.log(`dates:     ${dOk}/${dates.length} exact (${pct(dOk, dates.length)}; target >= 97%)`);
console.log(`faq:       ${fOk}/${faq.length} top-1 (${pct(fOk, faq.length)}; target >= 92%)`);
console.log(`off-topic: ${offAnswered}/${off.length} answered (target 0)`);
console.log(`avg parse time per message: when ${ms(tWhen)}, intent ${ms(tIntent)}, faq ${ms(tFaq)}, all ${ms(tWhen + tIntent + tFaq)} (goal < 1 ms)`);
if (dateAcc < 0.97 || faqAcc < 0.92 || offAnswered > 0) process.exitCode = 1;
