import { useState } from "preact/hooks";
import { isoLocal } from "../api";
import { t, type Key } from "../i18n";
import { enqueue } from "../outbox";

const METHODS = ["electric_double", "electric_single", "manual_pump", "hand_expression"] as const;

export function Pump({ done }: { done: () => void }) {
  const [unit, setUnit] = useState<"ml" | "oz">((localStorage.getItem("tia.volume") as "ml" | "oz") || "ml");
  const [error, setError] = useState("");

  async function save(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const num = (k: string) => (String(f.get(k) ?? "").trim() === "" ? undefined : Number(f.get(k)));
    const left = num("left");
    const right = num("right");
    if (left === undefined && right === undefined) {
      setError(t("need_a_side"));
      return;
    }
    const body: Record<string, unknown> = { occurred_at: isoLocal(Date.now()), method: f.get("method") };
    if (left !== undefined) body[`left_${unit}`] = left;
    if (right !== undefined) body[`right_${unit}`] = right;
    const minutes = num("minutes");
    if (minutes !== undefined) body.duration_min = minutes;
    localStorage.setItem("tia.volume", unit);
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
        <div class="sides">
          <label>{t("left_amount")} ({unit === "ml" ? "mL" : "oz"})
            <input name="left" type="number" inputMode="decimal" min="0" step="any" /></label>
          <label>{t("right_amount")} ({unit === "ml" ? "mL" : "oz"})
            <input name="right" type="number" inputMode="decimal" min="0" step="any" /></label>
        </div>
        <label>{t("minutes")}<input name="minutes" type="number" inputMode="numeric" min="1" max="240" /></label>
        {error && <p class="error" role="alert">{error}</p>}
        <button class="primary big-button" type="submit">{t("save")}</button>
      </form>
    </main>
  );
}
