import type { PrismaClient } from "../../generated/prisma/client.ts";
import { HOLDING_STATUSES } from "../availability/service.ts";
import type { ManagedBooking } from "../bookings/port.ts";
import { toManaged, type ManageService } from "../bookings/manage.ts";
import type { ReminderAnswersPort, RemindedBooking } from "./port.ts";

const include = { business: true, service: true } as const;

/** The reminder answers' port on the database: Reminder rows, bookings, and managing them. */
export class ReminderAnswersStore implements ReminderAnswersPort {
  constructor(private readonly prisma: PrismaClient, private readonly manage: ManageService) {}

  async reminded(phone: string, now: Date): Promise<RemindedBooking[]> {
    const rows = await this.prisma.reminder.findMany({
      where: {
        channel: { in: ["sms", "whatsapp"] },
        status: { in: ["sent", "delivered"] },
        booking: { contactPhone: phone, start: { gt: new Date(now.getTime() - 2 * 86_400_000) } },
      },
      select: { bookingId: true, booking: { select: { start: true, status: true } } },
      orderBy: { sentAt: "desc" },
      take: 20,
    });
    return rows.map((r) => ({ bookingId: r.bookingId, upcoming: r.booking.start > now && HOLDING_STATUSES.includes(r.booking.status) }));
  }

  async bookings(phone: string, ids: string[]): Promise<ManagedBooking[]> {
    if (!ids.length) return [];
    const rows = await this.prisma.booking.findMany({ where: { id: { in: ids }, contactPhone: phone }, include, orderBy: { start: "asc" } });
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
