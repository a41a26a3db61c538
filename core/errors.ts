/** A domain error whose `code` is a locale key (e.g. "errors:slot_taken"), shown to the customer. */
export class DomainError extends Error {
  constructor(public readonly code: string, public readonly vars?: Record<string, unknown>) {
    super(code);
    this.name = "DomainError";
  }
}
