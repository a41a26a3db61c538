// In-memory implementations of the dialogs' ports and a transcript helper: tests of the flows on the real
// engine, steps, matcher, language understanding and slot maths, without HTTP or a database.
export { MemoryBookings, type MemoryBooking } from "./bookings.ts";
export { MemoryCatalog, type MemoryBusiness } from "./catalog.ts";
export { MemoryTickets, type MemoryTicket } from "./tickets.ts";
export { Transcript, type Says, type TranscriptOptions } from "./transcript.ts";
export { MemoryWorld, memoryWorld, type WorldOptions } from "./world.ts";
export { bookHaircut, reachConfirm, type HaircutOptions } from "./flows.ts";
