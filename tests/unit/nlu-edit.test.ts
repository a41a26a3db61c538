// The one-typo check behind every typed word's correction: a letter changed, added or dropped, or two
// neighbours swapped, and nothing more. It must agree with the full edit distance (computed here by its table).
import { describe, expect, it } from "vitest";
import { wordMatches } from "../../core/nlu/match.ts";
import { withinOneEdit } from "../../core/nlu/normalize.ts";

/**
 * The reference: the optimal-string-alignment distance by its full table (a letter changed, added or
 * dropped, or two neighbours swapped, each one edit).
 */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Every string of up to `max` letters from `alphabet`. */
function strings(alphabet: string[], max: number): string[] {
  let level = [""];
  const out = [""];
  for (let n = 1; n <= max; n++) {
    level = level.flatMap((s) => alphabet.map((c) => s + c));
    out.push(...level);
  }
  return out;
}

describe("one typo apart", () => {
  it("agrees with the edit distance on every pair of short words over three letters (ë included)", () => {
    const all = strings(["a", "b", "ë"], 4);
    let near = 0;
    for (const a of all) {
      for (const b of all) {
        const want = editDistance(a, b) <= 1;
        if (withinOneEdit(a, b) !== want) throw new Error(`"${a}" / "${b}": expected ${want}`);
        if (want) near++;
      }
    }
    // A check that passes for every pair must also have met both answers often.
    expect(near).toBeGreaterThan(1000);
    expect(near).toBeLessThan(all.length * all.length / 2);
  });

  it("takes the typos customers make, and no more than one", () => {
    expect(withinOneEdit("rezevro", "rezervo")).toBe(true); // two letters swapped
    expect(withinOneEdit("rezrvo", "rezervo")).toBe(true); // one dropped
    expect(withinOneEdit("rezervoo", "rezervo")).toBe(true); // one added
    expect(withinOneEdit("mjekra", "mjekre")).toBe(true); // one changed
    expect(withinOneEdit("rezevroj", "rezervo")).toBe(false); // swapped and added
    expect(withinOneEdit("anulo", "anuloj")).toBe(true);
    expect(withinOneEdit("anulim", "anuloj")).toBe(false);
  });
});

describe("a typed word for a known one", () => {
  it("takes another ending of up to two letters on a stem of four or more (trupi / trupor), and no more", () => {
    expect(wordMatches("trupi", "trupor")).toBe(true);
    expect(wordMatches("berberi", "berber")).toBe(true);
    expect(wordMatches("kontrata", "kontroll")).toBe(false); // other endings of three letters
    expect(wordMatches("pastaj", "pastrim")).toBe(false);
    expect(wordMatches("motra", "motor")).toBe(false); // a stem of three letters
    expect(wordMatches("dita", "dite")).toBe(false); // words under five letters need the same start
  });
});
