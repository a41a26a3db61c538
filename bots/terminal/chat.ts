import { userInfo } from "node:os";
import { createInterface } from "node:readline/promises";
import { randomUUID } from "node:crypto";
import type { Runtime } from "../runtime.ts";
import { renderNumbered } from "../render.ts";

/** `rezervo chat`: the dialog in the terminal, choices numbered; the conversation resumes next time. */
export async function runTerminalChat(
  rt: Runtime,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout },
): Promise<void> {
  const address = { channel: "terminal" as const, externalId: `terminal:${userInfo().username}` };
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  // Take lines from the start: piped input arrives before the greeting is ready.
  const lines = rl[Symbol.asyncIterator]();
  const print = (texts: string[]) => io.output.write(`${texts.map((t) => `Rezervo: ${t.replace(/\n/g, "\n         ")}`).join("\n\n")}\n> `);
  const first = await rt.conversations.handle({ address, messageId: randomUUID(), content: { kind: "command", name: "resume" } });
  print(renderNumbered(first.replies));
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const text = String(next.value).trim();
    if (text === "/exit" || text === "/dil") break;
    const out = await rt.conversations.handle({ address, messageId: randomUUID(), content: { kind: "text", text } });
    print(renderNumbered(out.replies));
  }
  rl.close();
}
