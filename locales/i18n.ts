import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type i18n } from "i18next";

export const LANGS = ["sq", "en"] as const;
export type Lang = (typeof LANGS)[number];

const here = dirname(fileURLToPath(import.meta.url));

/** Loads every locales/<lang>/<namespace>.json file. */
export function loadResources(): Record<Lang, Record<string, Record<string, unknown>>> {
  const out = {} as Record<Lang, Record<string, Record<string, unknown>>>;
  for (const lang of LANGS) {
    out[lang] = {};
    for (const file of readdirSync(join(here, lang))) {
      if (!file.endsWith(".json")) continue;
      out[lang][file.slice(0, -5)] = JSON.parse(readFileSync(join(here, lang, file), "utf8"));
    }
  }
  return out;
}

let instance: i18n | undefined;

function get(): i18n {
  if (instance) return instance;
  const resources = loadResources();
  const inst = i18next.createInstance();
  void inst.init({
    resources,
    lng: "sq",
    fallbackLng: "sq",
    supportedLngs: [...LANGS],
    ns: Object.keys(resources.sq),
    defaultNS: "common",
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  instance = inst;
  return inst;
}

/** Normalises any language hint ("sq-AL", "en-US", undefined) to a supported language. */
export function toLang(hint: string | undefined | null): Lang {
  const base = (hint ?? "").toLowerCase().slice(0, 2);
  return base === "en" ? "en" : "sq";
}

/** Translates `key` ("namespace:key" or a key in "common") in `lang`. */
export function t(lang: Lang, key: string, vars?: Record<string, unknown>): string {
  if (vars) return get().t(key, { lng: lang, ...vars }) as string;
  // A text without variables never changes once loaded: looked up once per language.
  const k = `${lang}\u0000${key}`;
  let text = plain.get(k);
  if (text === undefined) {
    text = get().t(key, { lng: lang }) as string;
    plain.set(k, text);
  }
  return text;
}

/** Texts without variables already looked up, by language and key. */
const plain = new Map<string, string>();

/** True when the key exists in the language (for optional texts). */
export function hasKey(lang: Lang, key: string): boolean {
  return get().exists(key, { lng: lang });
}
