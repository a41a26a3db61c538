import { searchFaq } from "../faq/index.ts";
import { detectIntent } from "./intent.ts";
import { isoWithOffset, parseWhen } from "./when.ts";
import type { CatalogWords } from "./port.ts";

/** Reads "--name value" options and the first free argument. */
function args(argv: string[]): { text: string; opts: Record<string, string> } {
  const opts: Record<string, string> = {};
  const free: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=", 2);
      opts[k] = v ?? argv[++i] ?? "";
    } else free.push(a);
  }
  return { text: free.join(" "), opts };
}

const USAGE =
  'usage: rezervo nlu when "<text>" [--now ISO] [--tz Europe/Tirane] | faq "<text>" [--lang sq|en] | intent "<text>"';

/**
 * `rezervo nlu ...`: prints what the language layer understands, as JSON (or "null").
 * when -> {"start":"2026-11-26T10:00:00+01:00","hasTime":true}; faq -> {"id":...,"score":...};
 * intent -> {"intent":"book",...}. `catalog` gives the catalog's words (kinds of service). Throws on a
 * usage error.
 */
export async function runNluCommand(argv: string[], catalog?: CatalogWords): Promise<string> {
  const [cmd, ...rest] = argv;
  const { text, opts } = args(rest);
  if (cmd === "when") {
    const tz = opts.tz || "Europe/Tirane";
    const now = opts.now ? new Date(opts.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new Error(`invalid --now: ${opts.now}`);
    const r = parseWhen(text, { now, timeZone: tz });
    return JSON.stringify(r ? { start: isoWithOffset(r.start, tz), hasTime: r.hasTime, ...(r.orWeekLater ? { orWeekLater: r.orWeekLater } : {}) } : null);
  }
  if (cmd === "faq") {
    const lang = opts.lang === "en" ? "en" : opts.lang === "sq" ? "sq" : undefined;
    return JSON.stringify(searchFaq(text, lang, catalog));
  }
  if (cmd === "intent") return JSON.stringify(detectIntent(text, catalog));
  throw new Error(USAGE);
}
