import { normalize, stem, withinOneEdit } from "../nlu/normalize.ts";
import { isOwnWord } from "../nlu/own-words.ts";
import { wordMatches } from "../nlu/match.ts";
import { asksCheapest, asksQuickest, MOVE_OBJECT, saidPrice, serviceNoun } from "../nlu/service-verbs.ts";
import type { CatalogWords } from "../nlu/port.ts";
import type { BusinessInfo, CategoryInfo, ServiceInfo } from "./port.ts";

/** The catalog rows an index is built from. */
export interface CatalogSnapshot {
  categories: CategoryInfo[];
  businesses: BusinessInfo[];
  services: ServiceInfo[];
}

/** Catalog entities named in a message (ids), most specific first. */
export interface Mentions {
  /** The category the message is about: of a named business, of the named services, or named itself. */
  category?: string;
  /** Categories named by their own words (names, aliases). */
  categories: string[];
  businesses: string[];
  services: string[];
  /** Cities of the marketplace's businesses, as the catalog writes them ("Tiranë"). */
  cities: string[];
}

type Kind = "category" | "business" | "service" | "city";
/**
 * How a phrase names its entity: its full name or an alias, its name without the last word, or without
 * the first; or, weakest, a kind of service alone that is what its name is about ("rehabilitim" of
 * "Rehabilitim pas dëmtimit"), which names it only among one business's services (see servicesAt).
 */
const enum Part { Whole = 0, Head = 1, Tail = 2, Kind = 3 }
interface Entry {
  kind: Kind;
  id: string;
  phrase: number[];
  part: Part;
}
interface Hit extends Entry {
  at: number;
}

const words = (text: string) => normalize(text).split(" ").filter(Boolean);

/** The positions of the text's words that hits of one kind cover. */
const wordsOf = (hits: Hit[], kind: Kind): Set<number> => new Set(hits.filter((h) => h.kind === kind).flatMap((h) => h.phrase.map((_, i) => h.at + i)));

// Words of a business's name that are everyday words too ("sa larg është nga qendra?", the centre): they
// name it only with the rest of its name.
const COMMON_NAME_WORDS = new Set(["qendra", "qender", "qendres", "qendren", "center", "centre"]);

// Albanian articles, which change with the case: "Kontroll i përgjithshëm", "një kontroll të përgjithshëm".
const ARTICLES = new Set(["i", "e", "te", "se"]);

/** Words that say only "a session (of)": "Seancë fizioterapie". */
const SESSION = new Set(["seance", "seanca", "seancen", "seancat", "session", "sessions", "sesion", "sesioni"]);

/** Words that only join others ("Pastrim i gurëzave", "Manikyr me xhel", "Haircut and beard", "Children's haircut"). */
const GLUE = new Set(["i", "e", "te", "se", "me", "dhe", "per", "pas", "a", "and", "of", "the", "with", "for", "s"]);

/**
 * A name of 2+ words without its last or its first word, glue words trimmed; parts of 5+ letters, or one
 * word of 4 («grim» of «Grim për ceremoni»): its head ("prerje" of "Prerje flokësh") and its tail ("prerje"
 * of "Larje dhe prerje").
 */
function shorter(name: string[]): Array<{ words: string[]; part: Part }> {
  if (name.length < 2) return [];
  const trim = (ws: string[]) => {
    let a = 0, b = ws.length;
    while (a < b && GLUE.has(ws[a])) a++;
    while (b > a && GLUE.has(ws[b - 1])) b--;
    return ws.slice(a, b);
  };
  return [{ words: trim(name.slice(0, -1)), part: Part.Head }, { words: trim(name.slice(1)), part: Part.Tail }]
    .filter((p) => p.words.length && p.words.join("").length >= (p.words.length === 1 ? 4 : 5));
}

/** The same word, or one of them is the other plus up to 3 letters ("berberi" for "berber"). */
function inflects(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short === long || (short.length >= 4 && long.length - short.length <= 3 && long.startsWith(short));
}

/** How many of the hits can be taken without two sharing a word (earliest end first). */
function separate(hits: Hit[]): number {
  let n = 0;
  let free = 0;
  for (const h of [...hits].sort((a, b) => a.at + a.phrase.length - (b.at + b.phrase.length))) {
    if (h.at < free) continue;
    n++;
    free = h.at + h.phrase.length;
  }
  return n;
}

