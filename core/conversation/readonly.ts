// What a turn run from an instance's copy of a conversation may call: the dialog services, with every call
// that is not listed as a read replaced by one that counts and throws TurnNeedsLoad.
import { TurnNeedsLoad } from "./dialog.ts";

/** The service calls that only read, by area: their names, or "*" for all of the area's. */
export type ServiceReads = Record<string, readonly string[] | "*">;

/** A turn being run from a copy, as a guarded call checks it (see {@link GuardedCalls}). */
export interface CopySeen {
  conversationId: string;
  /** The copy's version: the conversation's as long as no turn or notice on any instance changed it since. */
  version: number;
  /** The chat's id on its channel. */
  externalId: string;
  /** The chat's rate-limit counter (key, now in epoch ms) and the messages it may send in a window. */
  limit: { key: string; now: number; points: number };
}

/**
 * Writes a turn run from a copy may still make, because they check the copy themselves inside their
 * own transaction and write nothing when it is stale: by area and name, the call's arguments with the
 * copy added (`copyOf` finds the turn by its conversation id), or undefined when the call does not
 * belong to a turn run from a copy (then it is blocked like any other write).
 */
export type GuardedCalls = Record<string, Record<string, (args: unknown[], copyOf: (conversationId: string) => CopySeen | undefined) => unknown[] | undefined>>;

/**
 * The dialog services as a turn run from a copy sees them, built once: the calls listed in `reads` go
 * through to the port, those in `guarded` go through with the turn's copy added, any other one (a
 * write, or a call nobody listed) counts in `blocked` and throws TurnNeedsLoad. A turn during which the
 * count moved is given up even if a dialog caught the error (and so, harmlessly, is any turn that ran
 * at the same time). Plain objects, not proxies: the dialogs' calls stay as fast as on the ports
 * themselves.
 */
export function readOnly<S>(
  services: S, reads: ServiceReads, blocked: { n: number },
  guarded: GuardedCalls = {}, copyOf: (conversationId: string) => CopySeen | undefined = () => undefined,
): S {
  const out: Record<string, unknown> = {};
  for (const [area, port] of Object.entries(services as Record<string, unknown>)) {
    if (!port || typeof port !== "object") {
      out[area] = port;
      continue;
    }
    const allowed = reads[area];
    const view: Record<string, unknown> = {};
    const names = new Set<string>();
    for (let o: object | null = port; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      for (const name of Object.getOwnPropertyNames(o)) if (name !== "constructor") names.add(name);
    }
    const target = port as Record<string, unknown>;
    for (const name of names) {
      if (typeof target[name] !== "function") {
        Object.defineProperty(view, name, { get: () => target[name], enumerable: true });
      } else if (allowed === "*" || allowed?.includes(name)) {
        view[name] = (...args: unknown[]) => (target[name] as (...a: unknown[]) => unknown)(...args);
      } else {
        const guard = guarded[area]?.[name];
        view[name] = (...args: unknown[]) => {
          const checked = guard?.(args, copyOf);
          if (checked) return (target[name] as (...a: unknown[]) => unknown)(...checked);
          blocked.n++;
          throw new TurnNeedsLoad(`${area}.${name}`);
        };
      }
    }
    out[area] = view;
  }
  return out as S;
}

