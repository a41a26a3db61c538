import { isValidPhoneNumber } from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { freeDays } from "../../core/availability/slots.ts";
import { parseHm } from "../../core/availability/wallclock.ts";
import { businesses, categories } from "../../prisma/seed/catalog.ts";

const REQUIRED_CATEGORIES = ["berber", "sallon-bukurie", "klinike-dentare", "fizioterapi", "spa-masazh", "auto-servis"];
const HM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

describe("demo catalog data", () => {
  it("has exactly the category slugs the rest of the code relies on, with Albanian names", () => {
    expect(categories.map((c) => c.slug).sort()).toEqual([...REQUIRED_CATEGORIES].sort());
    const sq = Object.fromEntries(categories.map((c) => [c.slug, c.nameSq]));
    expect(sq["klinike-dentare"]).toBe("Klinikë dentare");
    expect(sq["spa-masazh"]).toBe("Spa & masazh");
    for (const c of categories) expect(c.nameEn.length).toBeGreaterThan(0);
  });

  it("has unique business slugs and Tirana's first barber is berberi-ardit", () => {
    const slugs = businesses.map((b) => b.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const s of slugs) expect(s).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const firstTiranaBarber = businesses.find((b) => b.category === "berber" && b.city === "Tiranë");
    expect(firstTiranaBarber?.slug).toBe("berberi-ardit");
  });

  it("keeps the city out of the street address, so messages do not say it twice", () => {
    for (const b of businesses) expect(b.address, b.slug).not.toMatch(new RegExp(`${b.city}\\s*$`));
  });

  it("puts at least two businesses in every category, across the four cities", () => {
    expect(businesses.length).toBeGreaterThanOrEqual(12);
    for (const slug of REQUIRED_CATEGORIES) {
      expect(businesses.filter((b) => b.category === slug).length, slug).toBeGreaterThanOrEqual(2);
    }
    for (const b of businesses) expect(REQUIRED_CATEGORIES).toContain(b.category);
    expect(new Set(businesses.map((b) => b.city))).toEqual(new Set(["Tiranë", "Durrës", "Vlorë", "Shkodër"]));
  });

  it("has valid, non-overlapping opening hours (HH:MM, open before close)", () => {
    for (const b of businesses) {
      const days = Object.entries(b.openingHours);
      expect(days.length, b.slug).toBeGreaterThan(0);
      for (const [day, intervals] of days) {
        expect(["0", "1", "2", "3", "4", "5", "6"]).toContain(day);
        let lastClose = -1;
        for (const { open, close } of intervals ?? []) {
          expect(open, `${b.slug} ${day}`).toMatch(HM);
          expect(close, `${b.slug} ${day}`).toMatch(HM);
          expect(parseHm(open), `${b.slug} ${day} ${open}-${close}`).toBeLessThan(parseHm(close));
          expect(parseHm(open), `${b.slug} ${day} overlaps`).toBeGreaterThanOrEqual(lastClose);
          lastClose = parseHm(close);
        }
      }
    }
    // Most businesses close on Sunday; some take a lunch break.
    expect(businesses.filter((b) => !b.openingHours["0"]?.length).length).toBeGreaterThan(businesses.length / 2);
    expect(businesses.some((b) => (b.openingHours["1"]?.length ?? 0) > 1)).toBe(true);
  });

  it("gives every business 2-5 services with names in both languages, a duration and a price", () => {
    for (const b of businesses) {
      expect(b.services.length, b.slug).toBeGreaterThanOrEqual(2);
      expect(b.services.length, b.slug).toBeLessThanOrEqual(5);
      expect(new Set(b.services.map((s) => s.nameSq)).size, b.slug).toBe(b.services.length);
      for (const s of b.services) {
        expect(s.nameSq.trim()).not.toBe("");
        expect(s.nameEn.trim()).not.toBe("");
        expect(Number.isInteger(s.durationMin) && s.durationMin > 0).toBe(true);
        expect(Number.isInteger(s.priceLek) && s.priceLek > 0).toBe(true);
      }
    }
    const haircut = businesses.find((b) => b.slug === "berberi-ardit")!.services[0];
    expect(haircut).toMatchObject({ nameSq: "Prerje flokësh", durationMin: 30, priceLek: 800 });
  });

  it("uses well-formed Albanian phone numbers and sane booking rules", () => {
    for (const b of businesses) {
      expect(b.phone, b.slug).toMatch(/^\+355\d{8,9}$/);
      expect(isValidPhoneNumber(b.phone), b.phone).toBe(true);
      expect(b.capacity).toBeGreaterThanOrEqual(1);
      expect(b.minNoticeMin).toBe(60);
      expect(b.horizonDays).toBe(30);
      expect([24, 48]).toContain(b.cancelWindowHours);
      expect([10, 15]).toContain(b.lateToleranceMin);
      for (const d of b.closedDates) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(b.paymentMode === "deposit").toBe(b.depositLek !== undefined && b.depositLek > 0);
    }
    const modes = businesses.map((b) => b.paymentMode);
    expect(modes.filter((m) => m === "deposit")).toHaveLength(1);
    expect(modes.filter((m) => m === "card")).toHaveLength(1);
    expect(businesses.filter((b) => b.cancelWindowHours === 48)).toHaveLength(1);
  });

  it("lets every service of every business be booked in the coming week", () => {
    const now = new Date("2026-11-16T07:00:00Z"); // a Monday morning in Tirana
    for (const b of businesses) {
      for (const s of b.services) {
        const days = freeDays({
          now, timeZone: "Europe/Tirane", openingHours: b.openingHours, closedDates: b.closedDates,
          durationMin: s.durationMin, slotStepMin: b.slotStepMin, capacity: b.capacity,
          minNoticeMin: b.minNoticeMin, horizonDays: 7, busy: [],
        }, 7);
        expect(days.length, `${b.slug}: ${s.nameSq}`).toBeGreaterThanOrEqual(5);
      }
    }
  });
});
