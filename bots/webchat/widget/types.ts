/** Shapes the widget exchanges with the web chat API (mirrors core/conversation/messages.ts Reply). */
export interface WChoice {
  id: string;
  label: string;
}

/** A bot reply as the widget receives it. */
export interface WReply {
  text: string;
  choices?: WChoice[];
  link?: { url: string; label: string };
  kind?: "days" | "slots";
}

/** One entry of the conversation history. */
export interface WHistoryEntry {
  direction: "in" | "out";
  text: string;
  choices?: WChoice[];
  link?: { url: string; label: string };
  kind?: "days" | "slots";
  at?: string;
}

/** The widget's UI strings for one language (locales/<lang>/widget.json, inlined at serve time). */
export type WStrings = Record<string, string>;

/** Widget languages. */
export type WLang = "sq" | "en";

declare global {
  /** Replaced by esbuild at serve time with { sq: {...}, en: {...} }. */
  const __REZERVO_STRINGS__: Record<WLang, WStrings>;
}
