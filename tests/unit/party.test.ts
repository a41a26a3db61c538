import { describe, expect, it } from "vitest";
import { companion, forAnother, partySize } from "../../core/nlu/party.ts";

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

describe("forAnother: a booking request for someone else than the customer", () => {
  it("reads «for my sister», «book my wife in», «për djalin tim», «rezervoji edhe motrës sime»", () => {
    for (const text of ["can you book my sister in for a manicure at the same time too?", "a haircut for my son", "my friend needs one too",
      "nje qethje per djalin tim", "rezervoji edhe motres sime", "edhe për vajzën time"]) expect(forAnother(text), text).toBe(true);
  });

  it("reads no one else in «me and my wife», «my sister's wedding» or «dasma e motrës sime»", () => {
    for (const text of ["for me and my wife", "për mua dhe gruan time", "event make-up for my sister's wedding",
      "grim për dasmën e motrës sime", "dua një manikyr", "with my sister", "a mund të vij me gruan time nesër?"]) expect(forAnother(text), text).toBe(false);
  });
});

describe("companion: the other person of a request for two", () => {
  it("is said apart from the customer's own request", () => {
    expect(companion("haircuts for me and my little boy at Ardit on Friday at 10am")).toEqual({ who: "my little boy", alone: "haircuts for me at Ardit on Friday at 10am" });
    expect(companion("qethje për mua dhe djalin tim të vogël te Ardit")).toEqual({ who: "djalin tim të vogël", alone: "qethje për mua te Ardit" });
    expect(partySize("haircuts for me and my little boy")).toBe(2);
  });

  it("is the one of a counted request said for someone («two haircuts, one for my little boy»)", () => {
    expect(companion("two haircuts at Ardit on Friday at 4pm, one for my little boy")).toEqual({ who: "my little boy", alone: "two haircuts at Ardit on Friday at 4pm, for me" });
    expect(companion("two haircuts, one for me and one for my little boy, at Ardit")).toEqual({ who: "my little boy", alone: "two haircuts, for me, at Ardit" });
    expect(companion("dy qethje, një për mua dhe një për vajzën time, te Ardit")).toEqual({ who: "vajzën time", alone: "dy qethje, për mua, te Ardit" });
    expect(companion("dy qethje te Ardit, njëra për djalin tim të vogël")).toEqual({ who: "djalin tim të vogël", alone: "dy qethje te Ardit, për mua" });
    for (const text of ["një për mua", "one for me please", "dy qethje, njëra në 10"]) expect(companion(text), text).toBeNull();
  });

  it("is null where no one is said with the customer", () => {
    for (const text of ["dy qethje te Ardit", "a haircut for my son", "haircut at Ardit"]) expect(companion(text), text).toBeNull();
  });
});
