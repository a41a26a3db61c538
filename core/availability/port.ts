import type { Slot } from "./types.ts";

/** Free days and slots of a service, from the database's bookings. */
export interface AvailabilityPort {
  days(serviceId: string, now: Date, max: number): Promise<{ date: string; count: number }[]>;
  slots(serviceId: string, date: string, now: Date): Promise<Slot[]>;
  nearest(serviceId: string, target: Date, now: Date, n: number): Promise<Slot[]>;
}
