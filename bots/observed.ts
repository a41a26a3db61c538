// Reporting what happens at the edges of the domain without the domain knowing: the bookings port the
// dialogs call, and the senders of messages the bot starts itself.
import type { BookingsPort } from "../core/bookings/port.ts";
import type { ChannelSender } from "../core/conversation/messages.ts";
import { PermanentSendError } from "../core/conversation/notifier.ts";
import type { Observers } from "../core/observer.ts";

/** The bookings port, reporting each booking attempt's outcome by channel. */
export function observedBookings(port: BookingsPort, observer: Observers): BookingsPort {
  return {
    async book(req) {
      const result = await port.book(req);
      const outcome = !result.ok ? result.reason : result.booking.status === "pending_payment" ? "pending_payment" : "confirmed";
      observer.booking({ channel: req.channel, outcome });
      return result;
    },
    lastContact: (conversationId) => port.lastContact(conversationId),
  };
}

/** A sender that reports a failed send (not a customer's opt-out, which is their choice). */
export function observedSender(sender: ChannelSender, observer: Observers): ChannelSender {
  return {
    channel: sender.channel,
    async send(address, replies, opts) {
      try {
        await sender.send(address, replies, opts);
      } catch (err) {
        if (!(err instanceof PermanentSendError && err.outcome === "skipped")) observer.outboundFailed({ channel: sender.channel });
        throw err;
      }
    },
  };
}
