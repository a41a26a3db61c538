// A reminder worker process for the restart test and the bench: agenda on the given database, sending
// SMS to a fake provider. Usage: tsx tests/fakes/reminders-worker.ts <databaseUrl> <smsUrl> <pollMs> <lockMs>
import { Notifier } from "../../core/conversation/notifier.ts";
import { createPrisma } from "../../core/db/client.ts";
import { createLogger } from "../../core/log.ts";
import { createAgendaBackend } from "../../core/reminders/backend.ts";
import { ReminderDispatcher } from "../../core/reminders/dispatch.ts";
import { ReminderScheduler } from "../../core/reminders/scheduler.ts";
import { fakeSmsSender } from "./reminders-sms.ts";

const [url, smsUrl, poll = "500", lock = "3000", concurrency = "20"] = process.argv.slice(2);
const log = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
const prisma = createPrisma(url);
const notifier = new Notifier(prisma, log);
notifier.register(fakeSmsSender(smsUrl));
const clock = () => new Date();
const dispatcher = new ReminderDispatcher({ prisma, notifier, log, clock, maxAttempts: 5 });
const scheduler = new ReminderScheduler({
  prisma, dispatcher, backend: await createAgendaBackend({ databaseUrl: url, poolMax: 8, lockBatch: () => Number(concurrency) }), log, clock,
  name: `worker-${process.pid}`, pollMs: Number(poll), lockLifetimeMs: Number(lock), retryDelayMs: 200, maxAttempts: 5, concurrency: Number(concurrency),
});
await scheduler.start(true);
process.stdout.write("ready\n");
process.on("SIGTERM", () => {
  void scheduler.stop().then(() => prisma.$disconnect()).then(() => process.exit(0));
});
