// Seeded generators of hostile request bodies for the fuzz test: same seed, same bodies, every run.

/** A small deterministic PRNG (mulberry32): a 32-bit state, good enough to pick odd inputs. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let x = this.state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Strings that have broken chat bots: control characters, invalid Unicode, bidi tricks, injections, sizes. */
export const ODD_STRINGS: readonly string[] = [
  "", " ", "\n", "\t\t", "\u0000", "a\u0000b", "\u0000\u0000\u0000tung", "\ud800", "x\udfffy", "\ud83d", "🙂\ud83d",
  "\udc00\ud800", "\u202eevil\u202c", "\u2066isolate\u2069", "\u200f\u200e", "\u0007\u001b[2J\u001b[31mred", "\r\n\r\n",
  "\u0085\u2028\u2029", "\ufeff", "\uffff\ufffe", "\u00a0", "ë".repeat(2500), "a".repeat(2001), "🙂".repeat(1500),
  "9".repeat(400), "-1", "0", "NaN", "null", "undefined", "true", "[]", "{}", "<script>alert(1)</script>",
  "'; DROP TABLE \"Booking\"; --", "%00", "%ud800", "__proto__", "constructor", "{{count}}", "${process.env}",
  "\\u0000", "/start", "/start biz_\u0000", "/start biz_" + "x".repeat(500), "/start@rezervo_bot x\ud800",
  "g.lang:en", "g.menu", "g.mybookings", "c.1.0", "c.99999999999999999999.0", "1", "99", "+355691234567",
  "nesër në 10", "rezervimet e mia", "anulo", "PO", "JO", "STOP", "NDALO", "START", "Përshëndetje",
];

/** One odd string, sometimes glued from several, sometimes huge (200 KB). */
export function oddString(r: Prng): string {
  const roll = r.next();
  if (roll < 0.03) return r.pick(["a", "\u0000", "ë", "\ud800", "🙂"]).repeat(100_000);
  if (roll < 0.25) return r.pick(ODD_STRINGS) + r.pick(ODD_STRINGS) + r.pick(ODD_STRINGS);
  return r.pick(ODD_STRINGS);
}

const NUMBERS = [0, -0, -1, 1, 1.5, -7001, 2 ** 31, 2 ** 53 + 2, 1e308, -1e308, Number.MAX_SAFE_INTEGER];

/** Any JSON value with a bias for odd ones; `depth` bounds the nesting of this generator. */
export function oddValue(r: Prng, depth = 3): unknown {
  const roll = r.int(10);
  if (roll <= 3) return oddString(r);
  if (roll === 4) return r.pick(NUMBERS);
  if (roll === 5) return r.pick([true, false, null]);
  if (roll === 6 && depth > 0) return Array.from({ length: r.int(4) }, () => oddValue(r, depth - 1));
  if (roll === 7 && depth > 0) {
    const o: Record<string, unknown> = {};
    for (let i = r.int(4); i > 0; i--) {
      const key = r.pick(["text", "choice", "id", "__proto__", "constructor", ...ODD_STRINGS.slice(0, 20)]);
      Object.defineProperty(o, key, { value: oddValue(r, depth - 1), enumerable: true, writable: true, configurable: true });
    }
    return o;
  }
  if (roll === 8) return deepJson(r.pick([50, 1000]));
  return r.pick(ODD_STRINGS);
}

/** Objects and arrays nested `depth` levels deep, as a value (JSON.stringify handles about 1 000). */
export function deepJson(depth: number): unknown {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** A body as raw bytes: JSON that is not valid UTF-8, broken JSON, or deep nesting as text. */
export function oddRawJson(r: Prng): Buffer {
  const invalidUtf8 = [0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80, 0xc3];
  switch (r.int(6)) {
    case 0:
      return Buffer.concat([Buffer.from('{"text":"'), Buffer.from(invalidUtf8.slice(r.int(5))), Buffer.from('"}')]);
    case 1:
      return Buffer.from(invalidUtf8);
    case 2:
      return r.chance(0.5)
        ? Buffer.from("[".repeat(100_000) + "]".repeat(100_000))
        : Buffer.from('{"text":' + '{"a":['.repeat(20_000) + "1" + "]}".repeat(20_000) + "}");
    case 3:
      return Buffer.from(`{"text":"${"\\u0000\\ud800\\udfff".repeat(r.int(50) + 1)}"}`);
    case 4:
      return Buffer.from(r.pick(["{not json", '{"text":', "", "null", '"text"', '{"text":"a"}{"text":"b"}', "{\"text\":\"a\"\u0000}", '{"__proto__":{"admin":true},"text":"a"}', '{"constructor":{"prototype":{"x":1}}}']));
    default:
      return Buffer.from(JSON.stringify({ text: "x", pad: "y".repeat(200_000) }));
  }
}
