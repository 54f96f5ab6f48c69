import { useState } from "preact/hooks";
import { isoLocal } from "../api";
import { t, type Key } from "../i18n";
import { enqueue } from "../outbox";
import { prefs, setPrefs, type Volume } from "../prefs";
import { ProblemLine } from "../problem";

const METHODS = ["electric_double", "electric_single", "manual_pump", "hand_expression"] as const;

export function Pump({ done }: { done: () => void }) {
  const [unit, setUnit] = useState<Volume>(prefs.get().volume);
  const [total, setTotal] = useState(false);
  const [error, setError] = useState("");

  async function save(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const num = (k: string) => (String(f.get(k) ?? "").trim() === "" ? undefined : Number(f.get(k)));
    const body: Record<string, unknown> = { occurred_at: isoLocal(Date.now()), method: f.get("method") };
    const amounts = total ? { total: num("total") } : { left: num("left"), right: num("right") };
    for (const [k, v] of Object.entries(amounts)) if (v !== undefined) body[`${k}_${unit}`] = v;
    if (Object.values(amounts).every((v) => v === undefined)) {
      setError(t("need_an_amount"));
      return;
    }
    const minutes = num("minutes");
    if (minutes !== undefined) body.duration_min = minutes;
    setPrefs({ volume: unit });
    await enqueue({ kind: "pump", id: crypto.randomUUID(), body });
    done();
  }

  return (
    <main class="screen pump">
      <h1>{t("pump_title")}</h1>
      <form onSubmit={save}>
        <label>
          {t("method")}
          <select name="method">
            {METHODS.map((m) => <option value={m}>{t(`m_${m}` as Key)}</option>)}
          </select>
        </label>
        <fieldset>
          <legend>{t("unit")}</legend>
          {(["ml", "oz"] as const).map((u) => (
            <label class="check" key={u}>
              <input type="radio" name="unit" checked={unit === u} onChange={() => setUnit(u)} />
              <span>{u === "ml" ? "mL" : "oz"}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("per_side_or_total")}</legend>
          <label class="check"><input type="radio" name="split" checked={!total} onChange={() => setTotal(false)} /><span>{t("by_side")}</span></label>
          <label class="check"><input type="radio" name="split" checked={total} onChange={() => setTotal(true)} /><span>{t("total_only")}</span></label>
        </fieldset>
        {total ? (
          <label>{t("total_amount")} ({unit === "ml" ? "mL" : "oz"})
            <input name="total" type="number" inputMode="decimal" min="0" step="any" /></label>
        ) : (
          <div class="sides">
            <label>{t("left_amount")} ({unit === "ml" ? "mL" : "oz"})
              <input name="left" type="number" inputMode="decimal" min="0" step="any" /></label>
            <label>{t("right_amount")} ({unit === "ml" ? "mL" : "oz"})
              <input name="right" type="number" inputMode="decimal" min="0" step="any" /></label>
          </div>
        )}
        <label>{t("minutes")}<input name="minutes" type="number" inputMode="numeric" min="1" max="240" /></label>
        <ProblemLine text={error} />
        <button class="primary big-button" type="submit">{t("save")}</button>
      </form>
    </main>
  );
}