// English words around a verb and never around a service's name: "to change", "be changed", "change my …".
const VERB_BEFORE = new Set(["to", "be", "been", "being", "can", "could", "cant", "cannot", "will", "would", "should", "we", "you", "they", "please"]);
// Not "this" nor "that", which follow a noun as often ("a kids haircut this Saturday").
const VERB_AFTER = new Set(["my", "your", "our", "their", "it", "them", "mind", "minds"]);

// Albanian words that are English catalog words too, said so after a particle: "një kopje të tyre".
const ALBANIAN_AFTER_PARTICLE = new Set(["tyre"]);
const PARTICLES = new Set(["te", "e", "i", "se", "per", "me", "nga", "prej"]);

/** Whether the word at `i` is said as an English verb (see VERB_BEFORE, VERB_AFTER). */
const saidAsVerb = (ws: string[], i: number) => VERB_BEFORE.has(ws[i - 1] ?? "") || VERB_AFTER.has(ws[i + 1] ?? "");

// A son or a daughter said with a child's age ("për djalin tim 8 vjeç", "my son, he is 7 years old") or as
// little ("vajzën e vogël", "my little boy"): the children's service is asked for, where there is one.
const CHILD = /^(?:djal\w*|vajz\w*|cun\w*|goc\w*|son|sons|daughter|daughters|boy|boys|girl|girls)$/;
const YEARS = /^(?:vjec\w*|vjet\w*|year|years|yrs?|yo)$/;
const LITTLE = /^(?:vogel|vogli|voglin|voglen|little|small|young)$/;
const POSSESSIVE = /^(?:tim|time|sime|im|ime|tone|tona|yne|jone)$/;
// An age said without "years": "my daughter, she's 6", "my son is 7", "vajza është 5".
const AGE_IS = new Set(["s", "is", "aged", "age", "eshte", "osht", "asht"]);
const TIME_AFTER = /^(?:am|pm|h|ora|ore|oren|o|pasdite|paradite|mengjes|darke|clock)$/;

/** The words with a young child's son or daughter word said as "femije" (children), which the catalog's names use. */
function youngChild(ws: string[]): string[] {
  const young = (i: number) => {
    if (LITTLE.test(ws[i - 1] ?? "") || LITTLE.test(ws[i + 1] ?? "") || LITTLE.test(ws[i + 2] ?? "")) return true;
    // «vajzën time të vogël»: the possessive and its article between.
    if (POSSESSIVE.test(ws[i + 1] ?? "") && LITTLE.test(ws[i + 3] ?? "")) return true;
    for (let j = i + 1; j <= i + 5 && j < ws.length; j++) {
      const n = Number(ws[j]);
      if (/^\d{1,2}$/.test(ws[j]) && n <= 12 && (YEARS.test(ws[j + 1] ?? "") || (AGE_IS.has(ws[j - 1]) && !TIME_AFTER.test(ws[j + 1] ?? "")))) return true;
    }
    return false;
  };
  if (ws.some((w) => CHILD.test(w))) return ws.map((w, i) => (CHILD.test(w) && young(i) ? "femije" : w));
  // A child said by age alone: "my 6 year old", «6 vjeçarin tim».
  return ws.map((w, i) => {
    const n = /^\d{1,2}$/.test(ws[i - 1] ?? "") ? Number(ws[i - 1]) : NaN;
    const byAge = n <= 12 && ((/^(?:year|years|yr|yrs)$/.test(w) && ws[i + 1] === "old") || /^vjecar\w*$/.test(w));
    return byAge ? "femije" : w;
  });
}

// Gheg infinitives that say a service as an action ("du me la e me pre flokt", "kam me i rrue mjekrën"): the
// noun the service names use. Only as an infinitive after a verb of wanting or needing (or after another
// such infinitive and "e"/"dhe"), since "më la" (left me) and "pre" are other words too.
const GHEG_VERBS: Record<string, string> = {
  la: "larje", pre: "prerje", qeth: "qethje", rrue: "rruajtje", rru: "rruajtje", pastru: "pastrim", ndrru: "nderrim",
  nderru: "nderrim", heq: "heqje", lye: "ngjyrosje", ngjyros: "ngjyrosje", kontrollu: "kontroll", balancu: "balancim",
};
const WANTING = new Set(["du", "dua", "due", "duem", "duam", "dojna", "dojme", "desha", "dojsha", "muj", "mujm", "mundem", "mundemi", "kam", "kemi", "duhet", "dashtem"]);
const CLITICS = new Set(["i", "e", "m", "ma", "t", "ta"]);

