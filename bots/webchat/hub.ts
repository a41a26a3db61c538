import { EventEmitter } from "node:events";
import type { Reply } from "../../core/conversation/messages.ts";

/**
 * Live delivery of bot-initiated replies to open web chat connections in this process.
 * (Cross-instance fan-out is added by the widget's live channel.)
 */
export class WebHub {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  publish(conversationId: string, replies: Reply[]): void {
    this.emitter.emit(conversationId, replies);
  }
  subscribe(conversationId: string, fn: (replies: Reply[]) => void): () => void {
    this.emitter.on(conversationId, fn);
    return () => this.emitter.off(conversationId, fn);
  }
}
