// The charts API's shape and what the history and summary screens derive from it.
import { call, motherPath } from "./api";
import { lang, t } from "./i18n";
import { prefs, tempIn, volumeIn } from "./prefs";
import type { Point, Series } from "./charts";
import type { Charts, Day } from "./wire";

export type { Charts, Day };

export const fetchCharts = (days: number) => call<Charts>("GET", motherPath(`/charts?days=${days}`));

// "27/11" in her language; the date is her local calendar date, so it is read as UTC midnight.
export function dayLabel(date: string): string {
  return new Intl.DateTimeFormat(lang.get(), { day: "numeric", month: "numeric", timeZone: "UTC" }).format(Date.parse(date));
}

export function range(c: Charts): { from: number; to: number } {
  return { from: Date.parse(c.from + "T00:00:00"), to: Date.parse(c.to + "T23:59:59") };
}

export const feedSeries = (c: Charts): Series[] => [
  { name: t("left"), cls: "s-left", values: c.per_day.map((d) => d.left_feeds) },
  { name: t("right"), cls: "s-right", values: c.per_day.map((d) => d.right_feeds) },
];
export const minuteSeries = (c: Charts): Series[] => [
  { name: t("left"), cls: "s-left", values: c.per_day.map((d) => d.left_minutes) },
  { name: t("right"), cls: "s-right", values: c.per_day.map((d) => d.right_minutes) },
];
export const pumpSeries = (c: Charts): Series[] => [
  { name: t("left"), cls: "s-left", values: c.per_day.map((d) => volumeIn(d.pump_left_ml)) },
  { name: t("right"), cls: "s-right", values: c.per_day.map((d) => volumeIn(d.pump_right_ml)) },
  { name: t("not_by_side"), cls: "s-total", values: c.per_day.map((d) => volumeIn(d.pump_unsided_ml)) },
];
export const intervalPoints = (c: Charts): Point[] =>
  c.feed_intervals.map((i) => ({ at: Date.parse(i.at), value: i.hours, cls: "s-total" }));
export const temperaturePoints = (c: Charts): Point[] =>
  c.temperatures.map((x) => ({ at: Date.parse(x.at), value: tempIn(x.temp_c, prefs.get().temp), cls: "s-temp" }));
export const painPoints = (c: Charts): Point[] =>
  c.breast_checks.filter((b) => b.pain !== null).map((b) => ({
    at: Date.parse(b.at), value: b.pain!, cls: b.side === "left" ? "s-left" : "s-right",
    note: [t(b.side), ...b.clock.map((n) => t("at_oclock", { n })), ...(b.lump ? [t("lump")] : [])].join(", "),
  }));