/** The words with a Gheg infinitive of a service's action said as its noun (see {@link GHEG_VERBS}). */
function ghegVerbs(ws: string[]): string[] {
  const out = [...ws];
  for (let i = 1; i < ws.length; i++) {
    const noun = GHEG_VERBS[ws[i]];
    if (!noun) continue;
    let j = i - 1;
    if (CLITICS.has(ws[j]) && ws[j - 1] === "me") j--;
    if (ws[j] !== "me") continue;
    const before = ws[j - 1] ?? "";
    const afterAnother = (before === "e" || before === "dhe") && Object.values(GHEG_VERBS).includes(out[j - 2] ?? "");
    if (WANTING.has(before) || afterAnother) out[i] = noun;
  }
  return out;
}

// The endings of Albanian nouns' cases and numbers, folded ("flokët", "flokësh", "flokëve"; "mjekra", "mjekrës").
const NOUN_ENDINGS = new Set(["t", "et", "s", "es", "sh", "esh", "ve", "eve", "n", "en", "it", "in", "ut", "un", "at", "a", "e", "i", "u", "ja", "je", "ne", "te", "se"]);

/** The stem of an Albanian noun's form, when it ends in a noun's ending (see {@link stem}), or undefined. */
function nounStem(w: string): string | undefined {
  const base = stem(w);
  return base !== w && NOUN_ENDINGS.has(w.slice(base.length)) ? base : undefined;
}

/** A text's words as the catalog's names say them: a young child as "femije", a Gheg infinitive as its service noun. */
const saidWords = (text: string) => ghegVerbs(youngChild(words(text)));

/**
 * A word as it sounds, spelt the Albanian way: names from other languages are typed as they are said
 * («elegans» for "Elegance", «dizajn» for "design" aside), and «y» typed as «i», doubled letters single
 * ("manikir" for "manikyr", "salon" for "sallon"). Two words with the same key are one word typed two ways.
 */
function soundKey(w: string): string {
  return w.replace(/ce$/, "s").replace(/c(?=[eiy])/g, "s").replace(/ph/g, "f").replace(/ck/g, "k").replace(/w/g, "v").replace(/y/g, "i").replace(/(\w)\1+/g, "$1");
}

