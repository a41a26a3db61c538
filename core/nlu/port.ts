import type { OpeningHours } from "../availability/types.ts";

/** Language understanding, optional: without it the dialog works from buttons and exact words. */
export interface NluPort {
  when(text: string, opts: { now: Date; timeZone: string; openingHours?: OpeningHours }):
    | { start: Date; hasTime: boolean; date: string; time?: string }
    | null;
  intent(text: string): { intent: string; confidence: number; category?: string; lang?: "sq" | "en"; minutes?: number } | null;
  faq(text: string, lang: "sq" | "en"): { id: string; score: number } | null;
}
