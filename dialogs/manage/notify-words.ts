import { fold } from "../../core/nlu/normalize.ts";

/** What a typed answer at the reminder channels asks for. */
export type NotifyWish =
  /** Channels to add and to take off; `only`: exactly the ones named ("vetëm me email", "only SMS"). */
  | { kind: "set"; add: string[]; remove: string[]; only: boolean }
  /** Back to the default ("si më parë", "default"). */
  | { kind: "reset" }
  /** Nothing more to change ("mjaft", "that's all", "ok"). */
  | { kind: "done" };

// Each channel's words, folded (no ë/ç). "text messages", «mesazh» are SMS; "chat", «këtu» the web chat.
const CHANNELS: [string, RegExp][] = [
  ["email", /\b(?:e-?mail\w*|imell\w*|mail\w*)\b/g],
  ["sms", /\b(?:sms\w*|mesazh\w*|texts?|text messages?|messages?)\b/g],
  ["whatsapp", /\b(?:whats\s?app\w*|uacap\w*|vocap\w*)\b/g],
  ["telegram", /\btelegram\w*\b/g],
  ["web", /\b(?:web\s?chat|chat\w*|web|ketu|here|widget)\b/g],
];

// A channel not wanted: "no email", "not by SMS", «pa sms», «jo me email», «hiqe email-in», "stop the texts",
// "instead of SMS", «në vend të SMS-it», «mos më dërgoni SMS», "don't send me texts".
const NOT_BEFORE = /(?:\binstead of|\bdon t|\bdont|\brather than|\bne vend te|\bno|\bnot|\bwithout|\bstop|\bremove|\bdrop|\bpa|\bjo|\bmos|\bhiq\w*|\bndal\w*)\s+(?:(?:by|via|with|on|the|any|more|me|ne|per|te|ma|m|i|dergo\w*|send(?:ing)?|njofto\w*)\s+){0,3}$/;
// After it: "email no", «email-i jo», "SMS off".
const NOT_AFTER = /^\s*(?:-\s*)?(?:\w+\s+)?(?:no|jo|off)\b/;
const ONLY = /\b(?:only|just|vetem|veç|vec|vetëm)\b|\binstead\b|\bne vend\b/;
const RESET = /\b(?:default|parazgjedh\w*|si (?:me )?(?:pare|ishte|ishin)|reset\w*|as (?:before|it was)|fillestar\w*)\b/;
const DONE = /^(?:done|ok|okay|okej|mire|mir|perfekt|mjaft|kaq|mbaro|mbarova|mbaruam|that s all|thats all|that s it|thats it|all good|fine|faleminderit|flm|thanks|thank you|rregull|ne rregull|u be|gati)\b/;

/** Reads a typed answer at the reminder channels; null when it says none of these things. */
export function readNotifyWish(text: string): NotifyWish | null {
  const f = fold(text).replace(/['’]/g, " ").replace(/\s+/g, " ").trim();
  const add: string[] = [];
  const remove: string[] = [];
  for (const [channel, re] of CHANNELS) {
    for (const m of f.matchAll(re)) {
      const before = f.slice(0, m.index);
      const after = f.slice(m.index + m[0].length);
      const not = NOT_BEFORE.test(before) || NOT_AFTER.test(after);
      const list = not ? remove : add;
      if (!list.includes(channel)) list.push(channel);
    }
  }
  if (add.length || remove.length) {
    return { kind: "set", add: add.filter((c) => !remove.includes(c)), remove, only: ONLY.test(f) && add.length > 0 };
  }
  if (RESET.test(f)) return { kind: "reset" };
  if (DONE.test(f)) return { kind: "done" };
  return null;
}
