/** The marketplace FAQ entries, in the order of the marketplace's own FAQ page. */
export const FAQ_IDS = [
  "how-to-book",
  "change-or-cancel",
  "payment-methods",
  "create-account",
  "notifications",
  "running-late",
  "data-security",
  "contact-support",
] as const;

/** One FAQ entry id; answers live at faq:answers.<id> in locales. */
export type FaqId = (typeof FAQ_IDS)[number];