/** Single-deletion variants of a word, and the word itself (candidates for a one-typo match). */
function deletions(w: string): string[] {
  const out = [w];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/**
 * An in-memory index of the catalog's names and aliases (categories, businesses, services, cities):
 * recognises them in any message, folded, with inflections and one-letter typos. Built from catalog
 * data only; nothing about a business or a category is written in code.
 */
export class EntityIndex implements CatalogWords {
  readonly categories: Map<string, CategoryInfo>;
  readonly businesses: Map<string, BusinessInfo>;
  readonly services: Map<string, ServiceInfo>;
  private readonly vocab: string[] = [];
  private readonly vocabId = new Map<string, number>();
  private readonly byPrefix = new Map<string, number[]>();
  private readonly byDeletion = new Map<string, number[]>();
  /** Known words by their Albanian stem, where one was taken off ("flok" for "flokesh"). */
  private readonly byStem = new Map<string, number[]>();
  /** Known words of five letters or more by how they sound ({@link soundKey}). */
  private readonly bySound = new Map<string, number[]>();
  private readonly byFirst = new Map<number, Entry[]>();
  private readonly categoryWords = new Set<number>();
  private readonly cityNames = new Map<string, string>();
  /** Each service's words (names and aliases, without glue words), for a request that names it loosely. */
  private readonly serviceWords = new Map<string, string[]>();

  constructor(snapshot: CatalogSnapshot) {
    this.categories = new Map(snapshot.categories.map((c) => [c.id, c]));
    this.businesses = new Map(snapshot.businesses.map((b) => [b.id, b]));
    this.services = new Map(snapshot.services.filter((s) => this.businesses.has(s.businessId)).map((s) => [s.id, s]));
    for (const c of snapshot.categories) {
      for (const name of [c.nameSq, c.nameEn, ...c.aliases]) {
        const e = this.add("category", c.id, name);
        // Words that name a kind of service alone ("masazh"), not parts of a phrase ("up" of "make up").
        if (e?.phrase.length === 1) this.categoryWords.add(e.phrase[0]);
      }
    }
    const cities = new Set(snapshot.businesses.map((b) => b.city));
    for (const city of cities) {
      this.cityNames.set(normalize(city), city);
      this.add("city", normalize(city), city);
      // Its definite form, as people write the city in both languages: Shkodër -> Shkodra, Vlorë -> Vlora.
      const definite = normalize(city).replace(/er$/, "ra").replace(/e$/, "a");
      if (definite !== normalize(city)) this.add("city", normalize(city), definite);
    }
    const isCity = (w: string) => [...this.cityNames.keys()].some((c) => wordMatches(w, c));
    // Only the word itself or an inflection of it: "marina" is a business's own word, though one letter from "makina".
    const isCategoryWord = (w: string) => [...this.categoryWords].some((i) => inflects(w, this.vocab[i]));
    // A word of one business's name only, not a city nor a category word, names it alone ("Ardit").
    const nameWords = new Map<string, string[]>();
    for (const b of snapshot.businesses) for (const w of new Set(words(b.name))) nameWords.set(w, [...(nameWords.get(w) ?? []), b.id]);
    for (const b of snapshot.businesses) {
      for (const name of [b.name, ...b.aliases]) this.add("business", b.id, name);
      // Its street, without the number ("the barber on Rruga e Durrësit"): a business of each one there.
      const street = b.address.split(",")[0].replace(/\s*\d+\w*\s*$/u, "");
      if (words(street).length >= 2) this.add("business", b.id, street);
      for (const w of new Set(words(b.name))) {
        if (w.length >= 4 && nameWords.get(w)!.length === 1 && !isCity(w) && !isCategoryWord(w) && !COMMON_NAME_WORDS.has(w)) this.add("business", b.id, w);
      }
    }
    for (const s of this.services.values()) {
      // The word a name is about comes first in Albanian ("Rehabilitim pas dëmtimit") and last in English
      // ("Post-injury rehabilitation"); "fizioterapist" in "Konsultë me fizioterapist" only says with whom.
      const about = new Map<string, Part>([[s.nameSq, Part.Head], [s.nameEn, Part.Tail]]);
      const own = new Set<string>();
      for (const name of [s.nameSq, s.nameEn, ...s.aliases]) {
        this.add("service", s.id, name);
        for (const w of words(name)) if (!GLUE.has(w)) own.add(w);
        // A name without its first or last word names the service too ("check-up" for "Dental check-up",
        // "trajtim" for "Trajtim fytyre"); a kind of service alone ("masazh") only where it is what the
        // name is about, and only at its business.
        for (const { words: part, part: which } of shorter(words(name))) {
          if (!(part.length === 1 && isCategoryWord(part[0]))) this.add("service", s.id, part.join(" "), which);
          else if (about.get(name) === which) this.add("service", s.id, part[0], Part.Kind);
        }
      }
      this.serviceWords.set(s.id, [...own]);
    }
  }

  private word(w: string): number {
    let id = this.vocabId.get(w);
    if (id !== undefined) return id;
    id = this.vocab.length;
    this.vocab.push(w);
    this.vocabId.set(w, id);
    for (let n = Math.max(4, w.length - 3); n < w.length; n++) this.byPrefix.set(w.slice(0, n), [...(this.byPrefix.get(w.slice(0, n)) ?? []), id]);
    if (w.length >= 5) for (const d of new Set(deletions(w))) this.byDeletion.set(d, [...(this.byDeletion.get(d) ?? []), id]);
    if (w.length >= 5) {
      const key = soundKey(w);
      this.bySound.set(key, [...(this.bySound.get(key) ?? []), id]);
    }
    return id;
  }

  private add(kind: Kind, id: string, text: string, part = Part.Whole): Entry | undefined {
    const ws = words(text);
    if (!ws.length) return undefined;
    const entry: Entry = { kind, id, phrase: ws.map((w) => this.word(w)), part };
    // A service's or a category's nouns by their stem; a business's name is often a word of another kind
    // ("Lëvizja", movement, is no "lëvizë", to move).
    if (kind === "service" || kind === "category") {
      for (const w of ws) {
        const base = nounStem(w);
        if (!base) continue;
        const id = this.vocabId.get(w)!;
        const known = this.byStem.get(base) ?? [];
        if (!known.includes(id)) this.byStem.set(base, [...known, id]);
      }
    }
    const list = this.byFirst.get(entry.phrase[0]) ?? [];
    const same = list.find((e) => e.kind === kind && e.id === id && e.phrase.join() === entry.phrase.join());
    if (!same) list.push(entry);
    else if (part < same.part) same.part = part;
    this.byFirst.set(entry.phrase[0], list);
    return entry;
  }

  /** The known words a typed word stands for (same, inflection, one typo; a verb, its service noun). */
  private known(w: string): Set<number> {
    const noun = serviceNoun(w);
    const out = noun ? this.known(noun) : new Set<number>();
    const exact = this.vocabId.get(w);
    if (exact !== undefined) out.add(exact);
    // The typed word is a known word plus up to 3 letters ("berberi", "tiranes") ...
    for (let n = Math.max(4, w.length - 3); n < w.length; n++) {
      const id = this.vocabId.get(w.slice(0, n));
      if (id !== undefined) out.add(id);
    }
    // ... or a known word without its last letters ("fizioterapi" for "fizioterapise"); a word of four
    // letters only without one ("flok" for "floke"): "make" is not "makeup".
    for (const id of this.byPrefix.get(w) ?? []) if (w.length >= 5 || this.vocab[id].length === w.length + 1) out.add(id);
    // A word typed as a known word is that word, not a slip of another one: "makina" (the car) is not "Marina".
    if (w.length >= 5 && exact === undefined && !isOwnWord(w)) {
      for (const d of deletions(w)) {
        for (const id of this.byDeletion.get(d) ?? []) if (!out.has(id) && withinOneEdit(w, this.vocab[id])) out.add(id);
      }
      for (const id of this.bySound.get(soundKey(w)) ?? []) out.add(id);
    }
    // Another case or number of an Albanian noun: the same stem with another ending ("flokët" and Gheg
    // "flokt" for "flokësh", "mjekrës" for "mjekre"). Only for a word that is not a known word itself.
    if (w.length >= 5 && exact === undefined && !isOwnWord(w)) {
      const base = nounStem(w);
      if (base) for (const id of this.byStem.get(base) ?? []) out.add(id);
    }
    // An English past participle stands for its verb's other forms ("teeth whitened": "whitening", "hair
    // coloured": "colouring" as well as "colour").
    // Not a slip of another verb's form: "charged" is no "change".
    if (w.length >= 7 && w.endsWith("ed")) {
      for (const base of [w.slice(0, -2), w.slice(0, -1)]) for (const id of this.known(base)) if (this.vocab[id].startsWith(base.slice(0, -1))) out.add(id);
    }
    return out;
  }

  /** The last text's hits: the intent rules ask for its category and its business names in turn. */
  private last?: { text: string; hits: Hit[]; all: Hit[] };

  /** The phrases a text names, without those inside a longer one of the same kind. */
  private hits(text: string): Hit[] {
    return this.read(text).hits;
  }

  private read(text: string): { hits: Hit[]; all: Hit[] } {
    if (this.last?.text !== text) {
      const all = this.findHits(text);
      // A phrase inside a longer one of the same kind is not said on its own ("masazh" in "masazh terapeutik").
      const hits = all.filter((h) => !all.some((o) => o !== h && o.kind === h.kind && o.phrase.length > h.phrase.length && o.at <= h.at && o.at + o.phrase.length >= h.at + h.phrase.length));
      this.last = { text, hits, all };
    }
    return this.last;
  }

  /** Every phrase a text names, also those inside longer ones. */
  private findHits(text: string): Hit[] {
    const ws = saidWords(text);
    const known = ws.map((w) => this.known(w));
    const hits: Hit[] = [];
    for (let i = 0; i < ws.length; i++) {
      for (const first of known[i]) {
        for (const e of this.byFirst.get(first) ?? []) {
          if (i + e.phrase.length > ws.length) continue;
          // An article inside a name may be said in another case ("një kontroll të përgjithshëm" for
          // "Kontroll i përgjithshëm").
          if (!e.phrase.every((w, j) => known[i + j].has(w) || (e.phrase.length > 2 && ARTICLES.has(this.vocab[w]) && ARTICLES.has(ws[i + j])))) continue;
          // A business named by one word of its name is not named by a shorter word: "lëviz" (to move) is not "Lëvizja".
          if (e.kind === "business" && e.phrase.length === 1 && ws[i].length < this.vocab[e.phrase[0]].length - 1) continue;
          // One word of a service's name said as an English verb names no service: "change" of "Tyre change"
          // in "how do I change my phone number?", "can my booking be changed?".
          if (e.kind === "service" && e.phrase.length === 1 && e.part !== Part.Whole && saidAsVerb(ws, i)) continue;
          // "të tyre" is Albanian for "theirs", not the car services' "tyre".
          if (ALBANIAN_AFTER_PARTICLE.has(ws[i]) && PARTICLES.has(ws[i - 1] ?? "")) continue;
          hits.push({ ...e, at: i });
        }
      }
    }
    return hits;
  }

  /** The catalog entities a message names. */
  recognize(text: string): Mentions {
    // A kind of service alone names no service anywhere ("masazh"): only servicesAt, at one business, reads it.
    const hits = this.hits(text).filter((h) => h.part !== Part.Kind);
    const ids = (kind: Kind) => [...new Set(hits.filter((h) => h.kind === kind).sort((a, b) => b.phrase.length - a.phrase.length).map((h) => h.id))];
    const categories = ids("category");
    const businesses = ids("business");
    const services = ids("service");
    // A city's name inside a business's street ("Rruga e Durrësit" in Tirana) is not that city.
    const ofBusiness = wordsOf(hits, "business");
    const cities = [...new Set(hits.filter((h) => h.kind === "city" && !ofBusiness.has(h.at)).map((h) => h.id))].map((c) => this.cityNames.get(c) ?? c);
    const of = (list: string[], cat: (id: string) => string | undefined) => [...new Set(list.map(cat).filter((c): c is string => !!c))];
    const byBusiness = of(businesses, (id) => this.businesses.get(id)?.categoryId);
    const byService = of(services, (id) => this.businesses.get(this.services.get(id)?.businessId ?? "")?.categoryId);
    // A kind of service said apart from the services' words says which it is: "vizitë te fizioterapeuti" is
    // physiotherapy, though "vizitë" begins the dentists' services; "masazh terapeutik" is one phrase.
    const serviceWords = wordsOf(hits, "service");
    const apart = [...new Set(hits.filter((h) => h.kind === "category" && !h.phrase.some((_, i) => serviceWords.has(h.at + i))).map((h) => h.id))];
    const category = byBusiness.length === 1 ? byBusiness[0]
      : apart.length && !apart.some((c) => byService.includes(c)) ? apart[0]
      : byService.length === 1 ? byService[0]
      : categories.find((c) => byService.includes(c)) ?? categories[0];
    return { category, categories, businesses, services, cities };
  }

  /**
   * The service of another business that is the one chosen here, for a customer who changes business on the
   * way: the one of the same name, else the only one its name names there («Manikyr» at a salon whose
   * manicure is «Manikyr me xhel»). Undefined when there is none, or more than one.
   */
  sameServiceAt(serviceId: string, businessId: string): string | undefined {
    const chosen = this.services.get(serviceId);
    if (!chosen) return undefined;
    const there = [...this.services.values()].filter((s) => s.businessId === businessId);
    const same = there.filter((s) => s.nameSq.toLowerCase() === chosen.nameSq.toLowerCase());
    if (same.length === 1) return same[0].id;
    for (const name of [chosen.nameSq, chosen.nameEn]) {
      const named = this.namedAt(name, businessId);
      if (named.length === 1) return named[0];
    }
    return undefined;
  }

  /**
   * The services of one business a message names. Where the same words name several of them, the ones
   * they name best: a full name or an alias before part of a name, and a name's first words before its
   * last ones ("prerje" at a barber's with "Prerje flokësh" and "Larje dhe prerje" is the haircut).
   * Services named by other words of the message all count ("qethje dhe rruajtje" names two). A kind of
   * service alone counts only when nothing else names a service there: "rehabilitim" at a business with
   * one rehabilitation service is that one, "masazh" where there are three names all three. Of several,
   * one named by more of the message's words than any other is the one. Words of a business's name name
   * no service. A price said with its currency ("the 2000 lek one"), "the cheapest" and "the quickest"
   * choose among those named, or among all of the business's services when none is.
   */
  servicesAt(text: string, businessId: string): string[] {
    const named = this.namedAt(text, businessId);
    if (named.length === 1) return named;
    // "the 2000 lek one": the service of that price, among those named or all of the business's.
    const norm = normalize(text);
    const all = () => [...this.services.values()].filter((s) => s.businessId === businessId).map((s) => s.id);
    const asked = saidPrice(norm);
    if (asked !== null) {
      const priced = (named.length ? named : all()).filter((id) => this.services.get(id)?.priceLek === asked);
      if (priced.length === 1) return priced;
    }
    // "the cheapest massage", "më të lirin": the lowest price among those named, or among all of the
    // business's services when none is named ("the cheapest one"); "the quickest service", «më të
    // shkurtrin»: the shortest, likewise.
    const by = asksCheapest(norm) ? (id: string) => this.services.get(id)?.priceLek ?? Infinity
      : asksQuickest(norm) ? (id: string) => this.services.get(id)?.durationMin ?? Infinity : null;
    if (!by) return named;
    const pool = named.length ? named : all();
    const least = Math.min(...pool.map(by));
    const picked = pool.filter((id) => by(id) === least);
    return picked.length === 1 ? picked : named;
  }

  /** The services of a business a text names (see {@link servicesAt}), by their names only. */
  private namedAt(text: string, businessId: string): string[] {
    const hits = this.hits(text);
    // The words of a business's name name no service ("Relax" of "Vlora Relax Spa" is not the relaxing massage).
    const ofBusiness = wordsOf(hits, "business");
    // A phrase inside a longer one of this business's services is not said on its own; inside another
    // business's it is ("beard" of Ardit's "Haircut and beard" in "a beard trim", Kalaja's service).
    const mine = this.read(text).all.filter((h) => h.kind === "service" && this.services.get(h.id)?.businessId === businessId
      && !h.phrase.some((_, i) => ofBusiness.has(h.at + i)));
    const all = mine.filter((h) => !mine.some((o) => o !== h && o.phrase.length > h.phrase.length && o.at <= h.at && o.at + o.phrase.length >= h.at + h.phrase.length));
    const named = all.filter((h) => h.part !== Part.Kind);
    if (!named.length) {
      const loose = this.looselyNamed(text, businessId, ofBusiness);
      if (loose) return [loose];
    }
    const here = named.length ? named : all;
    const span = (h: Hit) => `${h.at}:${h.phrase.length}`;
    const best = new Map<string, Part>();
    for (const h of here) best.set(span(h), Math.min(best.get(span(h)) ?? Part.Kind, h.part));
    const candidates = [...new Set(here.filter((h) => h.part === best.get(span(h))).map((h) => h.id))];
    // A word that only says "a session" names no service beside one a telling word names ("një seancë
    // ultratinguj" is the ultrasound therapy, not also the "Seancë fizioterapie").
    const telling = candidates.filter((id) => here.some((h) => h.id === id && h.phrase.some((p) => !SESSION.has(this.vocab[p]))));
    const found = telling.length ? telling : candidates;
    // The one service whose name holds every one named and has a word of its own said apart, though a word
    // a kind of service uses too: "a haircut and a beard trim" at a barber's with "Haircut and beard".
    const covered = (i: number) => here.some((h) => h.at <= i && i < h.at + h.phrase.length);
    const holding = [...new Set(all.filter((h) => h.part === Part.Kind && !found.includes(h.id) && found.every((o) => this.holds(h.id, o))
      && h.phrase.every((_, j) => !covered(h.at + j))).map((h) => h.id))];
    if (named.length && holding.length === 1) return holding;
    // One of them named in more separate places of the message than any other is the one asked for
    // ("kids haircut" is the children's haircut, named by "kids" and by "haircut", not the haircut, named
    // by "haircut" alone; "të më lajnë dhe të më presin flokët" is the wash and cut, though "presin
    // flokët" is also the haircut's whole name).
    const raw = this.read(text).all.filter((h) => h.kind === "service" && !h.phrase.some((_, i) => ofBusiness.has(h.at + i)));
    const spans = (id: string) => separate(raw.filter((h) => h.id === id));
    const most = Math.max(...found.map(spans));
    const widest = found.filter((id) => spans(id) === most);
    if (widest.length === 1) return widest;
    // Several named, of which one's name holds every other's and is also named by words of its own: the
    // one that does both ("qethje dhe mjekër" names the haircut and, by "mjekër", the "Prerje flokësh dhe
    // mjekre", which holds the haircut's name; "prerje" alone names both by the same word).
    const at = (id: string) => new Set(here.filter((h) => h.id === id).map((h) => h.at));
    const whole = found.filter((c) => found.every((o) => o === c || this.holds(c, o))
      && [...at(c)].some((i) => found.every((o) => o === c || !at(o).has(i))));
    return whole.length === 1 ? whole : found;
  }

  /** Whether service `c`'s name (in either language) holds service `o`'s name in the same language. */
  private holds(c: string, o: string): boolean {
    const sc = this.services.get(c), so = this.services.get(o);
    if (!sc || !so) return false;
    const within = (outer: string, inner: string) => ` ${words(outer).join(" ")} `.includes(` ${words(inner).join(" ")} `);
    return within(sc.nameSq, so.nameSq) || within(sc.nameEn, so.nameEn);
  }

  /**
   * Whether a text names a business, service, kind of service or city with its words as written (an
   * inflection or a typo does not count): a person's name is checked so, since "Maria" is one letter from
   * "Marina" and "Ardit" a business's word and a first name.
   */
  namesAsWritten(text: string): boolean {
    const ws = words(text);
    return this.read(text).hits.some((h) => h.part !== Part.Kind && h.phrase.every((p, j) => this.vocab[p] === ws[h.at + j]));
  }

  /** How many words of a text a service's names share: how fully the text names it ("cut and blow dry": 3 for "Cut and blow-dry", 2 for "Blow-dry"). */
  sharedWords(text: string, serviceId: string): number {
    const own = this.serviceWords.get(serviceId) ?? [];
    // Read as the names are: "my little boy" says "fëmijë", "du me pre" says "prerje".
    return saidWords(text).filter((w) => !GLUE.has(w) && own.some((o) => wordMatches(w, o))).length;
  }

  /**
   * The one service of a business that shares more words with a message than any other does, though no
   * name of it is said as written ("masazh për gjithë trupin" for "Masazh i plotë trupor"; "dental
   * cleaning" for "Professional teeth cleaning"): two or more words, or one of 5+ letters that names no
   * kind of service. Leaves out the words at `skip` (a business's name); undefined when none or several
   * share the most.
   */
  private looselyNamed(text: string, businessId: string, skip: Set<number>): string | undefined {
    const typed = words(text).filter((w, i) => !skip.has(i) && !GLUE.has(w));
    let best: string | undefined;
    let top = 0;
    let longest = 0;
    let tied = false;
    for (const s of this.services.values()) {
      if (s.businessId !== businessId) continue;
      const own = this.serviceWords.get(s.id)!;
      const shared = typed.filter((w) => own.some((o) => wordMatches(w, o)));
      // A word that names a kind of service ("fizioterapi") says nothing of which service it is.
      const telling = shared.filter((w) => !this.isCategoryWord(w));
      if (shared.length > top) [best, top, tied, longest] = [s.id, shared.length, false, Math.max(0, ...telling.map((w) => w.length))];
      else if (shared.length === top && top > 0) tied = true;
    }
    return !tied && (top >= 2 || (top === 1 && longest >= 5)) ? best : undefined;
  }

  /** {@link CatalogWords}: the category a message names, if any. */
  categoryOf(text: string): string | undefined {
    return this.recognize(text).category;
  }

  /**
   * {@link CatalogWords}: the normalised text without the words of the business names it holds, nor the
   * verbs that name a service in it ("Lëvizja" is not "lëviz", to move; "të më ndërroni gomat" names the
   * tyre change, it moves nothing). The service's other words stay: "change my manicure to …" still says
   * what to move.
   */
  withoutNames(norm: string): string {
    const ws = norm.split(" ").filter(Boolean);
    const named = new Set<number>();
    for (const h of this.hits(norm)) {
      if (h.kind === "business") for (let i = h.at; i < h.at + h.phrase.length; i++) named.add(i);
      // Only with an object that is no booking's day or time ("ndërroni gomat"): "a mund ta ndrroj datën"
      // and "a mund ta ndërroj?" still move a booking.
      if (h.kind === "service" && h.part !== Part.Kind) {
        for (let i = h.at; i < h.at + h.phrase.length; i++) {
          if (serviceNoun(ws[i]) && ws[i + 1] && !MOVE_OBJECT.test(ws[i + 1])) named.add(i);
        }
      }
    }
    return named.size ? ws.filter((_, i) => !named.has(i)).join(" ") : norm;
  }

  /** {@link CatalogWords}: whether a (normalised) word names a kind of service. */
  isCategoryWord(word: string): boolean {
    for (const id of this.known(word)) if (this.categoryWords.has(id)) return true;
    return false;
  }
}
