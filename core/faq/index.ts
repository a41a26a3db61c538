import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import MiniSearch from "minisearch";
import { normalize, stem } from "../nlu/normalize.ts";
import { FAQ_IDS, type FaqId } from "./ids.ts";
import { PARAPHRASES } from "./paraphrases.ts";
import { MORE_PARAPHRASES } from "./paraphrases-more.ts";
import type { CatalogWords } from "../nlu/port.ts";
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
    "there get which who when where why should could would please hi hello " +
    // "… can I reschedule later?": when, not what; "what's your policy if …": the question's frame.
    "later afterwards policy policies politika politikat rregullat " +
    // Hours and vague words: "orë" alone says nothing about the topic ("sa orë para ...").
    "ore ora oren oret ores hour hours kohe vij vjen vije mundem mundet mundesh qysh si cka kujt kush ku " +
    "ktu ketu gje ndonje any anything have has need want about per lutem ju lutem thx faleminderit " +
    "doja dija desha deshiroj di dini know like would kem kam ke ka nevojshme nevojitet nevoje need needed " +
    "ca c bo bej bene bere bera bone dont don t s m ll re ve make made pls plz min mins rreth around about " +
    // "Before" and "in advance": "sa kohë përpara mund ta anuloj?", "how far in advance can I cancel?".
    "perpara paraprakisht before beforehand advance prior far long last " +
    // Greetings and "I wanted to ask" around a question.
    "pershendetje pershendes tung ckemi mirdita miredita hey hello pyes pyesja pyetje question ask sorry " +
    "tregoni tregoj trego shpjegoni shpjego tell explain jam jemi re ketu seance seanca sesion session").split(" "),
);

/** Words that neither help nor hurt a match: days, times, the platform itself, kinds of service. */
const NEUTRAL = new RegExp(
  "^(?:sot|neser|pasneser|sonte|dje|hene|henen|hane|hanen|marte|marten|merkure|merkuren|enjte|enjten|premte|" +
    "premten|shtune|shtunen|diel|dielen|djelen|jav|fundjav|minut|dit|muaj|orar|mengjes|pasdit|mbremj|" +
    "nat|today|tomorrow|week|day|minute|rezervo$|platform|aplikacion|app$|faqe|faqja|faqen|website|site|bot$|" +
    "online|internet|chat|sistem|system|bizness|biznes|business|sherbim|service|klient|client|lokal|sallon)",
);

/** Things outside the marketplace: a question about them is off-topic whatever else it says. */
const FOREIGN = new RegExp(
  "^(?:netflix|facebook|instagram|google|amazon|spotify|youtube|tiktok|twitter|abonim|subscript|fatur|drita|" +
    "dritat|banke|banka|bank$|ambasad|polic|spital|avion|fluturim|flight|tren|autobus|taksi|hotel|porosi|order$|" +
    "paket|qira|tatim|taks|tax$|taxes|kurs|valut|kembim|wifi|router|modem|pension|shkoll|universitet|provim|vize|pasaport|leternjoftim|dogan|lojer|game|bast|kredi$)",
);

/** People other than us: their phone or email is not ours to give ("numri i doktorit tim"). */
const THIRD_PARTY = /^(?:doktor|mjek|infermier|berber|parukier|dentist|shok|shoqe|mik|mike|nen|baba|vella|motr|burr|grua|gruas|boss|shef|pronar|doctor|friend|mother|father|brother|sister|wife|husband)/;
// "t'ju shkruaj", "ju telefonoj", "call you": writing or calling us is contacting support.
const TO_US = /(?:^| )(?:t ju|ju|juve|you)(?: \p{L}+)? (?:shkru|telefon|thirr|call|write|email)|(?:shkru|telefon|thirr|call|write|email)\p{L}* (?:ju|juve|you)(?= |$)/u;
// The phone as a device ("ku blej telefon") is not a topic; a phone number or calling is.
const PHONE_NUMBER = /(?:^| )(?:numer|numri|numrin|numrat|number|nr)(?= |$)/u;

/** Topic terms of a text: normalised, function words dropped, stemmed. */
function terms(text: string): string[] {
  const n = normalize(text);
  if (!n) return [];
  return n.split(" ").filter((w) => !STOP.has(w) && !/^\d+$/.test(w)).map((w) => canonical(w) ?? stem(w));
}

