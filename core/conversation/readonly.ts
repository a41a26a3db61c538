// What a turn run from an instance's copy of a conversation may call: the dialog services, with every call
// that is not listed as a read replaced by one that counts and throws TurnNeedsLoad.
import { TurnNeedsLoad } from "./dialog.ts";

/** The service calls that only read, by area: their names, or "*" for all of the area's. */
export type ServiceReads = Record<string, readonly string[] | "*">;

/**
 * The dialog services as a turn run from a copy sees them, built once: the calls listed in `reads` go
 * through to the port, any other one (a write, or a call nobody listed) counts in `blocked` and throws
 * TurnNeedsLoad. A turn during which the count moved is given up even if a dialog caught the error (and
 * so, harmlessly, is any turn that ran at the same time). Plain objects, not proxies: the dialogs' calls
 * stay as fast as on the ports themselves.
 */
export function readOnly<S>(services: S, reads: ServiceReads, blocked: { n: number }): S {
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
        view[name] = () => {
          blocked.n++;
          throw new TurnNeedsLoad(`${area}.${name}`);
        };
      }
    }
    out[area] = view;
  }
  return out as S;
}

