import { describe, expect, it } from "vitest";
import { meansAll } from "../../core/nlu/all-of-them.ts";

describe("meansAll", () => {
  it.each(["cancel all my bookings", "cancel both", "cancel them all", "anuloni të dy terminet", "anuloji të gjitha", "anuloni krejt rezervimet", "anuloni gjithçka që kam rezervuar", "cancel everything"])(
    "reads «%s» as all of one's bookings",
    (text) => expect(meansAll(text)).toBe(true),
  );

  it.each(["cancel my booking", "that's all", "all good, cancel the massage", "anuloje", "anulo masazhin", "everything is fine"])(
    "does not read «%s» so",
    (text) => expect(meansAll(text)).toBe(false),
  );
});
