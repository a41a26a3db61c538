import { z } from "zod";

const optionalUrl = z.string().url().optional();
const port = z.coerce.number().int().min(0).max(65535);

/** Environment variables Rezervo reads, validated at start. A channel whose variables are absent is off. */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: port.default(3000),
  HOST: z.string().default("127.0.0.1"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgresql://")
    .optional(),
  DATA_DIR: z.string().default("./data"),
  PUBLIC_URL: optionalUrl,
  TIME_ZONE: z.string().default("Europe/Tirane"),
  DEFAULT_LANG: z.enum(["sq", "en"]).default("sq"),
  /** Messages a customer may send per minute before the bot asks them to slow down. */
  RATE_LIMIT_PER_MIN: z.coerce.number().int().positive().default(20),
  CONVERSATION_COPIES: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  /** Redis for the rate-limit counts instead of PostgreSQL. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
  /** Prefix of the rate-limit keys in Redis (several apps may share one Redis). */
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "letters, digits and _ . : - only").default("rezervo"),
  TELEGRAM_BOT_TOKEN: z.string().min(10).optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "letters, digits, _ and - only").optional(),
  TELEGRAM_API_ROOT: optionalUrl,
  TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must look like AC followed by 32 hex digits").optional(),
  TWILIO_AUTH_TOKEN: z.string().min(8).optional(),
  TWILIO_SMS_FROM: z.string().optional(),
  TWILIO_WHATSAPP_FROM: z.string().optional(),
  TWILIO_TEMPLATE_REMINDER_SID: z.string().optional(),
  TWILIO_API_URL: optionalUrl,
  SLACK_BOT_TOKEN: z.string().optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_SUPPORT_CHANNEL: z.string().optional(),
  SLACK_API_URL: optionalUrl,
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must start with smtp:// or smtps://").optional(),
  SMTP_FROM: z.string().default("Rezervo <no-reply@rezervo.al>"),
  SUPPORT_EMAIL: z.string().email().default("support@rezervo.al"),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_API_URL: optionalUrl,
  /** Minutes a place is held for a card payment before it is released. */
  PAYMENT_HOLD_MIN: z.coerce.number().int().min(1).max(23 * 60).default(30),
  /** How often unpaid holds are checked for expiry. */
  PAYMENTS_POLL_MS: z.coerce.number().int().min(100).default(15_000),
  /** Minutes a freed place is held for the waiting customer it is offered to. */
  WAITLIST_HOLD_MIN: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Waiting list: "on" (offers made and sent by this process), "schedule" (joined and queued only), "off". */
  WAITLIST: z.enum(["on", "schedule", "off"]).default("on"),
  /** How often the waiting list's worker looks for due jobs, and its safety sweep (ms). */
  WAITLIST_POLL_MS: z.coerce.number().int().min(100).default(5000),
  WAITLIST_SWEEP_MS: z.coerce.number().int().min(1000).default(60_000),
  MICROSOFT_APP_ID: z.string().optional(),
  MICROSOFT_APP_PASSWORD: z.string().optional(),
  MICROSOFT_APP_TENANT_ID: z.string().optional(),
  MONGODB_URL: z.string().optional(),
  /** Reminders: "on" runs due reminders in this process, "schedule" only schedules them, "off" neither. */
  REMINDERS: z.enum(["on", "schedule", "off"]).default("on"),
  REMINDERS_POLL_MS: z.coerce.number().int().min(100).default(5000),
  REMINDERS_LOCK_MS: z.coerce.number().int().min(1000).default(120_000),
  REMINDERS_RETRY_MS: z.coerce.number().int().min(10).default(30_000),
  REMINDERS_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  /** Reminders sent at once by one instance (and jobs locked ahead per poll). */
  REMINDERS_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  /** Due reminders locked and run together on PostgreSQL (two batches in flight; their sends share REMINDERS_CONCURRENCY). */
  REMINDERS_BATCH: z.coerce.number().int().min(1).max(500).default(50),
  /** Connections of the reminders' job store (its own pool, next to the app's). */
  REMINDERS_POOL_MAX: z.coerce.number().int().min(1).max(100).default(4),
  /** Conversation transcripts and processed-message marks are deleted after this many days. */
  MESSAGE_RETENTION_DAYS: z.coerce.number().int().min(1).default(180),
  /** Ticket messages are deleted after this many days. */
  TICKET_RETENTION_DAYS: z.coerce.number().int().min(1).default(730),
  /** Serve /metrics, /healthz and /readyz on this port too (off the public port); /metrics then leaves the public port. */
  METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().default("127.0.0.1"),
  /** Bearer token for /metrics (on the public port; also asked on METRICS_PORT when set). */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** The support digest: "on" (daily at DIGEST_HOUR, Tirana time) or "off". */
  DIGEST: z.enum(["on", "off"]).default("on"),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  /** Secret for signed links (calendar files); random per process when unset. */
  LINK_SECRET: z.string().min(16).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

/** A configuration error that names every wrong variable. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the configuration; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") cleaned[key] = value.trim();
  }
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const problems: string[] = [];
  const c = parsed.data;
  const needAll = (label: string, keys: (keyof Config)[]) => {
    const set = keys.filter((k) => c[k] !== undefined);
    if (set.length > 0 && set.length < keys.length) {
      problems.push(`${label}: ${keys.filter((k) => c[k] === undefined).join(", ")} missing (set together with ${set.join(", ")})`);
    }
  };
  needAll("Twilio", ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"]);
  needAll("Slack", ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_SUPPORT_CHANNEL"]);
  needAll("Stripe", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]);
  if ((c.TWILIO_SMS_FROM || c.TWILIO_WHATSAPP_FROM) && !c.TWILIO_ACCOUNT_SID) {
    problems.push("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are needed when TWILIO_SMS_FROM or TWILIO_WHATSAPP_FROM is set");
  }
  if (c.TWILIO_ACCOUNT_SID && !c.PUBLIC_URL) problems.push("PUBLIC_URL is needed to check Twilio signatures");
  if (c.NODE_ENV === "production") problems.push(...productionProblems(c));
  if (problems.length) throw new ConfigError(problems);
  return c;
}

/**
 * What production refuses to start without. Calendar links must survive restarts and agree across
 * instances, so LINK_SECRET is required. Teams requests are authenticated only with an app id: without
 * MICROSOFT_APP_ID the endpoint exists only outside production (local use), so configuring Teams in
 * production without the app id and its password is refused rather than left unauthenticated or silently off.
 */
export function productionProblems(c: Config): string[] {
  const problems: string[] = [];
  if (!c.LINK_SECRET) {
    problems.push("LINK_SECRET is required when NODE_ENV=production (at least 16 random characters): it signs calendar links, which must keep working after a restart and on every instance");
  }
  const teamsSet = (["MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID"] as const).filter((k) => c[k] !== undefined);
  if (!c.MICROSOFT_APP_ID && teamsSet.length) {
    problems.push(
      `MICROSOFT_APP_ID is required when NODE_ENV=production and Teams is configured (${teamsSet.join(", ")} set): without it Teams requests cannot be authenticated, so the Teams endpoint stays off; set it, or unset the MICROSOFT_* variables`,
    );
  }
  if (c.MICROSOFT_APP_ID && !c.MICROSOFT_APP_PASSWORD) {
    problems.push("MICROSOFT_APP_PASSWORD is required with MICROSOFT_APP_ID when NODE_ENV=production: the Teams endpoint authenticates with the app id and answers with its password");
  }
  return problems;
}
