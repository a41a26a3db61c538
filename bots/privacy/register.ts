import { ManageService } from "../../core/bookings/manage.ts";
import { purgeExpired } from "../../core/privacy/retention.ts";
import { PrivacyService } from "../../core/privacy/service.ts";
import { t, toLang } from "../../locales/i18n.ts";
import { privacyFlow } from "../../dialogs/privacy/flow.ts";
import type { FeatureModule, Kernel, Stop } from "../module.ts";

/** How often the retention purge runs (once a day; the first run a minute after start). */
const RETENTION_EVERY_MS = 24 * 3600_000;
const RETENTION_FIRST_MS = 60_000;

/**
 * Privacy rights: "my data" in the chat (download link, erasure), the signed download route
 * (/api/privacy/export) and the daily retention purge of old transcripts. Needs the manage module (erasure
 * cancels future bookings through it).
 */
export const privacyModule: FeatureModule<"privacy", { privacy: PrivacyService }> = {
  name: "privacy",
  flows: { privacy: privacyFlow },
  setup(rt: Kernel) {
    const manage = rt.services.manage;
    if (!(manage instanceof ManageService)) return null;
    const c = rt.config;
    const privacy = new PrivacyService({
      prisma: rt.prisma, log: rt.log.child({ part: "privacy" }), secret: c.LINK_SECRET, publicUrl: c.PUBLIC_URL,
      cancel: (id, now) => manage.cancelById(id, now),
    });
    return {
      services: { privacy },
      parts: { privacy },
      routes: [(app) => {
        app.get<{ Querystring: { token?: string } }>("/api/privacy/export", async (req, reply) => {
          const lang = toLang(String(req.headers["accept-language"] ?? ""));
          const now = rt.clock();
          const token = typeof req.query.token === "string" ? req.query.token : "";
          const opened = token ? await privacy.openLink(token, now) : ({ error: "invalid" } as const);
          if ("error" in opened) {
            return reply.code(opened.error === "erased" ? 410 : 404).send({ error: opened.error, message: t(lang, "privacy:exportGone") });
          }
          const data = await privacy.exportData(opened.conversationId, now);
          if (!data) return reply.code(404).send({ error: "invalid", message: t(lang, "privacy:exportGone") });
          return reply
            .header("content-disposition", `attachment; filename="rezervo-te-dhenat.json"`)
            .header("cache-control", "private, no-store")
            .send(data);
        });
      }],
      jobs: [{
        name: "retention purge",
        roles: ["server", "worker"],
        start(): Stop {
          const log = rt.log.child({ part: "retention" });
          const run = () => purgeExpired(rt.prisma, rt.clock(), { messageDays: c.MESSAGE_RETENTION_DAYS, ticketDays: c.TICKET_RETENTION_DAYS })
            .then((r) => log.info(r, "retention purge done"))
            .catch((err) => log.error({ err }, "retention purge failed"));
          let running: Promise<void> = Promise.resolve();
          const first = setTimeout(() => { running = run(); }, RETENTION_FIRST_MS);
          const every = setInterval(() => { running = run(); }, RETENTION_EVERY_MS);
          first.unref();
          every.unref();
          return async () => {
            clearTimeout(first);
            clearInterval(every);
            await running;
          };
        },
      }],
    };
  },
};
