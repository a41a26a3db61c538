import type { FastifyInstance } from "fastify";
import { PAGE_CSP } from "../headers.ts";

const SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** Escapes text for an HTML attribute or text node. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The demo page's HTML: a plain Albanian business site with the widget embedded by one script tag. */
export function demoPage(opts: { business?: string; lang?: "sq" | "en" } = {}): string {
  const business = opts.business && SLUG.test(opts.business) ? opts.business : undefined;
  const lang = opts.lang === "en" ? "en" : "sq";
  const attrs = `${business ? ` data-business="${esc(business)}"` : ""} data-lang="${lang}"`;
  const heading = business ? "Mirë se vini në sallonin tonë" : "Rezervo: gjeni dhe rezervoni shërbime pranë jush";
  return `<!doctype html>
<html lang="sq">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rezervo: faqe demo</title>
<style>
body{margin:0;font-family:Georgia,serif;color:#222;background:#faf7f2;line-height:1.6}
header{background:#3b2f2f;color:#fff;padding:24px 20px}
header h1{margin:0;font-size:28px}
main{max-width:720px;margin:0 auto;padding:24px 20px 120px}
.card{background:#fff;border:1px solid #e6dfd3;border-radius:10px;padding:16px 20px;margin:16px 0}
</style>
</head>
<body>
<header><h1>${esc(heading)}</h1><p>Faqe demonstruese e një biznesi që përdor Rezervo.</p></header>
<main>
<section class="card"><h2>Rezervoni online, kur t'ju përshtatet</h2>
<p>Klikoni butonin e bisedës poshtë djathtas: zgjidhni shërbimin, ditën dhe orën, shkruani të dhënat tuaja
dhe konfirmoni. Do të merrni një konfirmim menjëherë, si dhe një kujtesë një ditë dhe dy orë para terminit.</p></section>
<section class="card"><h2>Orari</h2><p>E hënë – e shtunë: 09:00 – 19:00. E diel: mbyllur.</p></section>
<section class="card"><h2>Kontakt</h2><p>Rruga e Durrësit, Tiranë. Për pyetje rreth rezervimeve na shkruani në bisedë.</p></section>
</main>
<script src="/widget.js"${attrs} defer></script>
</body>
</html>
`;
}

/** `GET /`: the demo page; `?business=<slug>` embeds the widget for one business, `?lang=en` starts in English. */
export function registerDemoPage(app: FastifyInstance): void {
  app.get("/", async (req, reply) => {
    const q = (req.query ?? {}) as { business?: string; lang?: string };
    reply.header("content-type", "text/html; charset=utf-8").header("cache-control", "no-cache").header("content-security-policy", PAGE_CSP);
    return demoPage({ business: q.business, lang: q.lang === "en" ? "en" : "sq" });
  });
}
