import { normalize } from "./normalize.ts";

// "në të njëjtën orë", "po në atë orë", "ora e njëjtë", "në të njëjtin orar", "same time", "same hour".
const SAME_TIME = /(?:^| )(?:(?:ne |me )?(?:te )?njejt\w* (?:ore|oren|kohe|orar\w*)|or\w* e njejt\w*|po (?:ne )?(?:ate|ato) or\w*|(?:the )?same (?:time|hour|slot))(?= |$)/;

/** Whether a message asks for the same time of day as before ("të premten në të njëjtën orë"), said while moving a booking. */
export function saysSameTime(text: string): boolean {
  return SAME_TIME.test(normalize(text));
}
