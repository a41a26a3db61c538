import { fold, normalize } from "./normalize.ts";

// "nga e mërkura te e enjtja", "prej të hënës për të premten", "from Wednesday to Thursday", "my massage on
// Thursday to Friday": the second part, with its word ("te e enjtja"), is where a booking goes.
const FROM_TO = /(?:^|[\s,])(?:nga|prej|from|on)\s+(.+?)\s+((?:te|tek|ne|per|deri|to|until|till)\s+.+)$/du;

/**
 * A move said as "from one day to another": what the text says before it, the part naming where the
 * booking was and the part naming where it goes, or null. The caller checks that `from` names a day
 * before believing it.
 */
export function fromTo(text: string): { before: string; from: string; to: string } | null {
  // Folding keeps every character in place, so the positions found there cut the original text.
  const m = FROM_TO.exec(fold(text));
  const [from, to] = m?.indices?.slice(1, 3) ?? [];
  return m && from && to ? { before: text.slice(0, m.index), from: text.slice(from[0], from[1]), to: text.slice(to[0], to[1]) } : null;
}

// A weekday in the genitive names the booking being moved ("qethjen e së premtes", "terminin të së hënës"),
// and so does "tomorrow's" ("diagnostikimin e nesërm", "… e nesërmen").
// So does a day in the English possessive ("tomorrow's massage", "Thursday's appointment"), and one said
// before a noun after "my" or "the" ("my Saturday massage", "the Friday appointment").
const OWN_DAY = /(?:^|\s)(?:e|te|të)\s+s[eë]\s+(?:h[eë]n|mart|m[eë]rkur|enjt|premt|shtun|diel)[\p{L}]*|(?:^|\s)(?:e|te|të)\s+(?:s[eë]\s+)?nes[eë]rm[\p{L}]*|(?:^|\s)(?:today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s(?=\s|$)|(?:^|\s)(?:my|our|the)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?=\s+(?!at\b|to\b|for\b|instead\b|or\b|and\b|morning\b|afternoon\b|evening\b|night\b)\p{L})/giu;

// "instead of Thursday", "në vend të së enjtes": what follows names where the booking was (up to the
// clause's end).
const INSTEAD_OF = /(?:^|\s)(?:instead of|ne vend te|ne vend)\s[^,.;:!?]*/g;
// "…, can we do Friday instead? around 4pm": the clause that says "instead" (not "instead of") names
// where the booking goes; it starts after the last stop before that word.
const INSTEAD = /(?:^|\s)instead(?!\s+of\b)(?=[\s,.;:!?]|$)/;

// "I can't make it Thursday, any chance for Friday?", «nuk vij dot të enjten, a keni të premten?»: the clause
// saying the customer cannot come names where the booking was; the clauses after it, where it goes.
const CANNOT_COME = /(?:^|\s)(?:(?:i\s+)?(?:can'?t|can’t|cannot|can\s+not|won'?t|won’t|couldn'?t|couldn’t|am\s+unable\s+to|unable\s+to)\s+(?:make\s+it|come|attend|be\s+there|go)|nuk\s+(?:(?:do\s+te\s+)?vij|mund\s+te\s+vij|mundem|arrij|e\s+bej)(?:\s+dot)?|s['’]?\s*(?:vij|mund\s+te\s+vij|mundem|arrij)(?:\s+dot)?)(?=[\s,.;:!?]|$)/;

