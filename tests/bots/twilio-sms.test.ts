import { describe, expect, it } from "vitest";
import { coversChannel, optKeyword } from "../../core/optout/service.ts";
import { isGsm7, packSms, smsSegments, smsText } from "../../bots/twilio/sms.ts";
import { plainLabel, renderNumbered } from "../../bots/render.ts";
import { t } from "../../locales/i18n.ts";

describe("SMS segments and GSM-7", () => {
  it("counts GSM-7 and UCS-2 segments the way carriers do", () => {
    expect(smsSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSegments("a".repeat(161)).segments).toBe(2);
    expect(smsSegments("a".repeat(306)).segments).toBe(2);
    expect(smsSegments("a".repeat(307)).segments).toBe(3);
    // Extension characters take two septets.
    expect(smsSegments("€".repeat(80))).toMatchObject({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(smsSegments("€".repeat(81)).segments).toBe(2);
    // One ë makes the whole message UCS-2: 70 per segment, 67 when split.
    expect(smsSegments("ë" + "a".repeat(69))).toMatchObject({ encoding: "UCS-2", segments: 1 });
    expect(smsSegments("ë" + "a".repeat(70)).segments).toBe(2);
  });

  it("turns Albanian text into GSM-7 (ë -> e, ç -> c, · -> -, emoji dropped)", () => {
    const out = smsText("✅ Rezervimi u konfirmua! Çmimi · 800 lekë «mirë»");
    expect(out).toBe('Rezervimi u konfirmua! Cmimi - 800 leke "mire"');
    expect(isGsm7(out)).toBe(true);
  });

  it("keeps each SMS within two segments, splitting a long list between items", () => {
    const list = ["Zgjidhni orarin:", ...Array.from({ length: 30 }, (_, i) => `${i + 1}. e enjte, 26 nëntor në ${String(8 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`)].join("\n");
    const parts = packSms([list]);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(smsSegments(p)).toMatchObject({ encoding: "GSM-7" });
      expect(smsSegments(p).segments).toBeLessThanOrEqual(2);
    }
    // No item is cut in half, nothing is lost.
    const lines = parts.join("\n").split("\n");
    for (let i = 1; i <= 30; i++) expect(lines.filter((l) => l.startsWith(`${i}. e enjte, 26 nentor ne `))).toHaveLength(1);
  });

  it("puts short replies of one turn into one SMS", () => {
    const parts = packSms(["Emri juaj u ruajt.", "Cili është email-i juaj?"]);
    expect(parts).toEqual(["Emri juaj u ruajt.\n\nCili eshte email-i juaj?"]);
    expect(smsSegments(parts[0]).segments).toBe(1);
  });

  it("cuts a single over-long line at word boundaries", () => {
    const long = Array.from({ length: 120 }, (_, i) => `fjala${i}`).join(" ");
    const parts = packSms([long]);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(smsSegments(p).segments).toBeLessThanOrEqual(2);
    expect(parts.join(" ")).toBe(long);
  });

  it("numbers choices without their decoration, so no stray quote marks reach the SMS", () => {
    const replies = [
      { text: t("sq", "booking:askDay"), choices: [{ id: "d:1", label: "enj, 26 nën" }, { id: "more", label: t("sq", "booking:moreDays") }] },
      { text: "Zgjidhni:", choices: [{ id: "ch:sms", label: "✓ SMS" }, { id: "ok", label: t("sq", "booking:confirmYes") }, { id: "g.back", label: t("sq", "common:actions.back") }, { id: "x", label: "➡️ Vazhdo →" }] },
    ];
    const [sms] = packSms(renderNumbered(replies, { gsm7: true }));
    const lines = sms.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(lines).toEqual(["1. enj, 26 nen", "2. Me shume dite", "3. SMS", "4. Konfirmo", "5. Mbrapa", "6. Vazhdo"]);
    for (const l of lines) expect(l).not.toMatch(/["']/);
    // WhatsApp and the terminal keep the letters, only the marks go.
    expect(renderNumbered(replies)[1]).toContain("5. Mbrapa");
    expect(plainLabel("Prerje flokësh · 30 min · 800 lekë")).toBe("Prerje flokësh · 30 min · 800 lekë");
  });

  it("recognises opt-out and opt-in keywords in any case, and nothing else", () => {
    for (const w of ["STOP", "stop", "Stop.", "NDALO", "ndalo!", "Unsubscribe", "STOP ALL"]) expect(optKeyword(w)).toBe("stop");
    for (const w of ["START", "start", "Fillo", "UNSTOP"]) expect(optKeyword(w)).toBe("start");
    for (const w of ["stop the booking please", "ndalo rezervimin", "1", "PO", ""]) expect(optKeyword(w)).toBeNull();
  });

  it("reads an opt-out the same way for replies, reminders and codes: one channel, or all of them", () => {
    expect(coversChannel("sms", "sms")).toBe(true);
    expect(coversChannel("sms", "whatsapp")).toBe(false);
    for (const all of ["all", "*"]) for (const ch of ["sms", "whatsapp"]) expect(coversChannel(all, ch)).toBe(true);
    expect(coversChannel(null, "sms")).toBe(false);
  });
});
