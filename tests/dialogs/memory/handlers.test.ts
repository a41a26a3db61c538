import { describe, expect, it } from "vitest";
import type { HandlerTurn, MessageHandler } from "../../../core/conversation/dialog.ts";
import type { InboundMessage } from "../../../core/conversation/messages.ts";
import { memoryWorld } from "../../support/memory/index.ts";

// Wednesday 25 November 2026, 09:00 in Tirana.
const NOW = "2026-11-25T08:00:00Z";

/** A handler that answers one word and notes every message it was asked about. */
function answering(word: string, reply: string, opts: { priority: number; gate?: boolean; seen: { text: string; typedChoice: string | null }[] }): MessageHandler {
  return {
    name: `answers ${word}`,
    priority: opts.priority,
    gate: opts.gate,
    async handle(msg: InboundMessage, turn: HandlerTurn) {
      if (msg.content.kind !== "text") return null;
      opts.seen.push({ text: msg.content.text, typedChoice: turn.typedChoice });
      return msg.content.text.trim().toLowerCase() === word ? [{ text: reply }] : null;
    },
  };
}

describe("message handlers inside the engine's turn", () => {
  it("run after the global keywords, by priority; an answer ends the turn and leaves the state as it was", async () => {
    const world = memoryWorld({ now: NOW });
    const seen: { text: string; typedChoice: string | null }[] = [];
    world.engine.useHandlers([
      answering("po", "second", { priority: 20, seen }),
      answering("po", "first", { priority: 10, seen }),
    ]);
    const bot = world.chat();
    await bot.send("menu").expect(/Zgjidhni më poshtë/);
    // "menu" is a keyword: the engine acted on it before any handler was asked.
    expect(seen).toEqual([]);

    const before = bot.state;
    await bot.send("po").check((b) => expect(b.last).toEqual([{ text: "first" }]));
    expect(bot.state).toEqual(before);

    // Typed text naming a choice of the last prompt: the handlers are told what the engine's matcher read.
    await bot.send("1");
    expect(seen.at(-1)).toEqual({ text: "1", typedChoice: expect.stringMatching(/\./) });
  });

  it("a gate runs before the global keywords", async () => {
    const world = memoryWorld({ now: NOW });
    const seen: { text: string; typedChoice: string | null }[] = [];
    world.engine.useHandlers([answering("menu", "gated", { priority: 30, gate: true, seen })]);
    const bot = world.chat();
    await bot.send("menu").check((b) => expect(b.last).toEqual([{ text: "gated" }]));
  });
});
