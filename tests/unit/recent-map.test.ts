import { expect, it } from "vitest";
import { RecentMap } from "../../core/recent.ts";

it("keeps only the most recently written chats, however many it has seen", () => {
  const m = new RecentMap<string, number[]>(3);
  for (let i = 0; i < 1000; i++) m.set(`chat${i}`, [i]);
  expect(m.size).toBe(3);
  expect(m.get("chat0")).toBeUndefined();
  expect(m.get("chat999")).toEqual([999]);
  // Writing an old chat again makes it the most recent one: the oldest other one goes instead.
  m.set("chat997", [1, 2]);
  m.set("new", [3]);
  expect(m.get("chat997")).toEqual([1, 2]);
  expect(m.get("chat998")).toBeUndefined();
  expect(m.delete("chat999")).toBe(true);
  expect(m.size).toBe(2);
});
