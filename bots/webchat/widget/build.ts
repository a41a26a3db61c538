import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const localesDir = join(here, "..", "..", "..", "locales");

/** The bundled widget script, ready to serve. */
export interface WidgetBundle {
  code: Buffer;
  gzip: Buffer;
  etag: string;
}

/** The widget's UI strings for both languages, from locales/<lang>/widget.json. */
export function widgetStrings(): Record<"sq" | "en", Record<string, string>> {
  const read = (lang: string) => JSON.parse(readFileSync(join(localesDir, lang, "widget.json"), "utf8"));
  return { sq: read("sq"), en: read("en") };
}

/** Bundles bots/webchat/widget/main.ts with esbuild, inlining the locale strings. */
export async function buildWidget(opts: { minify?: boolean } = {}): Promise<WidgetBundle> {
  const out = await build({
    entryPoints: [join(here, "main.ts")],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2020",
    minify: opts.minify ?? true,
    legalComments: "none",
    charset: "utf8",
    define: { __REZERVO_STRINGS__: JSON.stringify(widgetStrings()) },
    logLevel: "silent",
  });
  const code = Buffer.from(out.outputFiles[0].contents);
  const etag = `"${createHash("sha256").update(code).digest("base64url").slice(0, 22)}"`;
  return { code, gzip: gzipSync(code, { level: 9 }), etag };
}
