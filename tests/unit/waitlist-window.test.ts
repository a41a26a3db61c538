import { describe, expect, it } from "vitest";
import { readWindow } from "../../core/waitlist/window.ts";

describe("readWindow", () => {
  it.each([
    ["mornings only", { fromMin: 0, toMin: 720 }],
    ["afternoons", { fromMin: 720, toMin: 1080 }],
    ["evenings are best", { fromMin: 1020, toMin: 1440 }],
    ["pasdite", { fromMin: 720, toMin: 1080 }],
    ["nga 14 deri 17", { fromMin: 840, toMin: 1020 }],
  ])("reads «%s»", (text, window) => expect(readWindow(text)).toEqual(window));
});