// Kinds of service are neutral next to a booking word ("rezervoj te parukeria"); alone they are a
// question about the service itself ("ndërroj vajin e makinës").
const isNeutral = (word: string, booking: boolean, catalog?: CatalogWords) =>
  NEUTRAL.test(word) || (booking && !!catalog?.isCategoryWord(word));

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
      [...PARAPHRASES[id][lang], ...MORE_PARAPHRASES[id][lang]].forEach((text, i) =>
        docs.push({ id: `${id}:${lang}:${i}`, faq: id, lang, text }),
      );
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
const MIN_COVERAGE = 0.55;
const ANSWER_WEIGHT = 0.8;
const SECOND_WEIGHT = 0.25;
// A word the FAQ never uses counts this much against the question (a known-but-unmatched word: 1).
const UNKNOWN_WEIGHT = 0.5;
const KNOWN_WEIGHT = 0.6;
// Topic prior: each canonical term votes for the entry it is about; a vote multiplies the score.
const PRIOR_WEIGHT = 1.0;
const PRIOR: Record<string, FaqId> = {
  vonese: "running-late", anul: "change-or-cancel", ndrysh: "change-or-cancel", tarif: "change-or-cancel", rimburs: "change-or-cancel",
  pages: "payment-methods", kart: "payment-methods", cash: "payment-methods", paypal: "payment-methods",
  visa: "payment-methods", mastercard: "payment-methods", amex: "payment-methods",
  llogari: "create-account", regjistr: "create-account", fjalekalim: "create-account", verifik: "create-account",
  njoft: "notifications", konfirm: "notifications", sms: "notifications",
  sigur: "data-security", dhena: "data-security", privat: "data-security", enkript: "data-security",
  ndaj: "data-security", gdpr: "data-security", ssl: "data-security",
  kontakt: "contact-support", suport: "contact-support", telefon: "contact-support", tiket: "contact-support",
  problem: "contact-support", disponue: "contact-support",
  rezerv: "how-to-book", kalendar: "how-to-book", funksion: "how-to-book",
};

// An entry is only answered when the question holds one of its own words: "si te mbroj femijet"
// has "mbroj" but no data, "si te krijoj nje email" no account.
const NEEDS: Record<FaqId, string[]> = {
  "how-to-book": ["rezerv", "termin", "kalendar", "funksion"],
  "change-or-cancel": ["anul", "ndrysh", "tarif", "rimburs"],
  "payment-methods": ["pages", "kart", "cash", "paypal", "visa", "mastercard", "amex", "american", "express"],
  "create-account": ["llogari", "regjistr", "fjalekalim", "verifik"],
  notifications: ["njoft", "konfirm", "sms", "email"],
  "running-late": ["vonese"],
  "data-security": ["dhena", "privat", "enkript", "ndaj", "gdpr", "ssl", "kart", "email", "numr", "llogari"],
  "contact-support": ["kontakt", "suport", "telefon", "tiket", "problem", "disponue", "email"],
};
// Changing, cancelling or being late is about a booking unless the message names something else.
const BOOKING_OBJECT = new Set(["rezerv", "termin", "kalendar", "dat", "dite", "orar", "time", "dat", "day"]);
// "vonohem në punë", "në shkollë": somewhere else than the appointment.
const ELSEWHERE = /(?:^| )(?:ne|per ne|per|nga) (?:pune|punen|shkolle|shkolla|shkollen|mesim|klase|universitet|detyre|detyren)(?= |$)/;

/**
 * Finds the FAQ entry a question asks about (sq or en, diacritics optional), or null when no entry
 * fits well enough: an off-topic question never gets an answer. The index is built on first use.
 * `catalog` gives the catalog's words, so kinds of service are neutral next to a booking word.
 */
