import { normalize } from "./normalize.ts";

const COUNT: Record<string, number> = {
  two: 2, three: 3, four: 4, dy: 2, tre: 3, kater: 4, "2": 2, "3": 3, "4": 4,
};
const N = "(two|three|four|dy|tre|kater|[2-4])";
// "for two people", "for 3 of us", «për dy veta», «për 2 persona», "two haircuts", «dy qethje»: that many.
const COUNTED = new RegExp(`(?:^| )(?:for |per )?${N} (?:people|persons|of us|adults|veta|vete|persona|njerez|(?:haircuts|manicures|pedicures|massages|qethje|manikyre|pedikyre|masazhe))(?= |$)`);
// "for me and my wife", «për mua dhe gruan time», "both of us", «ne të dy»: two.
const TWO = /(?:^| )(?:(?:for )?me and my (?:wife|husband|son|daughter|friend|partner|brother|sister|mother|mum|mom|father|dad|kid|boy|girl|boyfriend|girlfriend)|both of us|the two of us|(?:per )?mua dhe (?:gruan|burrin|djalin|vajzen|shoqen|shokun|vellain|motren|nenen|babain|mamane|femijen|te dashuren|te dashurin)|(?:per )?(?:ne )?te dy(?:ve)?)(?= |$)/;

/** How many people a booking request is for ("for me and my wife": 2, «për tre veta»: 3), or null for one. */
export function partySize(text: string): number | null {
  const norm = normalize(text);
  const m = COUNTED.exec(norm);
  if (m) return COUNT[m[1]] ?? null;
  return TWO.test(norm) ? 2 : null;
}
