import { normalize } from "./normalize.ts";

// A booking, an appointment or a complaint named in any form ("rezervimin", "terminit", "takimi",
// "ankesë", "booking", "appointment", "complaint"), with or without ë.
const ABOUT_A_BOOKING = /(?:^| )(?:rezervim\w*|termin\w*|takim\w*|ankes\w*|booking\w*|appointment\w*|reservation\w*|complain\w*)(?= |$)/;

/** Whether a message speaks of a booking ("kam një problem me rezervimin"): a problem with one, not with the app. */
export function speaksOfABooking(text: string): boolean {
  return ABOUT_A_BOOKING.test(normalize(text));
}
