import type { FastifyInstance } from "fastify";
import type { OpeningHours } from "../../core/availability/types.ts";
import type { BusinessInfo, CatalogPort, CategoryInfo, ServiceInfo } from "../../core/catalog/port.ts";
import { formatDayHours, formatPhone, formatPrice, formatWeekday } from "../../core/format.ts";
import { t, type Lang } from "../../locales/i18n.ts";
import { PAGE_CSP, SCRIPT_CSP } from "../headers.ts";

const SLUG = /^[a-z0-9][a-z0-9-]{0,80}$/;

/** The site's icon: a calendar page with a check mark on the widget's blue. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="14" fill="#0b57d0"/>
<rect x="13" y="17" width="38" height="34" rx="6" fill="#fff"/>
<path d="M13 23a6 6 0 0 1 6-6h26a6 6 0 0 1 6 6v4H13z" fill="#f9ab00"/>
<rect x="20" y="11" width="6" height="11" rx="3" fill="#fff"/>
<rect x="38" y="11" width="6" height="11" rx="3" fill="#fff"/>
<path d="M23 39l6 6 12-12" fill="none" stroke="#0b57d0" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

/** Escapes text for an HTML attribute or text node. */
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The whole marketplace, category by category, as the page lists it. */
export interface MarketplaceView {
  categories: Array<{ category: CategoryInfo; businesses: BusinessInfo[] }>;
}

/** One business with its category and services. */
export interface BusinessView {
  business: BusinessInfo;
  category: CategoryInfo | null;
  services: ServiceInfo[];
}

/** What the page shows: the marketplace (optionally after a slug that was not found) or one business. */
export type PageContent = { kind: "marketplace"; market: MarketplaceView; missing?: boolean } | { kind: "business"; view: BusinessView };

const CSS = `
body{margin:0;font-family:Georgia,serif;color:#222;background:#faf7f2;line-height:1.6}
a{color:#7a2e00}
a:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.top{background:#3b2f2f;color:#fff;padding:16px 20px}
.top a{color:#fff}
.top .in{max-width:760px;margin:0 auto;display:flex;flex-wrap:wrap;align-items:center;gap:8px 20px}
.brand{margin:0;font-size:24px;font-weight:700;flex:1}
.brand a{text-decoration:none}
.tag{margin:0;flex-basis:100%;font-size:15px}
main{max-width:760px;margin:0 auto;padding:24px 20px 140px}
h1{font-size:30px;line-height:1.25;margin:8px 0 12px}
h2{font-size:21px;margin:0 0 8px}
.card{background:#fff;border:1px solid #e6dfd3;border-radius:10px;padding:16px 20px;margin:16px 0}
.note{background:#fff4e5;border:1px solid #e0b97a;border-radius:10px;padding:12px 16px}
.list{list-style:none;margin:0;padding:0}
.list li{padding:8px 0;border-top:1px solid #eee7dc}
.list li:first-child{border-top:0}
.list .where{display:block;font-size:15px;color:#555}
.meta{color:#555;margin:0 0 8px}
.hours{margin:0;padding:0;list-style:none}
.hours li{display:flex;justify-content:space-between;gap:16px;max-width:360px}
.foot{max-width:760px;margin:0 auto;padding:0 20px 120px;font-size:14px;color:#555}
`;

function businessLink(slug: string, lang: Lang): string {
  return `/?business=${encodeURIComponent(slug)}${lang === "en" ? "&amp;lang=en" : ""}`;
}

function marketplaceMain(lang: Lang, market: MarketplaceView, missing: boolean): string {
  const count = market.categories.reduce((n, c) => n + c.businesses.length, 0);
  const sections = market.categories
    .filter((c) => c.businesses.length)
    .map(({ category, businesses }) => {
      const id = `c-${esc(category.slug)}`;
      const items = businesses
        .map((b) => `<li><a href="${businessLink(b.slug, lang)}">${esc(b.name)}</a><span class="where">${esc(b.city)} · ${esc(b.address)}</span></li>`)
        .join("\n");
      return `<section class="card" aria-labelledby="${id}"><h2 id="${id}">${esc(lang === "en" ? category.nameEn : category.nameSq)}</h2>
<ul class="list">
${items}
</ul></section>`;
    })
    .join("\n");
  return `${missing ? `<p class="note" role="status">${esc(t(lang, "web:page.notFound"))}</p>\n` : ""}<h1>${esc(t(lang, "web:page.heading"))}</h1>
<p>${esc(t(lang, "web:page.intro"))}</p>
<p class="meta">${esc(t(lang, "web:page.count", { count }))}</p>
${sections}`;
}

