import { editDistance, normalize } from "./normalize.ts";
import { detectCategory } from "./category.ts";
import { readNumber, NUMBER_WORD_RE } from "./when-lexicon.ts";

/** What a free-text message asks for. */
export type Intent =
  | "book" | "my-bookings" | "cancel" | "reschedule" | "running-late" | "faq" | "ticket" | "human"
  | "help" | "language" | "greeting" | "restart" | "back" | "notifications" | "my-tickets";

/** A detected intent with its confidence (0..1) and the details found in the message. */
export interface IntentResult {
  intent: Intent;
  confidence: number;
  /** Catalog slug (berber, sallon-bukurie, ...) when the message names a kind of service. */
  category?: string;
  /** For "language": the language asked for, when stated. */
  lang?: "sq" | "en";
  /** For "running-late": minutes late, when stated ("po vonohem 10 min"). */
  minutes?: number;
}

// Words whose typos (one edit, words of 5+ letters) are corrected before matching.
const VOCAB = [
  "rezervo", "rezervoj", "rezervim", "rezervimi", "rezervimin", "rezervimet", "rezervimin", "anulo",
  "anuloj", "anulim", "anulimi", "anulloj", "ndrysho", "ndryshoj", "ndryshim", "zhvendos", "vonohem",
  "vonohemi", "vonese", "pershendetje", "ndihme", "ndihmo", "njoftime", "njoftimet", "rikujtues",
  "gjuha", "gjuhen", "anglisht", "english", "albanian", "shqip", "mbrapa", "kthehu", "fillo", "rifillo",
  "problem", "problemi", "ankese", "operator", "operatorin", "njeri", "stafin", "agjent", "tiketat",
  "tiketen", "tiketa", "cancel", "booking", "bookings", "appointment", "appointments", "reschedule",
  "change", "notifications", "reminders", "language", "restart", "hello", "thanks", "human", "person",
  "agent", "ticket", "tickets", "termin", "terminin", "takim", "takimin", "mirdita", "miredita",
  "mirembrema", "miremengjes", "paguaj", "pagese",
];
const VOCAB_SET = new Set(VOCAB);

/** Replaces words with one typo by the known word ("rezevroj" -> "rezervoj"). */
function correct(words: string[]): string[] {
  return words.map((w) => {
    if (w.length < 5 || VOCAB_SET.has(w)) return w;
    for (const v of VOCAB) if (v.length >= 5 && editDistance(w, v, 1) <= 1) return v;
    return w;
  });
}

type Rule = [Intent, RegExp, number];
const W = (s: string) => new RegExp(`(?:^| )(?:${s})(?= |$)`);

// Order matters: the first matching rule wins.
const RULES: Rule[] = [
  ["restart", W("fillo (?:(?:nga|prej) )?(?:e para|fillimi\\w*|fillim)|prej fillimit|fillo (?:perseri|serish|prape)|rifillo|restart|reset|start over|start again|nga fillimi"), 0.95],
  ["back", W("mbrapa|mbrapsht|prapa|kthehu(?: mbrapa| pas)?|back|go back|previous"), 0.9],
  ["language", W("gjuh\\w*|anglisht|shqip|english|albanian|language|in english|ne anglisht|ne shqip"), 0.9],
  ["my-tickets", W("(?:tiket\\w*|bilet\\w*|kerkes\\w*) (?:e |te )?mia|my tickets?|ticket status|statusi i tiket\\w*"), 0.95],
  ["running-late", W("vonohe?m\\w*|vonoj|vonohe\\w*|me vones\\w*|jam (?:\\S+ ){0,3}vone|\\d+ min\\w* larg|do vij vone|running late|late|delayed|be late|vonese"), 0.9],
  ["cancel", W("anul\\w*|fshi\\w* (?:\\w+ )?(?:rezervim|termin|takim)\\w*|fshije|nuk (?:vij|mund te vij|do te vij)|cancel\\w*|call off"), 0.9],
  ["reschedule", W("ndrysho\\w*|ndryshim\\w*|shty\\w*|zhvendos\\w*|ndrro\\w*|nderro\\w*|ndrru\\w*|nderru\\w*|leviz\\w*|(?:ta|e) kalo\\w*|reschedul\\w*|move my|another day|other day|different (?:day|time)|change (?:my |the )?(?:booking|appointment|time|date)|another time|tjeter ore|ore tjeter|dite tjeter"), 0.9],
  ["ticket", W("something (?:is )?wrong|went wrong|(?:dicka )?nuk shkon|nuk (?:(?:me|m|po) )?(?:erdhi|vjen|ka ardhur|arriti)|deshto\\w*|failed|payment failed"), 0.85],
  ["my-bookings", W("^(?:rezervimet|terminet|takimet)$|(?:rezervim\\w*|termin\\w*|takim\\w*) (?:e |te )?(?:mia|mija|mi|im|tim)|(?:rezervim\\w*|termin\\w*|takim\\w*) (?:qe )?kam|^(?:a )?kam (?:ndonje |nje )?(?:rezervim|termin|takim)|my (?:bookings?|appointments?|reservations?)|shiko rezervim\\w*|show (?:my )?bookings?"), 0.95],
  ["notifications", W("njoftim\\w*|rikujt\\w*|kujtes\\w*|notification\\w*|reminder\\w*|ndalo (?:mesazhet|sms)|mos me dergoni"), 0.85],
  ["human", W("njeri|njerez\\w*|operator\\w*|stafi?n?|agjent\\w*|person(?: real)?|human|agent|real person|someone|dike|dikush|me dike|me telefono\\w*|call me|flas me|talk to|speak to|punonjes\\w*"), 0.9],
  ["ticket", W("problem\\w*|nuk (?:(?:me|po|mund te|m) ){0,2}(?:punon|funksionon|hapet|ngarkohet|shkon)|not working|doesn t work|does not work|isn t working|broken|crash\\w*|gabim\\w*|ankes\\w*|raporto\\w*|tiket\\w*|ticket|bug|error|complain\\w*|report|defekt\\w*|prishur"), 0.85],
];
const RESCHEDULE = RULES.find(([i]) => i === "reschedule")![1];
const STRONG_CANCEL = W("anul\\w*|fshi\\w*|cancel\\w*|call off");
// Asking for a free place is a request to book, even as a question ("a keni vend të lirë?").
const AVAIL = W("(?:vend|orar\\w*|ore|termin\\w*)(?: te| e)? (?:i |e )?lir\\w*|free (?:slot|time|spot)s?|availability|any slots?");
const BOOK = W("rezerv\\w*|termin\\w*|takim\\w*|cakto\\w*|book\\w*|appointment\\w*|reserv\\w*|dua te vij|dua nje vend|schedule");
const HELP = W("ndihm\\w*|help|(?:more )?options|opsion\\w*|nuk (?:po )?(?:e )?kuptoj|s kuptoj|i don t understand|menu|si funksionon|cfare (?:mund te|ben|dini)|what can you do|opsionet|komand\\w*");
const GREETING = W("pershendetje|pershendes\\w*|tung|ckemi|c kemi|mirdita|miredita|miremengjes|mirembrema|hi|hello|hey|hej|good (?:morning|evening|afternoon)|si jeni|si je|alo|ciao|tungjatjeta|faleminderit|thanks|thank you|rrofsh");
// A question about how things work (not a request like "a mund te anuloj").
const QUESTION = /^(?:si|sa|ku|kur|cfare|c far|pse|perse|cili|cila|cilat|a (?:pranoni|ofroni|eshte|jane|keni|do|duhet|ka|behet|mund te paguaj|dergoni|ruani|jeni)|how|what|why|when|where|which|is|are|do you|does|do i|will)(?= |$)/;
const FAQ_TOPIC = W("pages\\w*|paguaj\\w*|pagu\\w*|paypal|kart\\w*|visa|mastercard|cash|kesh|llogari\\w*|regjistr\\w*|sigur\\w*|te dhena\\w*|privat\\w*|gdpr|kontakt\\w*|email|telefon\\w*|pay\\w*|payment|card|account|sign up|register|data|privacy|secure|support|refund|rimburs\\w*|tarif\\w*|fee|cost|kosto|cmim\\w*|policy|politik\\w*");

