import { userInfo } from "node:os";
import { createInterface } from "node:readline/promises";
import { randomUUID } from "node:crypto";
import type { Reply } from "../../core/conversation/messages.ts";
import type { Runtime } from "../runtime.ts";
import { renderNumbered } from "../render.ts";

/** Where the terminal chat reads and writes. */
export interface ChatIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

const stdio: ChatIo = { input: process.stdin, output: process.stdout };

/** One side of the terminal chat: the greeting, then the replies to each typed line. */
export interface ChatPeer {
  first(): Promise<Reply[]>;
  say(text: string): Promise<Reply[]>;
}

/** Prints replies with their choices numbered, reads lines until the input ends or /exit (/dil). */
export async function chatLoop(peer: ChatPeer, io: ChatIo = stdio): Promise<void> {
  const rl = createInterface({ input: io.input, output: io.output, terminal: false });
  // Take lines from the start: piped input arrives before the greeting is ready.
  const lines = rl[Symbol.asyncIterator]();
  const print = (texts: string[]) => io.output.write(`${texts.map((t) => `Rezervo: ${t.replace(/\n/g, "\n         ")}`).join("\n\n")}\n> `);
  try {
    print(renderNumbered(await peer.first()));
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      const text = String(next.value).trim();
      if (text === "/exit" || text === "/dil") break;
      print(renderNumbered(await peer.say(text)));
    }
  } finally {
    rl.close();
  }
}

/** `rezervo chat`: the dialog in the terminal, choices numbered; the conversation resumes next time. */
export async function runTerminalChat(rt: Runtime, io: ChatIo = stdio): Promise<void> {
  const address = { channel: "terminal" as const, externalId: `terminal:${userInfo().username}` };
  const turn = async (content: Parameters<Runtime["conversations"]["handle"]>[0]["content"]) =>
    (await rt.conversations.handle({ address, messageId: randomUUID(), content })).replies;
  await chatLoop({ first: () => turn({ kind: "command", name: "resume" }), say: (text) => turn({ kind: "text", text }) }, io);
}
