// A refusal from the server, as she reads it: the server's sentence (already in her language, by
// Accept-Language), after the name of the field it is about, with the hospital's numbers tappable.
import { ApiError } from "./api";
import { t, type Key } from "./i18n";
import { contact, FALLBACK_EMERGENCY } from "./contact";

// The fields a person types, by the label her screen shows for them; others need no label.
const LABELS: Record<string, Key> = {
  email: "email", password: "password", display_name: "your_name", hospital_code: "hospital",
  current_password: "password", temp_c: "temperature", reason: "why",
  phone: "phone_number", code: "code", new_password: "new_password",
};

export function problemText(err: unknown, fallback: Key = "error_generic"): string {
  if (!(err instanceof ApiError)) return t(fallback);
  const key = err.field?.split("/").filter(Boolean).pop() ?? "";
  return LABELS[key] ? `${t(LABELS[key])}: ${err.detail}` : err.detail;
}

function knownNumbers(): string[] {
  const c = contact.get();
  return [c?.emergency ?? FALLBACK_EMERGENCY, c?.hotline ?? ""].filter(Boolean).sort((a, b) => b.length - a.length);
}

// The text with the hospital's emergency number and hotline as tel: links.
export function Tappable({ text }: { text: string }) {
  const numbers = knownNumbers();
  if (numbers.length === 0) return <>{text}</>;
  const escaped = numbers.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = text.split(new RegExp(`(?<![\\d])(${escaped.join("|")})(?![\\d])`));
  return <>{parts.map((p, i) => (i % 2 === 1 ? <a key={i} class="tel" href={`tel:${p.replace(/\s/g, "")}`}>{p}</a> : p))}</>;
}

// An error paragraph: role=alert, numbers tappable.
export function ProblemLine({ text, testId }: { text: string; testId?: string }) {
  return text ? <p class="error" role="alert" data-testid={testId}><Tappable text={text} /></p> : null;
}