function businessMain(lang: Lang, { business: b, category, services }: BusinessView): string {
  const serviceItems = services
    .map((s) => `<li>${esc(t(lang, "booking:serviceLabel", { name: lang === "en" ? s.nameEn : s.nameSq, minutes: s.durationMin, price: formatPrice(lang, s.priceLek) }))}</li>`)
    .join("\n");
  // Monday first, as calendars in Albania are.
  const days = [1, 2, 3, 4, 5, 6, 0]
    .map((d) => `<li><span>${esc(formatWeekday(lang, d))}</span><span>${esc(formatDayHours(lang, b.openingHours[String(d) as keyof OpeningHours]))}</span></li>`)
    .join("\n");
  const catName = category ? (lang === "en" ? category.nameEn : category.nameSq) : "";
  const phone = formatPhone(b.phone);
  return `<p><a href="/${lang === "en" ? "?lang=en" : ""}">${esc(t(lang, "web:page.allBusinesses"))}</a></p>
<h1>${esc(b.name)}</h1>
<p class="meta">${esc([catName, b.city].filter(Boolean).join(" · "))}</p>
<section class="card" aria-labelledby="s-book"><h2 id="s-book">${esc(t(lang, "web:page.bookHere"))}</h2>
<p>${esc(t(lang, "web:page.bookHereText", { business: b.name }))}</p></section>
<section class="card" aria-labelledby="s-services"><h2 id="s-services">${esc(t(lang, "web:page.services"))}</h2>
<ul class="list">
${serviceItems}
</ul></section>
<section class="card" aria-labelledby="s-hours"><h2 id="s-hours">${esc(t(lang, "web:page.hours"))}</h2>
<ul class="hours">
${days}
</ul></section>
<section class="card" aria-labelledby="s-contact"><h2 id="s-contact">${esc(t(lang, "web:page.contact"))}</h2>
<p>${esc(b.address)}, ${esc(b.city)}<br><a href="tel:${esc(b.phone.replace(/[^\d+]/g, ""))}">${esc(phone)}</a></p></section>`;
}

/**
 * The demo page's HTML. At `/` it presents the marketplace, every business by category, with the widget
 * starting at the menu; with a known business it presents that business, and the widget starts there
 * (`data-business`). Texts come from locales/<lang>/web.json; the only script is /widget.js.
 */
export function demoPage(lang: Lang, content: PageContent): string {
  const business = content.kind === "business" ? content.view.business : undefined;
  const attrs = `${business ? ` data-business="${esc(business.slug)}"` : ""} data-lang="${lang}"`;
  const title = business ? t(lang, "web:page.businessTitle", { business: business.name }) : t(lang, "web:page.title");
  const other: Lang = lang === "en" ? "sq" : "en";
  const switchHref = `/?${business ? `business=${encodeURIComponent(business.slug)}&amp;` : ""}lang=${other}`;
  const main = content.kind === "business" ? businessMain(lang, content.view) : marketplaceMain(lang, content.market, !!content.missing);
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${CSS}</style>
</head>
<body>
<header class="top"><div class="in">
<p class="brand"><a href="/${lang === "en" ? "?lang=en" : ""}">${esc(t(lang, "web:page.brand"))}</a></p>
<a href="${switchHref}" lang="${other}" hreflang="${other}">${esc(t(lang, "web:page.otherLanguage"))}</a>
<p class="tag">${esc(t(lang, "web:page.tagline"))}</p>
</div></header>
<main>
${main}
</main>
<footer class="foot"><p>${esc(t(lang, "web:page.footer"))}</p></footer>
<script src="/widget.js"${attrs} defer></script>
</body>
</html>
`;
}

/** Reads what the page shows from the catalog: the business of `slug` when there is one, else the marketplace. */
export async function loadPageContent(catalog: CatalogPort, slug: string | undefined): Promise<PageContent> {
  const categories = await catalog.categories();
  if (slug && SLUG.test(slug)) {
    const business = await catalog.business(slug);
    if (business && business.slug === slug) {
      const services = await catalog.services(business.id);
      return { kind: "business", view: { business, category: categories.find((c) => c.id === business.categoryId) ?? null, services } };
    }
  }
  const market = { categories: await Promise.all(categories.map(async (category) => ({ category, businesses: await catalog.businesses(category.id) }))) };
  return { kind: "marketplace", market, missing: !!slug };
}

/**
 * `GET /`: the demo page (`?business=<slug>` for one business, `?lang=en` in English); an unknown business
 * answers 404 with the marketplace and a note. `GET /favicon.svg`: the site's icon (`/favicon.ico` points to it).
 */
export function registerDemoPage(app: FastifyInstance, catalog: CatalogPort): void {
  app.get("/", async (req, reply) => {
    const q = (req.query ?? {}) as { business?: unknown; lang?: unknown };
    const lang: Lang = q.lang === "en" ? "en" : "sq";
    const slug = typeof q.business === "string" && q.business ? q.business : undefined;
    const content = await loadPageContent(catalog, slug);
    reply.header("content-type", "text/html; charset=utf-8").header("cache-control", "no-cache").header("content-security-policy", PAGE_CSP);
    if (content.kind === "marketplace" && content.missing) reply.code(404);
    return demoPage(lang, content);
  });
  app.get("/favicon.svg", async (_req, reply) => {
    reply
      .header("content-type", "image/svg+xml; charset=utf-8")
      .header("cache-control", "public, max-age=86400")
      .header("content-security-policy", SCRIPT_CSP);
    return FAVICON_SVG;
  });
  app.get("/favicon.ico", async (_req, reply) => reply.redirect("/favicon.svg", 301));
}
