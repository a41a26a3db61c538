import { bookingModule } from "./booking/register.ts";
import { digestModule } from "./digest/register.ts";
import { metricsModule } from "./metrics/register.ts";
import { manageModule } from "./reminders/register.ts";
import { privacyModule } from "./privacy/register.ts";
import { paymentsModule } from "./stripe/register.ts";
import { teamsModule } from "./teams/register.ts";
import { telegramModule } from "./telegram/register.ts";
import { ticketsModule } from "./tickets/register.ts";
import { twilioModule } from "./twilio/routes.ts";
import { waitlistModule } from "./waitlist/register.ts";
import { webchatModule } from "./webchat/register.ts";

/**
 * The features of the app, in the order they are set up (a module sees the ports of those before it)
 * and their routes are mounted. Adding a feature: write its module, add it here.
 */
export const defaultModules = [
  bookingModule,
  webchatModule,
  ticketsModule,
  teamsModule,
  manageModule,
  privacyModule,
  telegramModule,
  twilioModule,
  paymentsModule,
  metricsModule,
  digestModule,
  waitlistModule,
] as const;
