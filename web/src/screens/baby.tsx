import { useEffect, useState } from "preact/hooks";
import { call, isoLocal, motherPath } from "../api";
import { PointChart, type Point } from "../charts";
import { lang, t } from "../i18n";
import { ProblemLine, problemText } from "../problem";
import { useSignal } from "../state";
import type { InfantRecord } from "../wire";

interface Weight { id: string; occurred_at: string; weight_g: number; scale?: "clinic" | "home" }

// How far a weight is below the birth weight, in percent of it (negative: above it): the figure the
// symptom check reads as infant_weight_loss_percent. Shown as a fact; whether it matters is for the
// check's rules (S20, C15; NICE NG75).
export const belowBirthPercent = (birth: number, now: number) => Math.round(((birth - now) / birth) * 1000) / 10;

// The baby: name, birth date, birth weight and gestation (what the symptom check and the summary
// read), and the weights since, as a list and a chart against the birth weight.
export function Baby({ go }: { go: (screen: string) => void }) {
  const l = useSignal(lang);
  const [infant, setInfant] = useState<InfantRecord | null | undefined>(undefined);
  const [weights, setWeights] = useState<Weight[]>([]);
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");

  async function load() {
    try {
      const [babies, ws] = await Promise.all([
        call<{ items: InfantRecord[] }>("GET", motherPath("/infants?limit=1")),
        call<{ items: Weight[] }>("GET", motherPath("/infant-weights?limit=100")),
      ]);
      setInfant(babies.items[0] ?? null);
      setWeights(ws.items);
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
  }
  useEffect(() => { void load(); }, []);

  async function saveProfile(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const body: Record<string, unknown> = { birth_date: text("birth_date") };
    if (text("name")) body.name = text("name");
    if (text("birth_weight_g")) body.birth_weight_g = Number(text("birth_weight_g"));
    if (text("gestation_weeks")) body.gestation_weeks = Number(text("gestation_weeks"));
    try {
      const id = infant?.id ?? crypto.randomUUID();
      const extra: Record<string, string> = infant ? { "If-Match": String(infant.version) } : {};
      setInfant(await call<InfantRecord>("PUT", motherPath(`/infants/${id}`), body, extra));
      setStatus(t("saved"));
      setError("");
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
  }

  async function addWeight(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const when = String(f.get("when") ?? "");
    const body: Record<string, unknown> = {
      occurred_at: isoLocal(when ? Date.parse(when) : Date.now()), weight_g: Number(f.get("weight_g")), infant_id: infant!.id,
    };
    if (f.get("scale")) body.scale = f.get("scale");
    try {
      await call("PUT", motherPath(`/infant-weights/${crypto.randomUUID()}`), body);
      form.reset();
      setError("");
      void load();
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
  }

  if (infant === undefined) return <main class="screen baby"><h1>{t("baby_title")}</h1>{error ? <ProblemLine text={error} /> : <p class="note">{t("loading")}</p>}</main>;
  const birth = infant?.birth_weight_g;
  const sorted = [...weights].sort((a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at));
  const born = infant ? Date.parse(`${infant.birth_date}T00:00:00`) : 0;
  const points: Point[] = [
    ...(birth ? [{ at: born, value: birth, cls: "s-total", note: t("baby_birth_weight_short") }] : []),
    ...sorted.map((w) => ({ at: Date.parse(w.occurred_at), value: w.weight_g, cls: "s-total" })),
  ];
  const latest = sorted[sorted.length - 1];
  const below = birth && latest ? belowBirthPercent(birth, latest.weight_g) : null;
  const date = new Intl.DateTimeFormat(l, { day: "numeric", month: "numeric", hour: "2-digit", minute: "2-digit" });
  return (
    <main class="screen baby">
      <h1>{t("baby_title")}</h1>
      <form class="card" onSubmit={saveProfile} onInput={() => setStatus("")} aria-labelledby="baby-profile">
        <h2 id="baby-profile">{t("baby_profile")}</h2>
        <label>{t("baby_name")}<input name="name" maxLength={100} defaultValue={infant?.name ?? ""} autocomplete="off" /></label>
        <label>{t("baby_birth_date")}<input name="birth_date" type="date" required defaultValue={infant?.birth_date ?? ""} /></label>
        <label>{t("baby_birth_weight")}<input name="birth_weight_g" type="number" inputMode="numeric" min="300" max="7000" step="1" defaultValue={birth ? String(birth) : ""} /></label>
        <label>{t("baby_gestation")}<input name="gestation_weeks" type="number" inputMode="numeric" min="22" max="44" step="1" defaultValue={infant?.gestation_weeks ? String(infant.gestation_weeks) : ""} /></label>
        <button class="primary big-button" type="submit">{t("save")}</button>
        {status && <p role="status">{status}</p>}
      </form>
      {infant && (
        <section class="card" aria-labelledby="baby-growth">
          <h2 id="baby-growth">{t("baby_growth")}</h2>
          <PointChart testid="chart-weight" title={t("baby_weight")} unit="g" from={points[0]?.at ?? born} to={Math.max(Date.now(), points[points.length - 1]?.at ?? 0)}
                      points={points} classes={[{ name: t("baby_weight"), cls: "s-total" }]} min={Math.max(0, Math.min(...points.map((p) => p.value), birth ?? 9999) - 500)}
                      reference={birth ? { value: birth, label: t("baby_birth_weight_short") } : undefined} empty={t("nothing_logged")} />
          {below !== null && (
            <p data-testid="below-birth">
              {below > 0 ? t("baby_below_birth", { p: below }) : t("baby_above_birth", { p: -below })}
            </p>
          )}
          {below !== null && below > 0 && (
            <button class="big-button" onClick={() => go("symptoms")}>{t("quick_symptoms")}</button>
          )}
          <ul class="log-list">
            {[...sorted].reverse().map((w) => (
              <li key={w.id} data-testid="weight"><p>{date.format(Date.parse(w.occurred_at))} · {w.weight_g} g{w.scale ? ` · ${t(w.scale === "clinic" ? "baby_scale_clinic" : "baby_scale_home")}` : ""}</p></li>
            ))}
          </ul>
          <form onSubmit={addWeight}>
            <label>{t("baby_weight_g")}<input name="weight_g" type="number" inputMode="numeric" min="300" max="15000" step="1" required /></label>
            <fieldset>
              <legend>{t("baby_scale")}</legend>
              <label class="check"><input type="radio" name="scale" value="clinic" /><span>{t("baby_scale_clinic")}</span></label>
              <label class="check"><input type="radio" name="scale" value="home" /><span>{t("baby_scale_home")}</span></label>
            </fieldset>
            <label>{t("care_when")}<input name="when" type="datetime-local" /><span class="note">{t("care_when_note")}</span></label>
            <button class="big-button" type="submit">{t("baby_add_weight")}</button>
          </form>
        </section>
      )}
      <ProblemLine text={error} />
    </main>
  );
}
