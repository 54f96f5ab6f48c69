// The mother's display preferences, kept on this phone: units, light/dark theme, nursery mode.
// Applied as attributes on <html> so the stylesheet does the work (no inline styles under the CSP).
import { signal } from "./state";

export type Volume = "ml" | "oz";
export type TempUnit = "c" | "f";
export type Theme = "auto" | "light" | "dark";

export interface Prefs { volume: Volume; temp: TempUnit; theme: Theme; nursery: boolean }

const KEY = "tia.prefs";

function load(): Prefs {
  const saved = JSON.parse(localStorage.getItem(KEY) ?? "{}") as Partial<Prefs>;
  return {
    volume: saved.volume === "oz" ? "oz" : "ml",
    temp: saved.temp === "f" ? "f" : "c",
    theme: saved.theme === "light" || saved.theme === "dark" ? saved.theme : "auto",
    nursery: saved.nursery === true,
  };
}

export const prefs = signal<Prefs>(load());

export function applyPrefs(p: Prefs = prefs.get()): void {
  const root = document.documentElement;
  if (p.theme === "auto") root.removeAttribute("data-theme");
  else root.setAttribute("data-theme", p.theme);
  root.toggleAttribute("data-nursery", p.nursery);
}

export function setPrefs(patch: Partial<Prefs>): void {
  const next = { ...prefs.get(), ...patch };
  localStorage.setItem(KEY, JSON.stringify(next));
  prefs.set(next);
  applyPrefs(next);
}

// Stored values are mL and °C; these show them in her units.
export const ML_PER_OZ = 29.5735;
export function volumeIn(ml: number, unit: Volume = prefs.get().volume): number {
  return unit === "ml" ? Math.round(ml) : Math.round((ml / ML_PER_OZ) * 10) / 10;
}
export function tempIn(c: number, unit: TempUnit = prefs.get().temp): number {
  return unit === "c" ? Math.round(c * 10) / 10 : Math.round((c * 9 / 5 + 32) * 10) / 10;
}
export const volumeLabel = (u: Volume = prefs.get().volume) => (u === "ml" ? "mL" : "oz");
export const tempLabel = (u: TempUnit = prefs.get().temp) => (u === "c" ? "°C" : "°F");
