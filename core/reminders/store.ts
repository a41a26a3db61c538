import type { PrismaClient } from "../../generated/prisma/client.ts";
import { HOLDING_STATUSES } from "../availability/service.ts";
import type { ManagedBooking } from "../bookings/port.ts";
import { toManaged, type ManageService } from "../bookings/manage.ts";
import type { ReminderAnswersPort, RemindedBooking, ReminderOwner } from "./port.ts";
import { ANSWERED_IN_CHAT, ANSWERED_BY_TEXT } from "./question.ts";

const include = { business: true, service: true } as const;

/** The bookings of a phone (its contact phone) or of a chat (made in it). */
const ownedBy = (owner: ReminderOwner) => ("phone" in owner ? { contactPhone: owner.phone } : { conversationId: owner.conversationId });

/** The reminder answers' port on the database: Reminder rows, bookings, and managing them. */
export class ReminderAnswersStore implements ReminderAnswersPort {
  constructor(private readonly prisma: PrismaClient, private readonly manage: ManageService) {}

  async reminded(owner: ReminderOwner, now: Date): Promise<RemindedBooking[]> {
    const rows = await this.prisma.reminder.findMany({
      where: {
        channel: { in: "phone" in owner ? [...ANSWERED_BY_TEXT] : [...ANSWERED_IN_CHAT] },
        status: { in: ["sent", "delivered"] },
        booking: { ...ownedBy(owner), start: { gt: new Date(now.getTime() - 2 * 86_400_000) } },
      },
      select: { bookingId: true, booking: { select: { start: true, status: true } } },
      orderBy: { sentAt: "desc" },
      take: 20,
    });
    return rows.map((r) => ({ bookingId: r.bookingId, upcoming: r.booking.start > now && HOLDING_STATUSES.includes(r.booking.status) }));
  }

  async bookings(owner: ReminderOwner, ids: string[]): Promise<ManagedBooking[]> {
    if (!ids.length) return [];
    const rows = await this.prisma.booking.findMany({ where: { id: { in: ids }, ...ownedBy(owner) }, include, orderBy: { start: "asc" } });
    return rows.map(toManaged);
  }

  confirmAttendance(bookingId: string, now: Date) {
    return this.manage.confirmAttendance(bookingId, now);
  }

  cancelTerms(booking: ManagedBooking, now: Date) {
    return this.manage.cancelTerms(booking, now);
  }

  cancelBooking(booking: ManagedBooking, now: Date, opts: { acceptFee: boolean }) {
    return this.manage.cancelBooking(booking, now, opts);
  }
}
