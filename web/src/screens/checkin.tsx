import { useState } from "preact/hooks";
import { isoLocal } from "../api";
import { t, type Key } from "../i18n";
import { enqueue } from "../outbox";
import { prefs, setPrefs, type TempUnit } from "../prefs";
import { ProblemLine } from "../problem";

type SideKey = "left" | "right";
const NIPPLE = ["sore", "cracked", "crack_pus_or_crust", "white_spot"] as const;
const REDNESS = ["none", "focal", "one_third_or_more"] as const;

interface SideState { clocks: number[]; pain: number | null; redness: string; nipple: string[] }
const empty = (): SideState => ({ clocks: [], pain: null, redness: "none", nipple: [] });

function touched(s: SideState): boolean {
  return s.clocks.length > 0 || s.pain !== null || s.redness !== "none" || s.nipple.length > 0;
}

// One breast as a clock face: twelve buttons around the nipple, as a midwife would describe it.
function ClockFace({ side, value, onChange }: { side: SideKey; value: number[]; onChange: (v: number[]) => void }) {
  return (
    <div class="clock" role="group" aria-label={t(side === "left" ? "side_left" : "side_right")}>
      {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => {
        const on = value.includes(n);
        return (
          <button type="button" class={`hour h${n}${on ? " on" : ""}`} aria-pressed={on}
                  aria-label={`${t(side === "left" ? "side_left" : "side_right")} ${t("at_oclock", { n })}`}
                  onClick={() => onChange(on ? value.filter((x) => x !== n) : [...value, n])}>
            {n}
          </button>
        );
      })}
      <span class="nipple-dot" aria-hidden="true" />
    </div>
  );
}

export function CheckIn({ done }: { done: () => void }) {
  const [sides, setSides] = useState<Record<SideKey, SideState>>({ left: empty(), right: empty() });
  const [tempUnit, setTempUnit] = useState<TempUnit>(prefs.get().temp);
  const [error, setError] = useState("");
  const update = (side: SideKey, patch: Partial<SideState>) => setSides({ ...sides, [side]: { ...sides[side], ...patch } });

  async function save(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const now = Date.now();
    const body: Record<string, unknown> = { occurred_at: isoLocal(now) };
    for (const side of ["left", "right"] as SideKey[]) {
      const s = sides[side];
      if (!touched(s)) continue;
      const out: Record<string, unknown> = { locations: s.clocks.map((clock) => ({ clock })), redness: s.redness };
      if (s.pain !== null) out.pain = s.pain;
      if (s.nipple.length) out.nipple = s.nipple;
      body[side] = out;
    }
    const temp = String(f.get("temp") ?? "").trim();
    if (!body.left && !body.right && temp === "") {
      setError(t("need_a_side"));
      return;
    }
    if (body.left || body.right) await enqueue({ kind: "breast_check", id: crypto.randomUUID(), body });
    if (temp !== "") {
      setPrefs({ temp: tempUnit });
      await enqueue({ kind: "temperature", id: crypto.randomUUID(), body: {
        occurred_at: isoLocal(now), [`temp_${tempUnit}`]: Number(temp.replace(",", ".")),
        chills: f.get("chills") === "on", feels_very_unwell: f.get("unwell") === "on",
      } });
    }
    done();
  }

  return (
    <main class="screen checkin">
      <h1>{t("check_title")}</h1>
      <form onSubmit={save}>
        {(["left", "right"] as SideKey[]).map((side) => {
          const s = sides[side];
          return (
            <fieldset key={side}>
              <legend>{t(side === "left" ? "side_left" : "side_right")}</legend>
              <p>{t("where_hurts")}</p>
              <ClockFace side={side} value={s.clocks} onChange={(clocks) => update(side, { clocks })} />
              <label>
                <span>{t("pain")}: <output data-testid={`pain-${side}`}>{s.pain === null ? t("pain_not_given") : `${s.pain}/10`}</output></span>
                <input type="range" min="0" max="10" step="1" value={s.pain ?? 0}
                       aria-valuetext={String(s.pain ?? 0)}
                       onInput={(e) => update(side, { pain: Number((e.target as HTMLInputElement).value) })} />
              </label>
              <fieldset>
                <legend>{t("redness")}</legend>
                <p class="note">{t("redness_note")}</p>
                {REDNESS.map((r) => (
                  <label class="check" key={r}>
                    <input type="radio" name={`redness-${side}`} checked={s.redness === r}
                           onChange={() => update(side, { redness: r })} />
                    <span>{t(`r_${r}` as Key)}</span>
                  </label>
                ))}
              </fieldset>
              <fieldset>
                <legend>{t("nipple")}</legend>
                {NIPPLE.map((n) => (
                  <label class="check" key={n}>
                    <input type="checkbox" checked={s.nipple.includes(n)}
                           onChange={() => update(side, { nipple: s.nipple.includes(n) ? s.nipple.filter((x) => x !== n) : [...s.nipple, n] })} />
                    <span>{t(`n_${n}` as Key)}</span>
                  </label>
                ))}
              </fieldset>
            </fieldset>
          );
        })}
        <fieldset>
          <legend>{t("temperature")}</legend>
          <div class="sides">
            <label>{t("temperature")} ({tempUnit === "c" ? "°C" : "°F"})
              <input name="temp" type="number" inputMode="decimal" step="0.1" min={tempUnit === "c" ? 30 : 86} max={tempUnit === "c" ? 45 : 113} /></label>
            <div role="group" aria-label={t("unit")} class="unit-toggle">
              {(["c", "f"] as const).map((u) => (
                <label class="check" key={u}>
                  <input type="radio" name="temp-unit" checked={tempUnit === u} onChange={() => setTempUnit(u)} />
                  <span>{u === "c" ? "°C" : "°F"}</span>
                </label>
              ))}
            </div>
          </div>
          <label class="check"><input type="checkbox" name="chills" /><span>{t("chills")}</span></label>
          <label class="check"><input type="checkbox" name="unwell" /><span>{t("very_unwell")}</span></label>
        </fieldset>
        <ProblemLine text={error} />
        <button class="primary big-button" type="submit">{t("save")}</button>
      </form>
    </main>
  );
}
