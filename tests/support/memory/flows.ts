import type { Transcript } from "./transcript.ts";
import type { MemoryWorld } from "./world.ts";

/** Where a customer books: the day's label, the time, and the contact details typed. */
export interface HaircutOptions {
  day: RegExp;
  time: string;
  name?: string;
  email?: string;
  phone?: string;
  business?: RegExp;
}

/**
 * Walks a new customer from the menu to the confirm step of a barber haircut at `time` on `day`
 * (by buttons; more times are paged in until `time` is shown). Returns `{ bot }`: a transcript is
 * awaitable, so it is not returned bare from an async function.
 */
export async function reachConfirm(world: MemoryWorld, opts: HaircutOptions): Promise<{ bot: Transcript }> {
  const bot = world.chat();
  await bot.start()
    .send({ choice: "Rezervo një termin" })
    .send({ choice: "Berber" })
    .send({ choice: opts.business ?? /Ardit/ })
    .send({ choice: /^Prerje flokësh ·/ })
    .send({ choice: opts.day });
  for (let page = 0; !bot.labels().includes(opts.time) && page < 5; page++) await bot.send({ choice: /Më shumë orare/ });
  await bot.send({ choice: opts.time })
    .send(opts.name ?? "Arta Hoxha")
    .send(opts.email ?? "arta@example.com")
    .send(opts.phone ?? "069 123 4567");
  return { bot };
}

/** Books a barber haircut; returns the customer and the booking reference. */
export async function bookHaircut(world: MemoryWorld, opts: HaircutOptions = { day: /26/, time: "10:00" }): Promise<{ bot: Transcript; ref: string }> {
  const { bot } = await reachConfirm(world, opts);
  await bot.send({ choice: /Konfirmo/ });
  const ref = bot.text().match(/RZ-[A-Z0-9]{6}/)?.[0];
  if (!ref) throw new Error(`no booking reference in: ${bot.text()}`);
  return { bot, ref };
}
