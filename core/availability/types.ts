/** One opening interval in local wall-clock time, "HH:MM" (24 h). */
export interface OpenInterval {
  open: string;
  close: string;
}

/**
 * Weekly opening hours: keys "0" (Sunday) ... "6" (Saturday); several intervals a day make breaks
 * (e.g. 09:00-13:00 and 14:00-19:00). A missing or empty day is closed.
 */
export type OpeningHours = Partial<Record<"0" | "1" | "2" | "3" | "4" | "5" | "6", OpenInterval[]>>;

/** A busy interval (an existing booking that holds one unit of capacity). */
export interface Busy {
  start: Date;
  end: Date;
}

/** Everything slot maths needs; `now` is passed in, never read from the clock. */
export interface AvailabilityInput {
  now: Date;
  timeZone: string;
  openingHours: OpeningHours;
  /** Local dates (YYYY-MM-DD) the business is closed. */
  closedDates: string[];
  durationMin: number;
  slotStepMin: number;
  /** Parallel staff or chairs. */
  capacity: number;
  minNoticeMin: number;
  horizonDays: number;
  busy: Busy[];
}

/** A free slot. */
export interface Slot {
  start: Date;
  end: Date;
  /** Local date YYYY-MM-DD and time HH:MM in the business's time zone. */
  date: string;
  time: string;
}
