import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { t, toLang } from "../../locales/i18n.ts";
import type { Reply } from "../../core/conversation/messages.ts";
import { INBOUND_TEXT_LIMIT } from "../../core/conversation/sanitize.ts";
import { DatabaseUnavailableError, isConnectionError } from "../../core/db/faults.ts";
import type { Runtime } from "../runtime.ts";
import { checkWebSession, hashToken, newSessionToken } from "./sessions.ts";

/** Longest text a customer may send in one message. */
export const MAX_TEXT = INBOUND_TEXT_LIMIT.web;

const NewSession = z.object({
  lang: z.enum(["sq", "en"]).optional(),
  business: z.string().regex(/^[a-z0-9-]{1,80}$/).optional(),
}).strict();

const NewMessage = z.union([
  z.object({ text: z.string(), clientMessageId: z.string().min(1).max(100).optional() }).strict(),
  z.object({ choice: z.string().min(1).max(64), clientMessageId: z.string().min(1).max(100).optional() }).strict(),
]);

const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith("Bearer ") ? h.slice(7).trim() : undefined;
}

function langOf(req: FastifyRequest) {
  return toLang(String(req.headers["accept-language"] ?? ""));
}

async function authorise(rt: Runtime, req: FastifyRequest<{ Params: { id: string } }>, res: FastifyReply): Promise<boolean> {
  // Session ids are UUIDs: anything else (a NUL, invalid Unicode, 3 000 characters) is simply not a session.
  let check: Awaited<ReturnType<typeof checkWebSession>>;
  try {
    check = SESSION_ID.test(req.params.id) ? await checkWebSession(rt.prisma, req.params.id, bearer(req)) : "unknown";
  } catch (err) {
    // The database is away: "try again shortly", in the language this chat was last seen in.
    if (isConnectionError(err)) throw new DatabaseUnavailableError(rt.conversations.knownLang({ channel: "web", externalId: req.params.id }), { cause: err });
    throw err;
  }
  if (check !== "ok") {
    await refuse(req, res, check);
    return false;
  }
  return true;
}

/** Answers a request whose session is unknown (404) or whose token does not open it (401). */
async function refuse(req: FastifyRequest, res: FastifyReply, why: "unknown" | "forbidden"): Promise<FastifyReply> {
  return why === "unknown"
    ? res.code(404).send({ error: "not_found", message: t(langOf(req), "web:unknownSession") })
    : res.code(401).send({ error: "unauthorized", message: t(langOf(req), "web:badToken") });
}

/** The web chat's JSON API. */
export async function registerWebchatRoutes(app: FastifyInstance, rt: Runtime): Promise<void> {
  app.post("/api/chat/sessions", async (req, res) => {
    const parsed = NewSession.safeParse(req.body ?? {});
    if (!parsed.success) return res.code(400).send({ error: "bad_request", message: t(langOf(req), "web:badRequest") });
    const id = randomUUID();
    const { token, hash } = newSessionToken();
    const out = await rt.conversations.start(
      { channel: "web", externalId: id },
      { id, lang: parsed.data.lang ?? rt.config.DEFAULT_LANG, business: parsed.data.business, tokenHash: hash },
    );
    return res.code(201).send({ sessionId: id, token, replies: out.replies });
  });

  app.post<{ Params: { id: string } }>("/api/chat/sessions/:id/messages", async (req, res) => {
    const parsed = NewMessage.safeParse(req.body);
    const body = parsed.success ? parsed.data : undefined;
    if (!body || ("text" in body && body.text.length > MAX_TEXT)) {
      // A request that cannot be a turn: the session is checked first, as for any request.
      if (!(await authorise(rt, req, res))) return res;
      if (!body) return res.code(400).send({ error: "bad_request", message: t(langOf(req), "web:badRequest") });
      // Refused whole, never cut: the customer is told the limit in the conversation's language.
      const conv = await rt.prisma.conversation.findUnique({ where: { id: req.params.id }, select: { lang: true } });
      const lang = conv ? toLang(conv.lang) : langOf(req);
      return res.code(400).send({ error: "too_long", max: MAX_TEXT, message: t(lang, "common:tooLong", { max: MAX_TEXT }) });
    }
    if (!SESSION_ID.test(req.params.id)) return refuse(req, res, "unknown");
    // The session's token is checked by the turn's first statement (no round trip of its own).
    const token = bearer(req);
    const out = await rt.conversations.handle(
      {
        address: { channel: "web", externalId: req.params.id },
        messageId: body.clientMessageId ?? randomUUID(),
        content: "text" in body ? { kind: "text", text: body.text } : { kind: "choice", id: body.choice },
      },
      { session: { tokenHash: token ? hashToken(token) : undefined } },
    );
    if (out.refused) return refuse(req, res, out.refused);
    // Over the chat's limit: the replies hold the "slow down" notice, and the client learns when to retry.
    if (out.rateLimited) return res.code(200).send({ replies: out.replies, rateLimited: true, retryAfterSec: out.rateLimited.retryAfterSec });
    return res.code(200).send({ replies: out.replies });
  });

  app.get<{ Params: { id: string } }>("/api/chat/sessions/:id/messages", async (req, res) => {
    if (!(await authorise(rt, req, res))) return res;
    const rows = await rt.prisma.message.findMany({ where: { conversationId: req.params.id }, orderBy: { id: "asc" }, take: 500 });
    const messages = rows.map((m) => {
      const at = m.createdAt.toISOString();
      if (m.direction !== "out") return { direction: m.direction, text: inboundText(m.body as Record<string, unknown>), at };
      const r = m.body as unknown as Reply;
      return { direction: m.direction, text: String(r.text ?? ""), choices: r.choices, link: r.link, kind: r.kind, at };
    });
    return res.send({ messages });
  });
}

function inboundText(body: Record<string, unknown>): string {
  if (body.kind === "text") return String(body.text ?? "");
  if (body.kind === "choice") return String(body.label ?? body.id ?? "");
  if (body.kind === "contact") return String(body.phone ?? "");
  return "";
}
