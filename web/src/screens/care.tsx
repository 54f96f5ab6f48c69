import { useState } from "preact/hooks";
import { isoLocal } from "../api";
import { t, type Key } from "../i18n";
import { enqueue } from "../outbox";
import { ProblemLine } from "../problem";

// What she did for her breasts or took for them: a cold pack, light strokes towards the armpit,
// rest, a pain reliever, the start of an antibiotic. The symptom check reads these (hours on an
// antibiotic, care already tried), so she logs them here instead of answering again. Tia records
// what she took; it does not suggest a medicine or a dose.
const ACTIONS = ["cold_pack", "light_strokes_to_armpit", "rest", "pain_relief", "antibiotic_started"] as const;
type Action = (typeof ACTIONS)[number];
const MEDICINE: readonly Action[] = ["pain_relief", "antibiotic_started"];
const SIDED: readonly Action[] = ["cold_pack", "light_strokes_to_armpit"];
const TIMED: readonly Action[] = ["cold_pack", "light_strokes_to_armpit", "rest"];

export function Care({ done }: { done: () => void }) {
  const [action, setAction] = useState<Action>("cold_pack");
  const [error, setError] = useState("");

  async function save(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const when = text("when");
    const body: Record<string, unknown> = { occurred_at: isoLocal(when ? Date.parse(when) : Date.now()), action };
    if (SIDED.includes(action) && text("side")) body.side = text("side");
    if (TIMED.includes(action) && text("minutes")) body.minutes = Number(text("minutes"));
    if (MEDICINE.includes(action)) {
      if (!text("medicine")) {
        setError(t("care_medicine_needed"));
        return;
      }
      body.medicine = text("medicine");
      if (text("dose_mg")) body.dose_mg = Number(text("dose_mg"));
    }
    await enqueue({ kind: "care_action", id: crypto.randomUUID(), body });
    done();
  }

  return (
    <main class="screen care">
      <h1>{t("care_title")}</h1>
      <form onSubmit={save} onInput={() => setError("")}>
        <fieldset>
          <legend>{t("care_what")}</legend>
          {ACTIONS.map((a) => (
            <label class="check" key={a}>
              <input type="radio" name="action" value={a} checked={action === a} onChange={() => { setAction(a); setError(""); }} />
              <span>{t(`care_${a}` as Key)}</span>
            </label>
          ))}
        </fieldset>
        {SIDED.includes(action) && (
          <fieldset>
            <legend>{t("care_side")}</legend>
            {(["left", "right", "both"] as const).map((s) => (
              <label class="check" key={s}><input type="radio" name="side" value={s} /><span>{t(`care_side_${s}` as Key)}</span></label>
            ))}
          </fieldset>
        )}
        {MEDICINE.includes(action) && (
          <>
            <label>{t("care_medicine")}<input name="medicine" maxLength={100} autocomplete="off" /></label>
            <label>{t("care_dose")}<input name="dose_mg" type="number" inputMode="decimal" min="0.001" max="5000" step="any" /></label>
            <p class="note">{t("care_medicine_note")}</p>
          </>
        )}
        {TIMED.includes(action) && (
          <label>{t("care_minutes")}<input name="minutes" type="number" inputMode="numeric" min="1" max="600" step="1" /></label>
        )}
        <label>{t("care_when")}<input name="when" type="datetime-local" /><span class="note">{t("care_when_note")}</span></label>
        <ProblemLine text={error} />
        <button class="primary big-button" type="submit">{t("save")}</button>
      </form>
    </main>
  );
}
