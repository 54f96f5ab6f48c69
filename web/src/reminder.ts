// The re-check reminder: kept on the phone, shown in the app when due, and as a notification
// where the mother allowed them (while the app is open; a push service is not part of Tia yet).
import { t } from "./i18n";
import { signal } from "./state";

export interface Reminder { due: number; checkId: string }
const KEY = "tia.recheck";
export const reminder = signal<Reminder | null>(JSON.parse(localStorage.getItem(KEY) ?? "null"));
let timer: number | undefined;

export function schedule(r: Reminder | null): void {
  if (r) localStorage.setItem(KEY, JSON.stringify(r));
  else localStorage.removeItem(KEY);
  reminder.set(r);
  arm();
}

export function arm(): void {
  clearTimeout(timer);
  const r = reminder.get();
  if (!r) return;
  const wait = r.due - Date.now();
  if (wait > 0 && wait < 2 ** 31 - 1) {
    timer = window.setTimeout(() => {
      reminder.set({ ...r });  // re-render: it is due now
      if ("Notification" in window && Notification.permission === "granted") new Notification("Tia", { tag: "recheck", body: t("recheck_due") });
    }, wait);
  }
}
