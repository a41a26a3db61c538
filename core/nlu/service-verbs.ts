/**
 * Albanian verbs that say a service as an action ("të më lajnë dhe të më presin flokët", "dua t'i heqin
 * dhëmbin", "t'i ndërrojnë gomat") and the noun a service's name uses for it ("larje", "prerje", "heqje",
 * "ndërrim"). Only the forms the catalog's word matching does not already reach through its inflections
 * ("qethin" for "qethje", "ngjyrosin" for "ngjyrosje") are listed; common words that are also other verbs
 * ("pres", to wait; "lajme", news) are left out. Words are folded (no ë or ç).
 */
const NOUNS: Record<string, readonly string[]> = {
  larje: ["laj", "laje", "lajne", "lani", "lahem", "lahet", "lahen", "lare"],
  prerje: ["presin", "presim", "prisni", "pritem", "prere"],
  // Not "hequr": "më kanë hequr paratë" is money taken, not a tooth.
  heqje: ["heq", "heqin", "heqim", "heqni", "hiqet", "hiqen"],
  pastrim: ["pastroj", "pastrojne", "pastrojme", "pastroni", "pastrohen", "pastrohet", "pastruar"],
  nderrim: ["nderroj", "nderrojne", "nderrojme", "nderroni", "nderrohen", "nderrohet", "nderruar", "ndrroj", "ndrrojne", "ndrrohen"],
  balancim: ["balancoj", "balancojne", "balancohen", "balancohet"],
  kontroll: ["kontrolloj", "kontrollojne", "kontrollohet", "kontrollohen", "kontrolluar"],
  rruajtje: ["rruhem", "rruhet", "rruani", "rruajne"],
  // Gheg «me u qeth» (to get a haircut), «t'u qethem», «u qetha»: the noun is the haircut's alias.
  qethje: ["qeth", "qethem", "qethesh", "qethet", "qethemi", "qethen", "qetha", "qethur"],
};

const BY_FORM = new Map<string, string>(Object.entries(NOUNS).flatMap(([noun, forms]) => forms.map((f) => [f, noun] as const)));

/** The service noun a (folded) verb form stands for ("lajne" -> "larje"), if it is one. */
export function serviceNoun(word: string): string | undefined {
  return BY_FORM.get(word);
}

/** Words a verb for changing takes when it moves a booking, not a service's object ("ndrroj datën", "ndërroj orarin"). */
export const MOVE_OBJECT = /^(?:dat|orar|ore|oren|ora|termin|rezervim|takim|dit|kohe)/;

// The cheapest service asked for: "the cheapest massage", "least expensive", "më të lirin", "sa më lirë".
// Not "më të lirë" after a time ("orë më të lira" are freer times, "e lirë" is free as well as cheap).
const CHEAPEST = /(?:^| )(?:cheapest|least expensive|lowest price[ds]?|most affordable|(?:sa )?(?:me|ma) (?:te |i |e )?lir(?:e|i|in|a|en|et|at|it)?)(?= |$)/;
const TIME_BEFORE = /(?:^| )(?:ore|oren|oret|orare?|oraret|orar|vend|vende|kohe|dite|diten|termin|terminin|slot|time)(?: \S+)? (?:sa )?(?:me|ma) (?:te |i |e )?lir/;

/** Whether a (normalized) text asks for the cheapest service. */
export function asksCheapest(norm: string): boolean {
  return CHEAPEST.test(norm) && !TIME_BEFORE.test(norm);
}

// The shortest service asked for: "the quickest service", "the shortest treatment", «më të shkurtrin»,
// «shërbimin më të shkurtër» (not "the quickest appointment" or «termini më i shpejtë», which ask for the
// soonest time).
const QUICKEST = /(?:^| )(?:quickest (?:service|treatment|one|thing|option)|shortest|(?:takes|lasts) the least time|(?:me|ma) (?:te |i |e )?shkurt(?:er|ri|rin|ren|ra|rat|rit))(?= |$)/;

/** Whether a (normalized) text asks for the shortest service. */
export function asksQuickest(norm: string): boolean {
  return QUICKEST.test(norm);
}

// A price said with its currency ("the 2000 lek one", «ai me 1500 lekë», "for 3,500 ALL"), or as "the 2000
// one": read on the folded text, thousands written with a comma, a dot or a space.
const PRICE = /(?:^| )(\d{1,3}(?:[ .,]\d{3})+|\d{2,6}) ?(?:lek|leke|lekesh|leku|all|l)(?= |$)|(?:^| )(?:the|ai|ajo|atë|ate) (?:me |for |per )?(\d{3,6}) (?:one|lek\w*)?(?= |$)/;

/** The price (lek) a (folded) text names a service by, if it names one. */
export function saidPrice(norm: string): number | null {
  const m = PRICE.exec(norm);
  const digits = (m?.[1] ?? m?.[2])?.replace(/[ .,]/g, "");
  const n = digits ? Number(digits) : NaN;
  return Number.isInteger(n) && n > 0 ? n : null;
}
