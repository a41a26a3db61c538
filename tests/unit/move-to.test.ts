// A move said "from one day to another": the day it goes to.
import { describe, expect, it } from "vitest";
import { dayShift, destination, fromTo, timeShift } from "../../core/nlu/move-to.ts";
import { parseWhen } from "../../core/nlu/when.ts";

const now = new Date("2026-11-30T07:00:00Z");
const reads = (part: string) => !!parseWhen(part, { now });

describe("fromTo and destination", () => {
  it("cuts the original text, diacritics kept", () => {
    expect(fromTo("a mundem ta kaloj fenirimin nga e mërkura te e enjtja në të njëjtën kohë?"))
      .toEqual({ before: "a mundem ta kaloj fenirimin", from: "e mërkura", to: "te e enjtja në të njëjtën kohë?" });
    expect(fromTo("move it from Wednesday to Thursday at 3")).toEqual({ before: "move it", from: "Wednesday", to: "to Thursday at 3" });
    expect(fromTo("could you move my massage on thursday to friday at the same time?"))
      .toEqual({ before: "could you move my massage", from: "thursday", to: "to friday at the same time?" });
  });

  it("leaves out the «from» part only when both parts name a day or time", () => {
    expect(destination("nga e mërkura te e enjtja në 10", reads)).toBe("te e enjtja në 10");
    expect(destination("prej të hënës për të premten", reads)).toBe("për të premten");
    expect(destination("from Wednesday to Friday", reads)).toBe("to Friday");
    expect(parseWhen(destination("ta kaloj për të premten nga ora 10 në 12", reads), { now })?.start.toISOString()).toBe("2026-12-04T11:00:00.000Z");
    expect(destination("nga Berberi Ardit te Kalaja të premten", reads)).toBe("nga Berberi Ardit te Kalaja të premten");
    expect(destination("të premten në 10", reads)).toBe("të premten në 10");
  });

  it("leaves out what names the booking: a part said «instead of», the clauses before the one saying «instead»", () => {
    const at = (text: string) => parseWhen(destination(text, reads), { now })?.start.toISOString();
    expect(destination("something came up on Thursday, can we do Friday instead? around 4pm", reads)).toBe("can we do Friday instead? around 4pm");
    expect(at("something came up on Thursday, can we do Friday instead? around 4pm")).toBe("2026-12-04T15:00:00.000Z");
    expect(at("can we do Friday at 4 instead of Thursday")).toBe("2026-12-04T15:00:00.000Z");
    expect(at("a mund ta bëjmë të premten në 4 pasdite në vend të së enjtes?")).toBe("2026-12-04T15:00:00.000Z");
    // One day only: the whole text, as before.
    expect(destination("Friday instead, at 4pm", reads)).toBe("Friday instead, at 4pm");
    expect(destination("instead of Thursday", reads)).toBe("instead of Thursday");
  });

  it("leaves out a weekday in the genitive, which names the booking, when another day or time is said", () => {
    expect(destination("qethjen e se premtes, a ka vend te shtunen ne 12?", reads)).toBe("qethjen , a ka vend te shtunen ne 12?");
    expect(destination("terminin e së hënës", reads)).toBe("terminin e së hënës");
  });

  it("leaves out a weekday said before a noun after «my» or «the», which names the booking", () => {
    expect(destination("change my Saturday massage to Sunday please", reads)).toBe("change  massage to Sunday please");
    expect(destination("move the Friday appointment to Monday at 10", reads)).toBe("move  appointment to Monday at 10");
    // A day said before a time or a part of the day is where it goes.
    expect(destination("can we do the Saturday morning instead", reads)).toBe("can we do the Saturday morning instead");
  });

  it("leaves out the clause saying the customer cannot come, which names the booking", () => {
    expect(destination("I can't make it Thursday, any chance for Friday same hour?", reads)).toBe("any chance for Friday same hour?");
    expect(destination("nuk vij dot të enjten, a keni vend të premten në 10?", reads)).toBe("a keni vend të premten në 10?");
    // Nothing after it that names a day or time: the whole text.
    expect(destination("I can't make it Thursday, sorry", reads)).toBe("I can't make it Thursday, sorry");
    // So does a first clause that says which booking the customer has.
    expect(destination("e kam qethjen te enjten ne 4, a mund ta kthejme ne 5?", reads)).toBe("a mund ta kthejme ne 5?");
    expect(destination("I have a haircut on Thursday at 4, can we make it 5?", reads)).toBe("can we make it 5?");
  });
});

describe("timeShift", () => {
  it("reads a booking's time moved by a stretch, later or earlier, in Albanian and English", () => {
    expect(timeShift("a mundem ta kaloj nderrimin e vajit nje ore me vone?")).toBe(60);
    expect(timeShift("can you make my blow-dry an hour and a half later?")).toBe(90);
    expect(timeShift("shtyje nje ore e gjysme")).toBe(90);
    expect(timeShift("gjysmë ore më herët")).toBe(-30);
    expect(timeShift("dy orë më vonë")).toBe(120);
    expect(timeShift("can we make it an hour later")).toBe(60);
    expect(timeShift("30 minutes earlier")).toBe(-30);
  });

  it("reads the direction from the verb: pushed back is later, brought forward earlier, «shtyj» later", () => {
    expect(timeShift("can you push my haircut back half an hour?")).toBe(30);
    expect(timeShift("bring it forward by an hour")).toBe(-60);
    expect(timeShift("ma shtyni terminin 30 minuta")).toBe(30);
    expect(timeShift("shtyjeni gjysmë ore")).toBe(30);
    expect(timeShift("a mund ta sjellim qethjen një orë më parë?")).toBe(-60);
    // "push it by", "delay it", «ta vonojmë»: later.
    expect(timeShift("can we push it by 30 minutes?")).toBe(30);
    expect(timeShift("delay it an hour please")).toBe(60);
    expect(timeShift("a mund ta vonojmë gjysmë ore?")).toBe(30);
    expect(timeShift("push it forward 30 min")).toBeNull();
  });

  it("is null without a stretch and a direction", () => {
    for (const t of ["të premten në 10", "po vonohem 10 minuta", "një orë", "later", "push it back to Friday", "shtyje për të premten"]) expect(timeShift(t), t).toBeNull();
  });
});

describe("dayShift", () => {
  it("reads a booking's day moved by days or weeks, later positive", () => {
    expect(dayShift("shtyje fenirimin një javë")).toBe(7);
    expect(dayShift("push it back a week")).toBe(7);
    expect(dayShift("bring it forward a day")).toBe(-1);
    expect(dayShift("dy ditë më herët")).toBe(-2);
    expect(dayShift("could we do it the day after at the same time?")).toBe(1);
    expect(dayShift("move it to the day before")).toBe(-1);
    expect(dayShift("a mund ta shtyj për ditën tjetër në të njëjtën orë?")).toBe(1);
  });

  it("is null for a day named, a time moved, or the day after tomorrow", () => {
    for (const t of ["the day after tomorrow", "push my haircut back by 2 hours", "shtyje për të premten", "a week", "javën tjetër", "një ditë tjetër", "ditën tjetër të javës"]) expect(dayShift(t), t).toBeNull();
  });
});
