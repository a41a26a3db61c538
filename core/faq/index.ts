import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { normalize, stem } from "../nlu/normalize.ts";
import { FAQ_IDS, type FaqId } from "./ids.ts";
import { PARAPHRASES } from "./paraphrases.ts";
import { canonical, isDomainWord } from "./synonyms.ts";

export { FAQ_IDS, type FaqId } from "./ids.ts";

/** The best FAQ entry for a question; score is MiniSearch's BM25 score of the best document. */
export interface FaqHit {
  id: FaqId;
  score: number;
}

// Function words (folded) that carry no topic, sq and en.
const STOP = new Set(
  ("a e i te ne me per nga dhe ose se si sa ku kur cfare c pse perse mund do jam je eshte jane kam ke ka keni " +
    "kemi une ju juve tim im imi ime time mia mi nje kjo ky ai ajo po jo qe ta t tek deri pa mbi nese duhet dua " +
    "desha me mu na ua u ma ia ja ato ata ky keto ketu atje kete ate cili cila cilat cilet shume pak edhe vetem " +
    "apo por sepse nuk s mos jeni jemi ishte kishte bej bete behet do te vjen ndonje dicka tani ketu " +
    "how what can i my the an to do you is are of for in on it me and or be will does with if we your " +
    "there get which who when where why should could would please hi hello").split(" "),
);

/** Topic terms of a text: normalised, function words dropped, stemmed. */
function terms(text: string): string[] {
  const n = normalize(text);
  if (!n) return [];
  return n.split(" ").filter((w) => !STOP.has(w) && !/^\d+$/.test(w)).map((w) => canonical(w) ?? stem(w));
}

interface Doc {
  id: string;
  faq: FaqId;
  lang: "sq" | "en";
  text: string;
}

let index: MiniSearch<Doc> | undefined;
const vocabulary = new Set<string>();

function answers(lang: "sq" | "en"): Record<string, string> {
  const here = dirname(fileURLToPath(import.meta.url));
  const file = join(here, "..", "..", "locales", lang, "faq.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { answers: Record<string, string> }).answers;
}

function build(): MiniSearch<Doc> {
  const ms = new MiniSearch<Doc>({
    fields: ["text"],
    storeFields: ["faq", "lang"],
    tokenize: (text) => terms(text),
    processTerm: (term) => term,
  });
  const docs: Doc[] = [];
  for (const id of FAQ_IDS) {
    for (const lang of ["sq", "en"] as const) {
      PARAPHRASES[id][lang].forEach((text, i) => docs.push({ id: `${id}:${lang}:${i}`, faq: id, lang, text }));
    }
  }
  for (const lang of ["sq", "en"] as const) {
    const a = answers(lang);
    for (const id of FAQ_IDS) docs.push({ id: `${id}:${lang}:answer`, faq: id, lang, text: a[id] ?? "" });
  }
  ms.addAll(docs);
  for (const d of docs) for (const t of terms(d.text)) vocabulary.add(t);
  return ms;
}

// A hit needs this BM25 score and this share of the question's topic terms matched.
const MIN_SCORE = 1.5;
const MIN_COVERAGE = 0.5;
const ANSWER_WEIGHT = 0.8;
const SECOND_WEIGHT = 0.25;

/**
 * Finds the FAQ entry a question asks about (sq or en, diacritics optional), or null when no entry
 * fits well enough: an off-topic question never gets an answer. The index is built on first use.
 */
export function searchFaq(text: string, lang?: "sq" | "en"): FaqHit | null {
  const qTerms = [...new Set(terms(text))];
  if (!qTerms.length || !normalize(text).split(" ").some(isDomainWord)) return null;
  index ??= build();
  const results = index.search(qTerms.join(" "), {
    tokenize: (t) => t.split(" "),
    processTerm: (t) => t,
    fuzzy: (term) => (term.length >= 5 ? 1 : false),
    prefix: (term) => term.length >= 5,
    weights: { fuzzy: 0.45, prefix: 0.6 },
    // Answers mention neighbouring topics ("tarifë anulimi" in running-late): they count less.
    boostDocument: (id, _term, stored) =>
      (lang && stored?.lang === lang ? 1.15 : 1) * (String(id).endsWith(":answer") ? ANSWER_WEIGHT : 1),
  });
  if (!results.length) return null;
  // A topic scores by its best document plus half its second best: several matching
  // paraphrases beat one long answer that happens to share words.
  const perFaq = new Map<string, { score: number; docs: number[]; best: (typeof results)[number] }>();
  for (const r of results) {
    const e = perFaq.get(r.faq) ?? { score: 0, docs: [], best: r };
    e.docs.push(r.score);
    perFaq.set(r.faq, e);
  }
  for (const e of perFaq.values()) e.score = e.docs[0] + SECOND_WEIGHT * (e.docs[1] ?? 0);
  const top = [...perFaq.values()].sort((a, b) => b.score - a.score)[0];
  const best = { ...top.best, score: top.score };
  // Words the FAQ never uses (a service name, a place) do not count against the question.
  const matched = new Set(best.queryTerms);
  const known = qTerms.filter((t) => vocabulary.has(t) || matched.has(t)).length;
  const coverage = matched.size / Math.max(1, known);
  if (best.score < MIN_SCORE || coverage < MIN_COVERAGE) return null;
  return { id: (best as unknown as { faq: FaqId }).faq, score: Math.round(best.score * 100) / 100 };
}
