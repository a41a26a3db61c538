import { describe, expect, it } from "vitest";
import { codeIn, contactIn } from "../../dialogs/manage/verify.ts";

describe("the email or phone a customer proves, said alone or in a sentence", () => {
  it("finds one email or one phone number in what is typed", () => {
    expect(contactIn("arta@example.com")).toBe("arta@example.com");
    expect(contactIn("my email is Arta.Hoxha@Example.com.")).toBe("arta.hoxha@example.com");
    expect(contactIn("e kam bërë me emailin arta@example.al")).toBe("arta@example.al");
    expect(contactIn("069 123 4567")).toBe("+355691234567");
    expect(contactIn("rezervova me numrin 0691234567")).toBe("+355691234567");
    expect(contactIn("sure, it's +355 69 123 4567")).toBe("+355691234567");
    expect(contactIn("actually send it to my phone instead: 069-123-4567")).toBe("+355691234567");
  });

  it("finds none in a code, a date or a sentence without one, and none when two different ones are given", () => {
    expect(contactIn("482913")).toBeNull();
    expect(contactIn("4 dhjetor ne 10")).toBeNull();
    expect(contactIn("I didn't get any code")).toBeNull();
    expect(contactIn("arta@example.com or 069 123 4567")).toBeNull();
  });
});

describe("the one-time code typed back", () => {
  it("reads the digits alone, with spaces or a full stop, and six digits said in a sentence", () => {
    expect(codeIn("482913")).toBe("482913");
    expect(codeIn(" 482 913 ")).toBe("482913");
    expect(codeIn("482913.")).toBe("482913");
    expect(codeIn("kodi është 482913")).toBe("482913");
    expect(codeIn("the code is 482-913")).toBe("482913");
  });

  it("reads no code in a phone number, in two numbers, or in words alone", () => {
    expect(codeIn("my number is 069 123 4567")).toBeNull();
    expect(codeIn("482913 or 123456?")).toBeNull();
    expect(codeIn("s'më ka ardhur kodi")).toBeNull();
  });
});
