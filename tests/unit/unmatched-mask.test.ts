import { describe, expect, it } from "vitest";
import { maskUnmatched } from "../../bots/digest/mask.ts";

describe("masking a message the bot did not understand", () => {
  it("keeps the words and hides phones, emails, links and numbers", () => {
    expect(maskUnmatched("A mund të më telefononi në 069 123 4567?")).toBe("a mund të më telefononi në [phone] ?");
    expect(maskUnmatched("shkruani te Arta.Hoxha+1@gmail.com ju lutem")).toBe("shkruani te [email] ju lutem");
    expect(maskUnmatched("shiko https://example.com/rez?id=42")).toBe("shiko [link]");
    expect(maskUnmatched("kam 2 fëmijë, 7 dhe 12 vjeç")).toBe("kam # fëmijë, # dhe # vjeç");
    expect(maskUnmatched("  DUA   Çmimin\n\nTANI ")).toBe("dua çmimin tani");
  });
});
