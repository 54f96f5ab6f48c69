// Where the hospital sends her: its hotline and emergency number (GET /api/v1/contact), kept on the
// phone for the times she is offline. One copy for every screen; fetched once per app start.
import { call } from "./api";
import { kept, signal } from "./state";
import type { Contact } from "./wire";

const KEY = "tia.contact";

// Offline on a phone that never reached the server: the national emergency number of Viet Nam, where
// Tia's hospitals are.
export const FALLBACK_EMERGENCY = "115";

export const contact = signal<Contact | null>(kept<Contact>(KEY));

let asked: Promise<void> | null = null;
export function refreshContact(): Promise<void> {
  asked ??= call<Contact>("GET", "/api/v1/contact").then((c) => {
    localStorage.setItem(KEY, JSON.stringify(c));
    contact.set(c);
  }).catch(() => { asked = null; });
  return asked;
}
