import { describe, expect, it } from "vitest";
import { validEmail, validName, validPhone } from "../../dialogs/booking/validate.ts";
import { formatDayTime, formatPrice } from "../../core/format.ts";

describe("contact validation", () => {
  it("accepts real names with Albanian letters and rejects digits, one letter or 81+ characters", () => {
    expect(validName("  Arta   Hoxha ")).toBe("Arta Hoxha");
    expect(validName("Çlirim Ëndërr-Kola")).toBe("Çlirim Ëndërr-Kola");
    expect(validName("O'Brien")).toBe("O'Brien");
    expect(validName("A")).toBeNull();
    expect(validName("Arta 2")).toBeNull();
    expect(validName("a".repeat(81))).toBeNull();
    expect(validName("<script>")).toBeNull();
  });

  it("takes a name of 1 to 4 words, not a sentence", () => {
    expect(validName("Maria José Gómez Ruiz")).toBe("Maria José Gómez Ruiz");
    expect(validName("Faleminderit Nuk me vjen SMS ja")).toBeNull();
    expect(validName("Arta - Hoxha")).toBeNull();
  });

  it("accepts emails and lowercases them", () => {
    expect(validEmail(" Arta@Example.AL ")).toBe("arta@example.al");
    expect(validEmail("arta@")).toBeNull();
    expect(validEmail("arta example.al")).toBeNull();
  });

  it("reads Albanian phone numbers in every usual form as E.164", () => {
    expect(validPhone("069 123 4567")).toBe("+355691234567");
    expect(validPhone("0691234567")).toBe("+355691234567");
    expect(validPhone("+355 69 123 4567")).toBe("+355691234567");
    expect(validPhone("00355691234567")).toBe("+355691234567");
    expect(validPhone("+44 20 7946 0958")).toBe("+442079460958");
    expect(validPhone("12345")).toBeNull();
    expect(validPhone("telefoni im")).toBeNull();
  });
});

describe("formatting for customers", () => {
  it("writes Tirana wall-clock time in Albanian, 24-hour, across DST", () => {
    expect(formatDayTime("sq", new Date("2026-11-26T09:00:00Z"), "Europe/Tirane")).toBe("e enjte, 26 nëntor në 10:00");
    expect(formatDayTime("sq", new Date("2026-10-24T08:00:00Z"), "Europe/Tirane")).toBe("e shtunë, 24 tetor në 10:00");
    expect(formatDayTime("sq", new Date("2026-10-25T09:00:00Z"), "Europe/Tirane")).toBe("e diel, 25 tetor në 10:00");
    expect(formatDayTime("en", new Date("2027-03-28T08:00:00Z"), "Europe/Tirane")).toBe("Sunday 28 March at 10:00");
  });

  it("writes lek with sq grouping from five digits", () => {
    expect(formatPrice("sq", 1500)).toBe("1500 lekë");
    expect(formatPrice("sq", 15000).replace(/\s/g, " ")).toBe("15 000 lekë");
    expect(formatPrice("sq", 1)).toBe("1 lek");
  });
});
