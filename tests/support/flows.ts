import { WebChatClient } from "./webchat.ts";

/** Walks a web chat customer from the start to the confirm step of a barber booking at `time` on `dayLabel`. */
export async function reachConfirm(
  baseUrl: string,
  opts: { day: RegExp; time: string; name?: string; email?: string; phone?: string; business?: RegExp },
): Promise<WebChatClient> {
  const c = new WebChatClient(baseUrl);
  await c.start({ lang: "sq" });
  await c.pick("Rezervo një termin");
  await c.pick("Berber");
  await c.pick(opts.business ?? /Ardit/);
  await c.pick(/^Prerje flokësh ·/);
  await c.pick(opts.day);
  for (let page = 0; !c.last.some((r) => r.choices?.some((x) => x.label === opts.time)) && page < 5; page++) {
    await c.pick(/Më shumë orare/);
  }
  await c.pick(opts.time);
  await c.say(opts.name ?? "Arta Hoxha");
  await c.say(opts.email ?? "arta@example.com");
  await c.say(opts.phone ?? "069 123 4567");
  return c;
}

/** Books a barber haircut over the web chat; returns the customer and the booking reference. */
export async function bookHaircut(
  baseUrl: string,
  opts: Parameters<typeof reachConfirm>[1] = { day: /26/, time: "10:00" },
): Promise<{ client: WebChatClient; ref: string }> {
  const client = await reachConfirm(baseUrl, opts);
  await client.pick(/Konfirmo/);
  const ref = client.text().match(/RZ-[A-Z0-9]{6}/)?.[0];
  if (!ref) throw new Error(`no booking reference in: ${client.text()}`);
  return { client, ref };
}
