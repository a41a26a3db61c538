import { normalize } from "./normalize.ts";

const COUNT: Record<string, number> = {
  two: 2, three: 3, four: 4, dy: 2, tre: 3, kater: 4, "2": 2, "3": 3, "4": 4,
};
const N = "(two|three|four|dy|tre|kater|[2-4])";
// "for two people", "for 3 of us", «për dy veta», «për 2 persona», "two haircuts", «dy qethje»: that many.
const COUNTED = new RegExp(`(?:^| )(?:for |per )?${N} (?:people|persons|of us|adults|veta|vete|persona|njerez|(?:haircuts|manicures|pedicures|massages|qethje|manikyre|pedikyre|masazhe))(?= |$)`);
// Whom a customer books with or for: "my sister", «motrën time» (the accusative after «për» and the dative,
// «rezervoji motrës sime»; not the genitive, «dasma e motrës sime»).
const RELATIVE_EN = "sister|brother|wife|husband|son|daughter|mother|mum|mom|father|dad|friend|partner|boyfriend|girlfriend|kid|boy|girl|cousin|colleague|grandma|grandmother|grandpa|grandfather|aunt|uncle|fiance|fiancee|niece|nephew";
const RELATIVE_SQ = "motren|motres|vellain|vellait|gruan|gruas|burrin|burrit|djalin|djalit|vajzen|vajzes|nenen|nenes|babain|babait|mamane|mamase|shoqen|shoqes|shokun|shokut|femijen|femijes|kushurinen|kushuririn|gjyshen|gjyshin|te dashuren|te dashurin|kolegen|kolegun";
// "for me and my wife", «për mua dhe gruan time», "both of us", «ne të dy»: two.
const TWO = new RegExp(`(?:^| )(?:(?:for )?me and my (?:(?:little|young|small|baby|eldest|youngest|older|younger) )?(?:${RELATIVE_EN})|(?:for )?me and my (?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:year|yr)s? old|(?:per )?mua dhe (?:\\d{1,2} ?)?vjecar(?:in|en)|both of us|the two of us|(?:per )?mua dhe (?:${RELATIVE_SQ})|(?:per )?(?:ne )?te dy(?:ve)?)(?= |$)`);

/** How many people a booking request is for ("for me and my wife": 2, «për tre veta»: 3), or null for one. */
export function partySize(text: string): number | null {
  const norm = normalize(text);
  const m = COUNTED.exec(norm);
  if (m) return COUNT[m[1]] ?? null;
  return TWO.test(norm) ? 2 : null;
}

// "book my sister in", "a manicure for my wife", "my friend needs one too", "can my husband get …", «për motrën time»,
// «rezervoji edhe vëllait».
const FOR_ANOTHER = new RegExp(
  `(?:^| )(?:(?:for|book|get|put|fit|squeeze) (?:in )?(?:my|our) (?:${RELATIVE_EN})(?! s(?: |$))|my (?:${RELATIVE_EN}) (?:too|also|as well|needs|wants|would like)|(?:can|could|may) (?:my|our) (?:${RELATIVE_EN}) (?:also |too )?(?:get|have|book|come|do)|(?<!(?:^| )(?:e|i|te|se|me) )(?:${RELATIVE_SQ})(?= (?:tim|time|sime|tone|tona|tane)(?= |$))|per (?:${RELATIVE_SQ}))(?= |$)`,
);

/**
 * Whether a booking request is for someone else than the customer ("book my sister in for a manicure",
 * «një qethje për djalin tim»), not for them together with the customer ("for me and my wife", see
 * {@link partySize}).
 */
export function forAnother(text: string): boolean {
  const norm = normalize(text);
  return !TWO.test(norm) && !COUNTED.test(norm) && FOR_ANOTHER.test(norm);
}

// The other person of "for me and my little boy", «për mua dhe djalin tim të vogël» (folded, as typed).
const COMPANION = /(?:^|[\s,])(?:(?:for )?me and (my (?:\d{1,2} (?:year|yr)s? old|(?:(?:little|young|small|baby|eldest|youngest|older|younger) )?\p{L}+))|(?:p[eë]r )?mua dhe ((?:\d{1,2} ?)?\p{L}+(?: (?:tim|time|sime|im|ime)(?: t[eë] vog[eë]l| [eë] vog[eë]l)?)?))(?=[\s,.;:!?]|$)/iu;

// The other of a counted request: "two haircuts, one for me and one for my little boy", «dy qethje, njëra për djalin tim të vogël».
const ONE_FOR = /(?:^|[\s,])(?:(?:(?:one )?for me,? and )?(?:and )?one (?:of them )?(?:is )?for (my (?:(?:little|young|small|baby|eldest|youngest|older|younger) )?\p{L}+)|(?:(?:nj[eë](?:ra|n)? )?p[eë]r mua,? dhe )?(?:dhe )?nj[eë](?:ra|n|)? (?:[eë]sht[eë] )?p[eë]r (?!mua(?![\p{L}]))(\p{L}+(?: (?:tim|time|sime|im|ime)(?: t[eë] vog[eë]l| [eë] vog[eë]l)?)?))(?=[\s,.;:!?]|$)/iu;

/**
 * A request for two ("haircuts for me and my little boy at Ardit", "two haircuts, one for my little boy"):
 * the other person's words ("my little boy"), and the request as the customer's own ("haircuts for me at
 * Ardit"); null when it names no one with the customer.
 */
export function companion(text: string): { who: string; alone: string } | null {
  const m = ONE_FOR.exec(text) ?? COMPANION.exec(text);
  const who = m?.[1] ?? m?.[2];
  if (!m || !who) return null;
  const mine = m[2] ? "për mua" : "for me";
  return { who, alone: `${text.slice(0, m.index)} ${mine}${text.slice(m.index + m[0].length)}`.replace(/\s{2,}/g, " ").trim() };
}
