// Where she is on one chained clock (weeks of pregnancy, then weeks after the birth) and her
// hospital's card for it (GET /mothers/{id}/week). It changes at most once a day, so it is asked
// once a day per mother and language, again when her dates change in Settings, and kept on the
// phone so home shows it offline too.
import { call, motherPath } from "./api";
import { lang } from "./i18n";
import { localDate } from "./protocol";
import { keep, kept, signal } from "./state";
import type { MotherWeek } from "./wire";

const KEY = "tia.week";
interface Asked { path: string; lang: string; day: string; week: MotherWeek }

export const week = signal<Asked | null>(kept<Asked>(KEY));

// The week of the mother the app shows now, as last asked (null before it was ever asked).
export function weekOf(asked: Asked | null): MotherWeek | null {
  return asked && asked.path === motherPath("/week") ? asked.week : null;
}

export function refreshWeek(): void {
  const path = motherPath("/week");
  const l = lang.get();
  const asked = week.get();
  if (asked && asked.path === path && asked.lang === l && asked.day === localDate()) return;
  call<MotherWeek>("GET", `${path}?lang=${l}`).then((w) => {
    const next = { path, lang: l, day: localDate(), week: w };
    keep(KEY, next);
    week.set(next);
  }).catch(() => {});
}

// Her due date, last period or baby's birth date changed: the next home asks again.
export function forgetWeek(): void {
  keep(KEY, null);
  week.set(null);
}
