import { fold } from "./normalize.ts";
import { MONTH_RE } from "./when-lexicon.ts";

const EN_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
// Numbers a date holds: "5/12", "05.12.2026", "the 10th", "10 dhjetor", "December 10".
const DATES = new RegExp(
  `\\b\\d{1,2}[/.-]\\d{1,2}(?:[/.-]\\d{2,4})?\\b|\\b\\d{1,2}(?:st|nd|rd|th)\\b|\\b\\d{1,2}\\s+(?:${MONTH_RE}|${EN_MONTHS})\\b|\\b(?:${MONTH_RE}|${EN_MONTHS})\\s+\\d{1,2}\\b|\\b\\d{4}\\b`,
  "gi",
);
// A number left once the dates are taken out: an hour ("10", "10:30", "4pm") or a count ("2 days").
const NUMBER = /\b\d{1,2}(?::\d{2})?\b/;

/**
 * Whether a message has a number no date holds, which a reader that found no time there did not take as
 * one ("Thursday morning instead? 10 if possible" when "10" was not read). Asked only of a message whose
 * time was not read, so that an offer of another time does not look like an answer to it.
 */
export function hasUnreadHour(text: string): boolean {
  return NUMBER.test(fold(text).replace(DATES, " "));
}
