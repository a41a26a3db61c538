import { describe, expect, it } from "vitest";
import { partySize } from "../../core/nlu/party.ts";

describe("partySize: how many people a booking request is for", () => {
  it("reads counts and «me and my …» in both languages", () => {
    expect(partySize("I'd like to book for two people, me and my wife")).toBe(2);
    expect(partySize("dy qethje te Ardit nesër në 10")).toBe(2);
    expect(partySize("për mua dhe gruan time një masazh")).toBe(2);
    expect(partySize("for 3 of us")).toBe(3);
    expect(partySize("për tre veta")).toBe(3);
  });

  it("reads one person where no one else is said", () => {
    for (const text of ["haircut at Ardit tomorrow at 2", "a massage at 2", "dy orë më vonë", "2 December at 10", "për djalin tim"]) expect(partySize(text), text).toBeNull();
  });
});
