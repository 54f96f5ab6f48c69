// Where she is on one chained clock (weeks of pregnancy, then weeks after the birth), her
// hospital's card for it and her registration with the hospital (GET /mothers/{id}/week). The
// clock changes once a day, but the hospital may confirm her or record the birth at any time: it
// is asked again after a minute (a home visited ten times in a minute asks once), when her dates
// change, and kept on the phone so home shows it offline too.
import { call, motherPath } from "./api";
import { lang } from "./i18n";
import { localDate } from "./protocol";
import { keep, kept, signal } from "./state";
import type { MotherWeek } from "./wire";

const KEY = "tia.week";
interface Asked { path: string; lang: string; day: string; at?: number; week: MotherWeek }
const FRESH_MS = 60_000;

export const week = signal<Asked | null>(kept<Asked>(KEY));

// The week of the mother the app shows now, as last asked (null before it was ever asked).
export function weekOf(asked: Asked | null): MotherWeek | null {
  return asked && asked.path === motherPath("/week") ? asked.week : null;
}

export function refreshWeek(): void {
  const path = motherPath("/week");
  const l = lang.get();
  const asked = week.get();
  if (asked && asked.path === path && asked.lang === l && asked.day === localDate() &&
      Date.now() - (asked.at ?? 0) < FRESH_MS) return;
  call<MotherWeek>("GET", `${path}?lang=${l}`).then((w) => {
    const next = { path, lang: l, day: localDate(), at: Date.now(), week: w };
    keep(KEY, next);
    week.set(next);
  }).catch(() => {});
}

// Her due date, last period or baby's birth date changed: the next home asks again.
export function forgetWeek(): void {
  keep(KEY, null);
  week.set(null);
}
