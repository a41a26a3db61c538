import { describe, expect, it } from "vitest";
import { minutesSaid } from "../../core/nlu/intent.ts";
import { asksToComplain, complaintTold, speaksOfSpecialNeeds } from "../../core/nlu/support-words.ts";

describe("what a support request tells", () => {
  it.each([
    ["I want to make a complaint", false],
    ["it's a complaint about a booking", false],
    ["si mund të ankohem për një biznes?", false],
    ["dua të bëj një ankesë", false],
    ["dua të ankohem për Berberin Ardit, më vonuan një orë", true],
    ["kam një ankesë për rezervimin e nesërm: më thanë që çmimi është më i lartë", true],
  ] as const)("«%s» asks to complain, and tells what happened: %s", (text, told) => {
    expect(asksToComplain(text)).toBe(true);
    expect(complaintTold(text)).toBe(told);
  });

  it("tells special needs from other requests", () => {
    for (const t of ["wheelchair access for my mother", "djali im ka autizëm", "kam nevojë për ndihmë të specializuar", "my wife is pregnant"]) expect(speaksOfSpecialNeeds(t), t).toBe(true);
    for (const t of ["the payment page keeps crashing", "berberi më vonoi një orë", "I want to make a complaint"]) expect(speaksOfSpecialNeeds(t), t).toBe(false);
  });

  it("reads the minutes until arriving as a delay's", () => {
    expect(minutesSaid("stuck in traffic, I'll be there in 20")).toBe(20);
    expect(minutesSaid("running about 15 min late")).toBe(15);
    expect(minutesSaid("gonna be a few minutes late, 10 max")).toBe(10);
  });
});
