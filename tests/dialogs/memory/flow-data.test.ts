import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Flow } from "../../../dialogs/engine/types.ts";
import { memoryWorld } from "../../support/memory/index.ts";

const NOW = "2026-11-25T08:00:00Z"; // Wednesday 25 November 2026, 09:00 in Tirana
const SORRY = /Më vjen keq, diçka në këtë bisedë nuk shkoi si duhet, ndaj po nisim sërish nga menyja/;

/** Warnings the engine logs, kept to read. */
function captureLog() {
  const warnings: { obj: Record<string, unknown>; msg: string }[] = [];
  return { warnings, log: { warn: (obj: Record<string, unknown>, msg: string) => void warnings.push({ obj, msg }) } as never };
}

/** A flow of the test's own: its steps hand on data that does not fit the flows they name. */
const probe: Flow = {
  start: "ask",
  data: z.object({ count: z.number().optional() }),
  steps: {
    ask: {
      async prompt() {
        return [{ text: "probe", choices: [{ id: "bad-entry", label: "bad entry" }, { id: "bad-step", label: "bad step" }, { id: "good", label: "good" }] }];
      },
      async handle(_state, input) {
        if (input.kind !== "choice") return { type: "unknown" };
        // A service id must be a string: data passed into the booking flow is checked on the way in.
        if (input.value === "bad-entry") return { type: "flow", flow: "booking", step: "day", data: { serviceId: 42 } };
        // This flow's own data after a step is checked too.
        if (input.value === "bad-step") return { type: "next", step: "done", data: { count: "three" } };
        return { type: "next", step: "done", data: { count: 3 } };
      },
    },
    done: {
      async prompt(state) {
        return [{ text: `count ${String(state.data.count)}` }];
      },
      async handle() {
        return { type: "unknown" };
      },
    },
  },
};

describe("flow data is checked against each flow's schema", () => {
  it("data passed into a flow that does not fit it: an apology and the menu, logged without the values", async () => {
    const { warnings, log } = captureLog();
    const world = memoryWorld({ now: NOW, flows: { probe }, log });
    const bot = world.chat();
    await bot.start()
      .check((b) => { b.state = { ...b.state, flow: "probe", step: "ask" }; })
      .send("ndihmë").expect(/probe/)
      .send({ choice: "bad entry" }).expect(SORRY).expect(/Zgjidhni më poshtë/)
      .check((b) => expect(b.state.flow).toBe("menu"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].obj).toMatchObject({ flow: "booking", where: "enter", issues: [{ path: "serviceId", code: "invalid_type" }] });
    expect(JSON.stringify(warnings[0].obj)).not.toContain("42");
  });

  it("a step that leaves its flow's data wrong: the customer is taken to the menu, not shown a broken step", async () => {
    const { warnings, log } = captureLog();
    const world = memoryWorld({ now: NOW, flows: { probe }, log });
    const bot = world.chat({ lang: "en" });
    await bot.start()
      .check((b) => { b.state = { ...b.state, flow: "probe", step: "ask" }; })
      .send("help")
      .send({ choice: "good" }).expect(/count 3/)
      .check((b) => { b.state = { ...b.state, flow: "probe", step: "ask", data: {} }; })
      .send("help")
      .send({ choice: "bad step" }).expect(/Sorry, something in this conversation went wrong, so we are starting again from the menu/)
      .expectNot(/count/);
    expect(warnings.map((w) => w.obj.issues)).toEqual([[{ path: "count", code: "invalid_type" }]]);
  });

  it("a booking kept from an older version with data that no longer fits is answered politely, not with a crash", async () => {
    const world = memoryWorld({ now: NOW });
    const bot = world.chat();
    await bot.start()
      .send("dua nje qethje te berberi ardit neser ne 10").expect(/Si quheni/)
      // The stored state says the time was "10:00" (a string where the flow keeps epoch ms).
      .check((b) => { b.state = { ...b.state, data: { ...b.state.data, start: "10:00" } }; })
      .send("Arta Hoxha").expect(SORRY).expect(/Zgjidhni më poshtë/)
      // And the customer can book again from there.
      .send({ choice: "Rezervo një termin" }).expect(/kategorinë/);
    expect(world.bookings.all).toEqual([]);
  });
});