export function searchFaq(text: string, lang?: "sq" | "en", catalog?: CatalogWords): FaqHit | null {
  const norm = normalize(text)
    // "nuk funksionon" is a problem to report, "si funksionon" a question about booking.
    .replace(/(?:^| )nuk (?:(?:po|me|m) ){0,2}(?:punon|funksionon|hapet|shkon)(?= |$)/g, " problem")
    .replace(/(?:^| )(?:google|apple) pay(?= |$)/g, " pagese")
    // Waiting at the place ("can I wait there while you do it?", «a mund të pres aty?») is not being late.
    .replace(/(?:^| )(?:wait|pres|presim|prisni) (?:there|here|inside|in the (?:shop|lounge|waiting room)|atje|aty|brenda|ne sallen e pritjes)(?= |$)/g, " ")
    // "late afternoon" is a part of the day, not being late.
    .replace(/(?:^| )late (afternoon|morning|evening|night)(?= |$)/g, " $1")
    // "If something comes up, can I …", "nëse më del diçka": the case asked about, not a topic.
    // So is "if I change my mind", "nëse ndryshoj mendje".
    .replace(/(?:^| )(?:if|in case) (?:something|anything) (?:comes up|came up|happens|happened)(?= |$)|(?:^| )nese (?:me |na )?(?:del|dal|ndodh|ndodhi) dicka(?= |$)/g, " ")
    .replace(/(?:^| )(?:if|in case) (?:i|we) (?:change|changed) (?:my|our) minds?(?= |$)|(?:^| )(?:nese|po|ne qofte se) (?:e )?(?:ndryshoj|nderroj|ndryshojme|nderrojme) mendje\w*(?= |$)/g, " ")
    // The customer's own number is personal data ("is my phone number shared?"), not a way to reach us.
    .replace(/(?:^| )(?:my|our) (?:phone |mobile |cell )?(?:number|phone)(?= |$)|(?:^| )numr(?:i|in) (?:e |i )?(?:im|tim|telefonit tim)(?= |$)/g, " dhenat")
    // Being stuck in traffic oneself is running late; traffic in general is not a topic.
    .replace(/(?:^| )(?:jam|jemi|kam ngel\w*|kam ngec\w*|ngela|ngeca|i m|im) (?:ne|n|in) (?:trafik|traffic)(?= |$)/g, " vonohem")
    // "më vonë" is later, not late ("si mund ta anuloj më vonë?" asks about cancelling), unless one comes then.
    .replace(/(?<!(?:^| )(?:vij|vjen|vijme|vini|arrij|arrin|shkoj))(?:^| )(?:me|ma) vone(?= |$)/g, " ");
  const words = norm.split(" ").filter((w) => w && !STOP.has(w) && !/^\d+$/.test(w));
  if (TO_US.test(norm)) words.push("kontakt");
  const phoneOk = PHONE_NUMBER.test(norm);
  // Without a number or a call, "telefon" is the device ("rezervoj nga telefoni"): not a topic.
  if (!phoneOk) for (let i = words.length - 1; i >= 0; i--) if (canonical(words[i]) === "telefon") words.splice(i, 1);
  if (!words.some(isDomainWord) || words.some((w) => FOREIGN.test(w)) || ELSEWHERE.test(norm)) return null;
  const qTerms = [...new Set(words.map((w) => canonical(w) ?? stem(w)))];
  const booking = qTerms.includes("rezerv") || qTerms.includes("termin");
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
  // A topic scores by its best document plus a quarter of its second best: several matching
  // paraphrases beat one long answer that happens to share words; then the topic prior.
  const votes = new Map<FaqId, number>();
  for (const t of qTerms) {
    const id = PRIOR[t];
    if (id) votes.set(id, (votes.get(id) ?? 0) + (t === "rezerv" || t === "konfirm" ? 0.5 : t === "vonese" ? 1.5 : 1));
  }
  const perFaq = new Map<FaqId, { score: number; docs: number[]; terms: Set<string> }>();
  for (const r of results) {
    const id = r.faq as FaqId;
    const e = perFaq.get(id) ?? { score: 0, docs: [], terms: new Set<string>() };
    e.docs.push(r.score);
    for (const t of r.queryTerms) e.terms.add(t);
    perFaq.set(id, e);
  }
  for (const [id, e] of perFaq) {
    e.score = (e.docs[0] + SECOND_WEIGHT * (e.docs[1] ?? 0)) * (1 + PRIOR_WEIGHT * Math.min(2, votes.get(id) ?? 0));
  }
  const ranked = [...perFaq.entries()].sort((a, b) => b[1].score - a[1].score);
  const said = new Set([...qTerms, ...words]);
  const found = ranked.find(([id]) => NEEDS[id].some((t) => said.has(t)));
  if (!found) return null;
  const [topId, top] = found;
  // Coverage: matched terms over the question's terms; FAQ words left unmatched count fully,
  // words the FAQ never uses count half, days, times and kinds of service not at all.
  let known = 0, unknown = 0;
  words.forEach((w) => {
    const t = canonical(w) ?? stem(w);
    if (top.terms.has(t)) return;
    if (vocabulary.has(t)) known++;
    else if (!isNeutral(w, booking, catalog)) unknown++;
  });
  const matched = new Set(qTerms.filter((t) => top.terms.has(t))).size;
  const coverage = matched / Math.max(1, matched + KNOWN_WEIGHT * known + UNKNOWN_WEIGHT * unknown);
  if (top.score < MIN_SCORE || coverage < MIN_COVERAGE) return null;
  if (topId === "change-or-cancel" && (unknown > 0 || qTerms.includes("dhena")) && !qTerms.some((t) => BOOKING_OBJECT.has(t))) return null;
  // "regjistroj makinën": registering a thing of one's own, not an account here.
  if (topId === "create-account" && !booking && words.some((w) => catalog?.isCategoryWord(w))) return null;
  // Someone else's phone or e-mail is not a question about reaching us.
  if (topId === "contact-support" && words.some((w) => THIRD_PARTY.test(w))) return null;
  return { id: topId, score: Math.round(top.score * 100) / 100 };
}