/** Minutes late stated in the message ("10 min", "dhjete minuta", "gjysme ore"). */
function minutesLate(text: string): number | undefined {
  if (/(?:^| )gjysme ore(?= |$)|half an hour/.test(text)) return 30;
  if (/(?:^| )(?:nje )?cerek(?: ore)?(?= |$)|quarter of an hour/.test(text)) return 15;
  const m = new RegExp(`(?:^| )(\\d{1,3}|${NUMBER_WORD_RE})\\s*(?:min\\w*|')`).exec(text);
  if (!m) return undefined;
  const n = readNumber(m[1]);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Recognises what a message asks for (sq or en, with or without diacritics); null when unsure. */
export function detectIntent(text: string): IntentResult | null {
  const raw = normalize(text);
  if (!raw) return null;
  const norm = correct(raw.split(" ")).join(" ");
  const question = /\?\s*$/.test(text) || QUESTION.test(norm);
  const category = detectCategory(norm);
  const extra = category ? { category } : {};
  if (AVAIL.test(norm) && !RULES.slice(0, 7).some(([, re]) => re.test(norm))) return { intent: "book", confidence: 0.85, ...extra };
  const mine = RULES.find(([i]) => i === "my-bookings")![1];
  if (question && mine.test(norm) && !FAQ_TOPIC.test(norm) && !RULES.slice(4, 7).some(([, re]) => re.test(norm))) {
    return { intent: "my-bookings", confidence: 0.9, ...extra };
  }
  if (question && !/^(?:a mund|a mundem|a mundet|a mundeni|mund te|mund ta|mundem|mundeni|can i|could i|can you|could you|can we|could we|may i)(?= |$)|(?:^| )a mund ta(?= |$)/.test(norm) && (FAQ_TOPIC.test(norm) || RULES.slice(4).some(([, re]) => re.test(norm)) || BOOK.test(norm))) {
    return { intent: "faq", confidence: 0.75, ...extra };
  }
  for (const [rule, re, confidence] of RULES) {
    if (!re.test(norm)) continue;
    // "nuk vij dot të martën, a mund ta kaloj për të premten?" moves the booking; only "anulo" cancels it.
    const intent: Intent = rule === "cancel" && !STRONG_CANCEL.test(norm) && RESCHEDULE.test(norm) ? "reschedule" : rule;
    const out: IntentResult = { intent, confidence, ...extra };
    if (intent === "language") {
      if (/anglisht|english/.test(norm)) out.lang = "en";
      else if (/shqip|albanian/.test(norm)) out.lang = "sq";
    }
    if (intent === "running-late") {
      const minutes = minutesLate(norm);
      if (minutes) out.minutes = minutes;
    }
    return out;
  }
  if (question && FAQ_TOPIC.test(norm)) return { intent: "faq", confidence: 0.7, ...extra };
  if (BOOK.test(norm)) return { intent: "book", confidence: 0.9, ...extra };
  if (category) return { intent: "book", confidence: 0.75, category };
  if (HELP.test(norm)) return { intent: "help", confidence: 0.85 };
  if (GREETING.test(norm)) return { intent: "greeting", confidence: 0.85 };
  return null;
}
