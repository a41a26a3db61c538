import type { OpeningHours } from "../availability/types.ts";
import type { TimeWish } from "./when-wish.ts";
import type { WhenResult } from "./when.ts";

/** What the language layer needs to know about the catalog (built from catalog data: core/catalog/entity-index.ts). */
export interface CatalogWords {
  /** The id of the category a message names ("dua te berberi" -> the barbers' id), if any. */
  categoryOf(text: string): string | undefined;
  /** Whether a normalised word names a kind of service ("berber", "masazh"). */
  isCategoryWord(word: string): boolean;
  /** The normalised text without the business names and service verbs it holds ("te levizja neser" -> "te neser"). */
  withoutNames?(norm: string): string;
}

/** Language understanding, optional: without it the dialog works from buttons and exact words. */
export interface NluPort {
  /** A day and/or time said in the text (`daySaid` when the day was named), or null. */
  when(text: string, opts: { now: Date; timeZone: string; openingHours?: OpeningHours }): WhenResult | null;
  /** Which free times of a day are wished for ("pasdite", "pas orës 15", "më e hershmja"), or null. */
  wish(text: string, opts: { now: Date; timeZone: string; openingHours?: OpeningHours }): TimeWish | null;
  intent(text: string, catalog?: CatalogWords): { intent: string; confidence: number; category?: string; lang?: "sq" | "en"; minutes?: number } | null;
  faq(text: string, lang: "sq" | "en", catalog?: CatalogWords): { id: string; score: number } | null;
}
