// Liveness and readiness: /healthz says the process answers; /readyz says it should get traffic — the
// database answers, every migration in prisma/migrations is applied, the configured channels have their
// senders — and is 503 while the process starts or drains.
import type { FastifyInstance, FastifyReply } from "fastify";
import { loadMigrations } from "../../core/db/migrate.ts";
import type { ChannelName } from "../../core/conversation/messages.ts";
import type { Kernel } from "../module.ts";
import type { Lifecycle } from "./lifecycle.ts";

/** What /readyz reports. */
export interface Readiness {
  ready: boolean;
  phase: string;
  database: boolean;
  migrations: boolean;
  /** Channels configured in the environment, and whether each has its sender. */
  channels: Record<string, boolean>;
}

/** The channels the configuration turns on (the web chat always). */
function configuredChannels(rt: Kernel): ChannelName[] {
  const c = rt.config;
  const out: ChannelName[] = ["web"];
  if (c.TELEGRAM_BOT_TOKEN) out.push("telegram");
  if (c.TWILIO_ACCOUNT_SID && c.PUBLIC_URL && c.TWILIO_SMS_FROM) out.push("sms");
  if (c.TWILIO_ACCOUNT_SID && c.PUBLIC_URL && c.TWILIO_WHATSAPP_FROM) out.push("whatsapp");
  if (c.SMTP_URL) out.push("email");
  return out;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timed out")), ms).unref())]);

/** Checks readiness; migrations are read once and remembered once they are all applied. */
export function readinessCheck(rt: Kernel, life: Lifecycle): () => Promise<Readiness> {
  let migrated = false;
  return async () => {
    let database = false;
    try {
      await withTimeout(rt.prisma.$queryRaw`SELECT 1`, 2000);
      database = true;
      if (!migrated) {
        const rows = await withTimeout(
          rt.prisma.$queryRaw<{ name: string }[]>`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          2000,
        );
        const applied = new Set(rows.map((r) => r.name));
        migrated = loadMigrations().migrationDirectories.every((m) => applied.has(m.path));
      }
    } catch {
      database &&= false;
    }
    const channels = Object.fromEntries(configuredChannels(rt).map((ch) => [ch, rt.notifier.has(ch)]));
    const ready = life.phase === "ready" && database && migrated && Object.values(channels).every(Boolean);
    return { ready, phase: life.phase, database, migrations: migrated, channels };
  };
}

/** Mounts GET /healthz and GET /readyz. */
export function registerHealth(app: FastifyInstance, rt: Kernel, life: Lifecycle): void {
  const check = readinessCheck(rt, life);
  app.get("/healthz", async (_req, res: FastifyReply) => res.header("cache-control", "no-store").send({ ok: true, phase: life.phase }));
  app.get("/readyz", async (_req, res: FastifyReply) => {
    const r = await check();
    return res.code(r.ready ? 200 : 503).header("cache-control", "no-store").send(r);
  });
}
