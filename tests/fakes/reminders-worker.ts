// A reminder worker process for the restart test and the bench: the app's composition root in the
// "worker" role (as `rezervo worker`), on the given database, with SMS going to a fake provider.
// Usage: tsx tests/fakes/reminders-worker.ts <databaseUrl> <smsUrl> [pollMs] [lockMs] [concurrency] [poolMax]
import type { FeatureModule } from "../../bots/module.ts";
import { defaultModules } from "../../bots/modules.ts";
import { createRuntime } from "../../bots/runtime.ts";
import { loadConfig } from "../../core/config.ts";
import { createPrisma } from "../../core/db/client.ts";
import { createLogger } from "../../core/log.ts";
import { fakeSmsSender } from "./reminders-sms.ts";

const [url, smsUrl, poll = "500", lock = "3000", concurrency = "20", poolMax = "8"] = process.argv.slice(2);
const config = loadConfig({
  DATABASE_URL: url,
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
  NODE_ENV: "test",
  REMINDERS: "on",
  REMINDERS_POLL_MS: poll,
  REMINDERS_LOCK_MS: lock,
  REMINDERS_RETRY_MS: "200",
  REMINDERS_MAX_ATTEMPTS: "5",
  REMINDERS_CONCURRENCY: concurrency,
  ...(process.env.REMINDERS_BATCH ? { REMINDERS_BATCH: process.env.REMINDERS_BATCH } : {}),
  REMINDERS_POOL_MAX: poolMax,
  // BENCH_TWILIO_URL: SMS through the real Twilio sender and SDK, to a fake Twilio API there.
  ...(process.env.BENCH_TWILIO_URL
    ? {
      TWILIO_ACCOUNT_SID: process.env.BENCH_TWILIO_SID, TWILIO_AUTH_TOKEN: process.env.BENCH_TWILIO_TOKEN, TWILIO_SMS_FROM: "+15005550006",
      TWILIO_API_URL: process.env.BENCH_TWILIO_URL, PUBLIC_URL: "https://rezervo.example",
    }
    : {}),
});
const log = createLogger(config.LOG_LEVEL);

/** The SMS channel of this worker: the fake provider instead of Twilio. */
const fakeSms: FeatureModule<"fake-sms", undefined> = {
  name: "fake-sms",
  setup: () => ({ senders: [fakeSmsSender(smsUrl)] }),
};

const rt = await createRuntime({
  config, log, prisma: createPrisma(url), databaseUrl: url, role: "worker", seedIfEmpty: false,
  modules: process.env.BENCH_TWILIO_URL ? defaultModules : [...defaultModules, fakeSms],
});
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void rt.close().then(() => process.exit(0));
});
