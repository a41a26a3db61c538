import type { ErasureResult } from "./service.ts";

/** Privacy rights as the dialogs see them: a download link and erasure, for what the chat may see. */
export interface PrivacyPort {
  /** A signed link to a JSON export of the proven person's data, valid for 24 hours. */
  exportLink(conversationId: string, now: Date): string;
  /** Erases the proven person's data; null for an unknown conversation. */
  erase(conversationId: string, now: Date): Promise<ErasureResult | null>;
}
