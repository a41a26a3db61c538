import { describe, expect, it } from "vitest";
import { readNotifyWish } from "../../dialogs/manage/notify-words.ts";

describe("readNotifyWish: a typed answer at the reminder channels", () => {
  it("reads channels wanted, not wanted, and «only» / «instead»", () => {
    expect(readNotifyWish("edhe sms")).toEqual({ kind: "set", add: ["sms"], remove: [], only: false });
    expect(readNotifyWish("vetëm me email")).toEqual({ kind: "set", add: ["email"], remove: [], only: true });
    expect(readNotifyWish("jo me sms")).toEqual({ kind: "set", add: [], remove: ["sms"], only: false });
    expect(readNotifyWish("stop the emails")).toEqual({ kind: "set", add: [], remove: ["email"], only: false });
    expect(readNotifyWish("email instead of sms")).toEqual({ kind: "set", add: ["email"], remove: ["sms"], only: true });
    expect(readNotifyWish("në vend të sms-it me email")).toEqual({ kind: "set", add: ["email"], remove: ["sms"], only: true });
    expect(readNotifyWish("text me")).toEqual({ kind: "set", add: ["sms"], remove: [], only: false });
    expect(readNotifyWish("mos me dergoni sms, vetem email")).toEqual({ kind: "set", add: ["email"], remove: ["sms"], only: true });
    expect(readNotifyWish("don't send me any texts, email only")).toEqual({ kind: "set", add: ["email"], remove: ["sms"], only: true });
  });

  it("reads «back to the default» and «that's all»; anything else is not an answer here", () => {
    expect(readNotifyWish("si më parë")).toEqual({ kind: "reset" });
    expect(readNotifyWish("back to default")).toEqual({ kind: "reset" });
    expect(readNotifyWish("mjaft, faleminderit")).toEqual({ kind: "done" });
    expect(readNotifyWish("that's all")).toEqual({ kind: "done" });
    expect(readNotifyWish("i have a question")).toBeNull();
    expect(readNotifyWish("what channels are there?")).toBeNull();
  });
});
