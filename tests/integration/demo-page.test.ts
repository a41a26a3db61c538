import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPrice } from "../../core/format.ts";
import { startTestServer, type TestServer } from "../support/server.ts";

/** The text of an HTML fragment, tags removed and entities of the page's escaping decoded. */
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#(\d+);/g, (_m, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, "&").replace(/\s+/g, " ");

describe("the demo page", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());
  const get = (path: string) => fetch(server.url + path, { redirect: "manual" });

  it("at / presents the whole marketplace, every business linked, and the widget starts at the menu", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    const html = await res.text();
    const businesses = await server.db.prisma.business.findMany({ include: { category: true } });
    expect(businesses.length).toBeGreaterThan(10);
    for (const b of businesses) {
      expect(html).toContain(`<a href="/?business=${b.slug}">`);
      expect(text(html)).toContain(b.name);
      expect(text(html)).toContain(b.category.nameSq);
    }
    expect(text(html)).toContain(`${businesses.length} biznese në Rezervo`);
    expect(html).toMatch(/<html lang="sq">/);
    expect(html).not.toContain("data-business");
    // Nothing of one salon on the marketplace page.
    expect(html).not.toMatch(/sallonin tonë/);
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
  });

  it("with ?business= presents that business only: services with prices, opening hours, address; the widget starts there", async () => {
    const b = await server.db.prisma.business.findUniqueOrThrow({ where: { slug: "berberi-ardit" }, include: { services: true, category: true } });
    const res = await get("/?business=berberi-ardit");
    expect(res.status).toBe(200);
    const html = await res.text();
    const page = text(html);
    expect(html).toMatch(/<h1>Berberi Ardit<\/h1>/);
    expect(html).toContain('<script src="/widget.js" data-business="berberi-ardit" data-lang="sq" defer></script>');
    for (const s of b.services) expect(page).toContain(`${s.nameSq} · ${s.durationMin} min · ${formatPrice("sq", s.priceLek)}`);
    expect(page).toContain(`${b.category.nameSq} · ${b.city}`);
    expect(page).toMatch(/e hënë 09:00–20:00/);
    expect(page).toMatch(/e diel mbyllur/);
    expect(page).toContain(b.address);
    // No other business is presented.
    const other = await server.db.prisma.business.findFirstOrThrow({ where: { slug: { not: "berberi-ardit" } } });
    expect(page).not.toContain(other.name);
    expect(html).toContain('<a href="/">Të gjitha bizneset</a>');
  });

  it("speaks English with ?lang=en, links keeping the language", async () => {
    const html = await (await get("/?lang=en")).text();
    expect(html).toMatch(/<html lang="en">/);
    expect(text(html)).toContain("Find and book services near you");
    expect(html).toContain('<a href="/?business=berberi-ardit&amp;lang=en">');
    const one = text(await (await get("/?business=berberi-ardit&lang=en")).text());
    expect(one).toContain("Haircut · 30 min");
    expect(one).toMatch(/Monday 09:00–20:00/);
  });

  it("answers an unknown business with 404, the marketplace and a note; the widget is not told the slug", async () => {
    for (const slug of ["nuk-ekziston", "<script>", "x".repeat(200)]) {
      const res = await get(`/?business=${encodeURIComponent(slug)}`);
      expect(res.status).toBe(404);
      const html = await res.text();
      expect(text(html)).toContain("Biznesi që kërkuat nuk u gjet");
      expect(html).toContain("Berberi Ardit");
      expect(html).not.toContain("data-business");
      expect(html).not.toContain("<script>\"");
    }
    // A business id is not a slug: the page addresses businesses by slug only.
    const b = await server.db.prisma.business.findFirstOrThrow();
    expect((await get(`/?business=${b.id}`)).status).toBe(404);
  });

  it("serves its favicon as SVG, allowed by the page's CSP (img-src 'self')", async () => {
    const res = await get("/favicon.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|on[a-z]+=/i);
    const csp = (await get("/")).headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/img-src 'self'/);
    const ico = await get("/favicon.ico");
    expect(ico.status).toBe(301);
    expect(ico.headers.get("location")).toBe("/favicon.svg");
  });
});