// «e kam qethjen të enjten në 4, a mund ta kthejmë në 5?», "I have a haircut on Thursday at 4, can we make
// it 5?": a message opening with the booking the customer has names it in that first clause.
const HAVE_IT = /^\s*(?:(?:une|po)\s+)?(?:e\s+kam|i\s+kam|e\s+kemi|kam|kemi|i\s+have|i['’]ve\s+got|i\s+got|we\s+have)\s/i;

/**
 * Where a move goes: the text without its "from …" part when both parts of "from … to …" name a day or
 * time (`reads` tells: "të premten nga ora 10 në 12" is Friday at 12); else, when another day or time is
 * left, the text without what names the booking: a part said "instead of" ("Friday instead of Thursday"),
 * the clauses before the one saying "instead" ("something came up on Thursday, can we do Friday
 * instead?"), the clause saying the customer cannot come ("I can't make it Thursday, any chance for
 * Friday?") or the one opening with the booking they have ("e kam qethjen të enjten në 4, a mund ta
 * kthejmë në 5?"), or a weekday said in the genitive ("… qethjen e së premtes, a ka vend të shtunën në 12?");
 * else the whole text.
 */
export function destination(text: string, reads: (part: string) => boolean): string {
  const m = fromTo(text);
  if (m && reads(m.from) && reads(m.to)) return `${m.before} ${m.to}`.trim();
  // Folding keeps every character in place, so the positions found there cut the original text.
  const folded = fold(text);
  const without = cutOut(text, folded, INSTEAD_OF);
  if (without !== text && reads(without)) return without;
  const instead = INSTEAD.exec(folded);
  if (instead) {
    const start = Math.max(...[",", ".", ";", ":", "!", "?"].map((p) => folded.lastIndexOf(p, instead.index))) + 1;
    const part = text.slice(start).trim();
    if (start > 0 && reads(part)) return part;
  }
  for (const re of [CANNOT_COME, HAVE_IT]) {
    const said = re.exec(folded);
    if (!said) continue;
    const stop = folded.slice(said.index + said[0].length).search(/[,.;:!?]/);
    const part = stop < 0 ? "" : text.slice(said.index + said[0].length + stop + 1).trim();
    if (part && reads(part)) return part;
  }
  const rest = text.replace(OWN_DAY, " ");
  return rest !== text && reads(rest) ? rest : text;
}

/** `text` without the parts `re` finds in its folded copy `folded` (same positions). */
function cutOut(text: string, folded: string, re: RegExp): string {
  let out = "";
  let at = 0;
  for (const m of folded.matchAll(re)) {
    out += `${text.slice(at, m.index)} `;
    at = m.index + m[0].length;
  }
  return at ? (out + text.slice(at)).trim() : text;
}

const HOURS: Record<string, number> = { nje: 1, 1: 1, dy: 2, 2: 2, tre: 3, 3: 3, an: 1, one: 1, two: 2, three: 3 };
// A stretch of time: "një orë", "gjysmë ore", "30 minuta", "an hour", "half an hour", "20 min", "an hour
// and a half", «një orë e gjysmë».
const STRETCH = "(?:(nje|1|dy|2|tre|3|an|one|two|three) (?:ore|or|hours?)( and a half| e gjysme| e gjysem)?|(gjysme|gjysem|half an) (?:ore|hour)|(\\d{1,3}) (?:min\\w*))";
// "një orë më vonë", "gjysmë ore më herët" / "më parë", "30 minuta më vonë", "an hour later", "half an hour earlier".
const SHIFT = new RegExp(`(?:^| )${STRETCH} (?:me |ma )?(vone|heret|hert|pare|perpara|later|earlier)(?= |$)`);
// "push my haircut back half an hour", "bring it forward by 30 minutes", "shtyjeni gjysmë ore", «ta vonojmë
// gjysmë ore», "push it by 30 minutes", "delay it an hour": the verb says which way.
const SHIFT_BY_VERB = new RegExp(`(?:^| )(?:(?:push\\w*|put|set|move\\w*) (?:\\S+ ){0,3}?(back)|(?:bring|pull|move\\w*) (?:\\S+ ){0,3}?(forward)|(shty\\w*|vono(?:j|jme|jm|ni|sh|je|jeni|jne)|delay\\w*|push\\w*(?! (?:\\S+ ){0,3}forward))(?: \\S+){0,3}?) (?:by |for |per )?${STRETCH}(?= |$)`);

const minutesOf = (hours?: string, andHalf?: string, half?: string, mins?: string) => (hours ? HOURS[hours] * 60 + (andHalf ? 30 : 0) : half ? 30 : Number(mins));

/**
 * A booking's time moved by a stretch ("një orë më vonë", "half an hour earlier", "push it back half an
 * hour"): the minutes, later positive, or null when none is said.
 */
export function timeShift(text: string): number | null {
  const norm = normalize(text);
  const m = SHIFT.exec(norm);
  if (m) {
    const minutes = minutesOf(m[1], m[2], m[3], m[4]);
    if (!minutes) return null;
    return /^(?:vone|later)$/.test(m[5]) ? minutes : -minutes;
  }
  const v = SHIFT_BY_VERB.exec(norm);
  if (!v) return null;
  const minutes = minutesOf(v[4], v[5], v[6], v[7]);
  if (!minutes) return null;
  return v[2] ? -minutes : minutes;
}

const DAYS: Record<string, number> = { nje: 1, 1: 1, dy: 2, 2: 2, tre: 3, 3: 3, a: 1, an: 1, one: 1, two: 2, three: 3 };
// A stretch of days: "një javë", "dy ditë", "a week", "two days", "3 days".
const DAY_STRETCH = "(?:(nje|1|dy|2|tre|3|a|one|two|three) (dite|dit|jave|days?|weeks?))";
// "një javë më vonë", "dy ditë më herët", "a week later", "two days earlier".
const DAY_SHIFT = new RegExp(`(?:^| )${DAY_STRETCH} (?:me |ma )?(vone|heret|hert|pare|perpara|later|earlier)(?= |$)`);
// "shtyje një javë", "push it back a week", "move it by two days", "bring it forward a day": the verb says which way.
const DAY_SHIFT_BY_VERB = new RegExp(`(?:^| )(?:(?:push\\w*|put|set|move\\w*) (?:\\S+ ){0,3}?(back|by)|(?:bring|pull|move\\w*) (?:\\S+ ){0,3}?(forward)|(shty\\w*)(?: \\S+){0,3}?) (?:by |for |per )?${DAY_STRETCH}(?= |$)`);
// "the day after", "the following day", "the day before" (the booking's), not "the day after tomorrow";
// «ditën tjetër», «ditën pasardhëse», «ditën pas» (the definite day: «një ditë tjetër» is any other day).
const NEXT_DAY = /(?:^| )(?:the )?(?:day after|following day)(?! tomorrow)(?= |$)|(?:^| )(?:nje )?dite me (?:vone|pas)(?= |$)|(?:^| )diten (?:tjeter|pasardhese|pas)(?!(?: te| e)? (?:jav|muaj)\w*)(?= |$)/;
const DAY_BEFORE = /(?:^| )(?:the )?day before(?= |$)|(?:^| )(?:nje )?dite me (?:heret|pare|perpara)(?= |$)/;

const daysOf = (n: string, unit: string) => DAYS[n] * (/^(?:jave|weeks?)$/.test(unit) ? 7 : 1);

/**
 * A booking's day moved by a stretch of days ("shtyje një javë", "a week later", "two days earlier", "the
 * day after"): the days, later positive, or null when none is said.
 */
export function dayShift(text: string): number | null {
  const norm = normalize(text);
  const m = DAY_SHIFT.exec(norm);
  if (m) return /^(?:vone|later)$/.test(m[3]) ? daysOf(m[1], m[2]) : -daysOf(m[1], m[2]);
  const v = DAY_SHIFT_BY_VERB.exec(norm);
  if (v) return v[2] ? -daysOf(v[4], v[5]) : daysOf(v[4], v[5]);
  if (NEXT_DAY.test(norm)) return 1;
  if (DAY_BEFORE.test(norm)) return -1;
  return null;
}
