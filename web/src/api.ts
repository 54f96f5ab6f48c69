// The server's API: cookie session (HttpOnly) plus the CSRF token for writes.
import { lang } from "./i18n";
import { signal } from "./state";
import type { Shared, User } from "./wire";

export type { Shared, User } from "./wire";

export const me = signal<User | null>(null);
let csrf = "";

export class ApiError extends Error {
  constructor(public status: number, public detail: string, public field?: string) {
    super(detail);
  }
}

export async function call<T = any>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  // Started offline, the app has no CSRF token yet: fetch it before the first write.
  if (method !== "GET" && !csrf && me.get() && !path.startsWith("/api/v1/auth/")) await restore();
  // The server answers in the app's language (results, messages, refusals), whatever the phone's.
  const headers: Record<string, string> = { "Accept-Language": lang.get(), ...extra };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, json?.detail ?? res.statusText, json?.field);
  return json as T;
}

// A GET whose answer is a file (a CSV table), byte for byte (text() would drop a UTF-8 BOM, which
// spreadsheet programs need to read Vietnamese).
export async function callFile(path: string): Promise<Blob> {
  const res = await fetch(path, { headers: { "Accept-Language": lang.get() }, credentials: "same-origin" });
  if (!res.ok) {
    let detail = res.statusText;
    try { detail = JSON.parse(await res.text()).detail ?? detail; } catch { /* not a problem document */ }
    throw new ApiError(res.status, detail);
  }
  return res.blob();
}

// A file the browser keeps in her downloads.
export function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// A photo as the raw body of a PUT; the server decides from the bytes what it is.
export async function upload<T = any>(path: string, file: Blob, method: "PUT" | "POST" = "PUT"): Promise<T> {
  if (!csrf && me.get()) await restore();
  const res = await fetch(path, {
    method,
    headers: { "Content-Type": file.type || "application/octet-stream", "X-CSRF-Token": csrf, "Accept-Language": lang.get() },
    body: file,
    credentials: "same-origin",
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, json?.detail ?? res.statusText, json?.field);
  return json as T;
}

function signedIn(r: { user: User; csrf_token: string }): User {
  csrf = r.csrf_token;
  setMe(r.user);
  return r.user;
}

// Who is signed in, kept for starting offline.
export function setMe(user: User): void {
  localStorage.setItem("tia.user", JSON.stringify(user));
  me.set(user);
}

// On start: who is signed in. Offline, the last known user keeps the app usable.
export async function restore(): Promise<void> {
  try {
    const r = await call<User & { csrf_token: string }>("GET", "/api/v1/auth/me");
    signedIn({ user: r, csrf_token: r.csrf_token });
  } catch (e) {
    const cached = localStorage.getItem("tia.user");
    if (e instanceof ApiError && e.status === 401) {
      localStorage.removeItem("tia.user");
      me.set(null);
    } else if (cached) {
      me.set(JSON.parse(cached));
    }
  }
}

export async function register(email: string, password: string, name: string, hospital: string) {
  const r = await call("POST", "/api/v1/auth/register", {
    email, password, display_name: name, hospital_code: hospital, token_type: "cookie",
    consent: { text_version: "care-data-2026-11", accepted: true },
  });
  return signedIn(r);
}

export async function joinAsCaregiver(code: string, email: string, password: string, name: string) {
  signedIn(await call("POST", "/api/v1/auth/register-caregiver", {
    invite_code: code.trim(), email, password, display_name: name, token_type: "cookie" }));
  await restore();  // the session's user does not list whose log she shares; /auth/me does
}

export async function login(email: string, password: string) {
  const u = signedIn(await call("POST", "/api/v1/auth/login", { email, password, token_type: "cookie" }));
  if (u.role === "caregiver") await restore();
}

// Signing in with her phone number and the code sent to it.
export async function signInWithCode(phone: string, code: string) {
  const u = signedIn(await call("POST", "/api/v1/auth/code/login", { phone, code, token_type: "cookie" }));
  if (u.role === "caregiver") await restore();
}

// A forgotten password: `who` is the e-mail address or the phone number the code went to.
export function resetTarget(who: string): { email: string } | { phone: string } {
  return who.includes("@") ? { email: who.trim() } : { phone: who };
}
export async function resetPassword(who: string, code: string, password: string) {
  const u = signedIn(await call("POST", "/api/v1/auth/password-reset/confirm", {
    ...resetTarget(who), code, new_password: password, token_type: "cookie" }));
  if (u.role === "caregiver") await restore();
}

export async function logout() {
  try {
    await call("POST", "/api/v1/auth/logout");
  } finally {
    localStorage.removeItem("tia.user");
    me.set(null);
  }
}

// The mother whose record a clinician has open in the workspace (reads only, each one audited).
export const viewing = signal<{ id: string; name: string } | null>(null);

// Whose log this app writes to: her own, or for a caregiver the mother who shared with her; for a
// clinician, whose record she is reading.
export function actingFor(): { id: string; name: string; scope: Shared["scope"] | "own" } | null {
  const u = me.get();
  if (!u) return null;
  if (u.role === "clinician") {
    const v = viewing.get();
    return v ? { ...v, scope: "own" } : null;
  }
  if (u.role !== "caregiver") return { id: u.id, name: u.display_name, scope: "own" };
  const s = u.shared_with_me?.[0];
  return s ? { id: s.mother_id, name: s.display_name, scope: s.scope } : null;
}

// A caregiver sharing only the baby's log sees the baby's screens, not the mother's health.
export const canSeeMother = () => actingFor()?.scope !== "baby";

export function motherPath(suffix: string): string {
  return `/api/v1/mothers/${actingFor()?.id ?? me.get()!.id}${suffix}`;
}

// RFC 3339 in the phone's own offset, e.g. 2026-11-27T03:12:00+07:00.
export function isoLocal(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? "+" : "-";
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, "0");
  const local = new Date(ms + off * 60000).toISOString().slice(0, 19);
  return `${local}${sign}${pad(off / 60)}:${pad(off % 60)}`;
}
