import { describe, expect, it } from "vitest";
import { checkInbound, cleanText, INBOUND_TEXT_LIMIT } from "../../core/conversation/sanitize.ts";

describe("cleanText", () => {
  it("removes NUL and other control characters but keeps newline and tab", () => {
    expect(cleanText("Ber\u0000ber")).toBe("Berber");
    expect(cleanText("a\u0001\u0007\u001b[2Jb\u007f\u0085c")).toBe("a[2Jbc");
    expect(cleanText("rreshti 1\n\trreshti 2")).toBe("rreshti 1\n\trreshti 2");
    expect(cleanText("një\r\ndy\rtre")).toBe("një\ndy\ntre");
  });

  it("removes lone surrogates and keeps real pairs (emoji)", () => {
    expect(cleanText("x\ud800y")).toBe("xy");
    expect(cleanText("x\udfffy")).toBe("xy");
    expect(cleanText("\udc00\ud800")).toBe("");
    expect(cleanText("ok 🙂\ud83d")).toBe("ok 🙂");
    expect(cleanText("💈✂️")).toBe("💈✂️");
  });

  it("removes bidi overrides and isolates, keeps every script as typed", () => {
    expect(cleanText("\u202eevil\u202c \u2066iso\u2069")).toBe("evil iso");
    expect(cleanText("Çfarë orari keni të enjten? Ελλάδα مرحبا")).toBe("Çfarë orari keni të enjten? Ελλάδα مرحبا");
  });
});

describe("checkInbound", () => {
  const address = { channel: "sms" as const, externalId: "+355691234567\u0000" };

  it("cleans every string of the message: text, address, message id, profile", () => {
    const { msg, tooLong } = checkInbound({ address, messageId: "SM\ud8001", content: { kind: "text", text: "PO\u0000" }, profile: { name: "Arta\u202e" } });
    expect(tooLong).toBeUndefined();
    expect(msg).toEqual({ address: { channel: "sms", externalId: "+355691234567" }, messageId: "SM1", content: { kind: "text", text: "PO" }, profile: { name: "Arta" } });
  });

  it("flags text over the channel's limit instead of cutting it", () => {
    const max = INBOUND_TEXT_LIMIT.sms;
    expect(checkInbound({ address, messageId: "1", content: { kind: "text", text: "a".repeat(max) } }).tooLong).toBeUndefined();
    const over = checkInbound({ address, messageId: "2", content: { kind: "text", text: "a".repeat(max + 1) } });
    expect(over.tooLong).toBe(max);
  });
});
