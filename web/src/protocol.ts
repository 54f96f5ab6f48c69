// The symptom check's questions are the care protocol's, not the app's: they come from
// rules/mastitis.toml through `tia rules questions` (bundled here as protocol.json, so they are
// asked offline) or, when the server runs a newer protocol, from GET /api/v1/symptom-check/questions.
// This module turns her answers into the engine's input and tells which question is asked next and
// whether the answers already show an emergency (the E rules), on the phone, without a connection.
import bundled from "./protocol.json";
import { compile, holds, type Compiled, type Value, type Values } from "./expr";

import type { Field, Form, Option, Question, Questions as ProtocolDoc, Text } from "./wire";

export type { Field, Form, Option, ProtocolDoc, Question, Text, Value, Values };

export const SECTIONS = ["about_you", "breast", "body", "course", "baby", "worry"] as const;

// One answer per question, in the shape of its form. `null` is "I don't know".
export type Answer = boolean | string | number | string[] | { birth: number; latest: number } | null;

export class Protocol {
  readonly doc: ProtocolDoc;
  private derived: { name: string; f: Compiled }[];
  private askWhen = new Map<string, Compiled>();
  private emergencyRules: { id: string; f: Compiled; reason: Text }[];

  constructor(doc: ProtocolDoc) {
    this.doc = doc;
    this.derived = doc.derived.map((d) => ({ name: d.name, f: compile(d.value) }));
    for (const q of doc.questions) this.askWhen.set(q.id, compile(q.ask_when));
    this.emergencyRules = doc.emergency.map((e) => ({ id: e.id, f: compile(e.when), reason: e.reason }));
  }

  get version(): string { return this.doc.protocol.version; }

  // Every input at its neutral value, then what is known, then the derived values.
  values(known: Values): Values {
    const v: Values = {};
    for (const [name, f] of Object.entries(this.doc.fields)) v[name] = name in known ? known[name] : f.neutral;
    for (const d of this.derived) v[d.name] = d.f(v);
    return v;
  }

  asked(q: Question, v: Values): boolean {
    return holds(this.askWhen.get(q.id)!, v);
  }

  // The emergency rules that hold (the phone's own check; the server's result is the one kept).
  emergency(v: Values): { id: string; reason: Text }[] {
    return this.emergencyRules.filter((e) => holds(e.f, v)).map(({ id, reason }) => ({ id, reason }));
  }

  // The engine input her answers give, question by question in protocol order, starting from what
  // the log knows: a question counts only when it is asked given everything before it (so changing
  // an earlier answer drops what no longer applies). Two questions may fill one yes/no input
  // (diabetes; weakened immunity): either one's yes counts.
  input(known: Values, answers: Record<string, Answer | undefined>, today: string): { answers: Values; values: Values } {
    const given: Values = {};
    for (const q of this.doc.questions) {
      const a = answers[q.id];
      if (a === undefined) continue;
      if (!this.asked(q, this.values({ ...known, ...given }))) continue;
      for (const [field, value] of Object.entries(this.fieldsOf(q, a, today))) {
        if (typeof value === "boolean" && given[field] === true) continue;
        given[field] = value;
      }
    }
    return { answers: given, values: this.values({ ...known, ...given }) };
  }

  // What one answer sets.
  fieldsOf(q: Question, a: Answer, today: string): Values {
    const field = q.fills[0];
    switch (q.form) {
      case "checks": {
        const ticked = new Set(a as string[]);
        return Object.fromEntries(q.options.map((o) => [o.field!, ticked.has(o.field!)]));
      }
      case "date":
        return { [field]: a === null ? null : daysBetween(a as string, today) };
      case "weights": {
        if (a === null) return { [field]: null };
        const { birth, latest } = a as { birth: number; latest: number };
        return { [field]: Math.max(-50, Math.round(((birth - latest) / birth) * 1000) / 10) };
      }
      default:
        return { [field]: a as Value };
    }
  }
}

// Whole days from one local date (YYYY-MM-DD) to another.
export function daysBetween(from: string, to: string): number {
  const ms = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(to) - ms(from)) / 86400000);
}

export function localDate(ms = Date.now()): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

// The protocol the app asks: the server's when it runs another version (kept for offline use),
// else the one bundled with the shell.
const CACHE = "tia.protocol";
let current: Protocol | null = null;

export function protocol(): Protocol {
  if (current) return current;
  const cached = localStorage.getItem(CACHE);
  let doc = bundled as unknown as ProtocolDoc;
  try {
    if (cached) doc = JSON.parse(cached) as ProtocolDoc;
  } catch {
    localStorage.removeItem(CACHE);
  }
  current = new Protocol(doc);
  return current;
}

export async function refreshProtocol(): Promise<void> {
  try {
    const res = await fetch("/api/v1/symptom-check/questions", { credentials: "same-origin" });
    if (!res.ok) return;
    const doc = (await res.json()) as ProtocolDoc;
    if (doc.protocol.version === protocol().version) return;
    localStorage.setItem(CACHE, JSON.stringify(doc));
    current = new Protocol(doc);
  } catch {
    // offline: keep what we have
  }
}

export { compile, holds } from "./expr";
