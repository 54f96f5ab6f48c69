import { useEffect, useState } from "preact/hooks";
import { ApiError, call, motherPath } from "../api";
import { lang, t, type Key } from "../i18n";
import { prefs, tempIn, tempLabel } from "../prefs";
import { reminder, schedule } from "../reminder";
import { useSignal } from "../state";
import { Player } from "./player";

interface Fired { id: string; disposition: string; reason: string; sources: string[] }
interface Step { text: string; minutes?: number; count?: number; safety?: string }
interface Result {
  self_care_plan: string | null;
  disposition: "self_care" | "contact_24h" | "same_day" | "emergency";
  condition_name: string;
  fired: Fired[];
  recheck_hours: number | null;
  plan: { title: string; steps: Step[]; avoid: { what: string; why: string }[] } | null;
  advice: { what: string; why: string }[];
}
interface Contact { hotline: string | null; emergency: string }

const SIDES = ["left", "right", "both", "none"] as const;
const TRENDS = ["improving", "unchanged", "worsening"] as const;

interface Known { from_log: Record<string, { value: unknown; from: string }>; previous: { id: string; disposition: string } | null }

// The questions the log can answer, and how to show its answer in her language and units.
const SHOWN: Record<string, (v: unknown) => string> = {
  affected_side: (v) => `${t("q_side")} ${t(v === "both" ? "s_both" : (v as Key))}`,
  focal_tender_area: () => t("q_tender"),
  redness_extent: (v) => `${t("redness")}: ${t(`r_${v}` as Key)}`,
  lump_present: () => t("q_lump"),
  current_temp_c: (v) => `${t("temperature")}: ${tempIn(v as number)} ${tempLabel()}`,
  chills: () => t("chills"),
  feels_very_unwell: () => t("very_unwell"),
  on_antibiotics: () => t("q_antibiotics"),
  self_care_hours: (v) => `${t("q_self_care")}: ${v}`,
  trend: (v) => `${t("q_trend")}: ${t(`tr_${v}` as Key)}`,
  infant_sleepy_or_jaundiced: () => t("q_baby_sleepy"),
  infant_feeding_effectively: (v) => `${t("q_baby_ok")}: ${t(v ? "yes" : "no")}`,
};

// The questions. Everything is optional: what she skips, the server takes from her log; what the
// log already answers is listed instead of asked (she can still answer it herself).
function Questions({ onResult }: { onResult: (r: Result, id: string) => void }) {
  const p = useSignal(prefs);
  const due = useSignal(reminder);
  const [abx, setAbx] = useState(false);
  const [side, setSide] = useState("");
  const [known, setKnown] = useState<Known | null>(null);
  const [askAll, setAskAll] = useState(false);
  const [error, setError] = useState("");
  useEffect(() => {
    call<Known>("GET", motherPath("/symptom-check-context")).then(setKnown).catch(() => {});
  }, []);
  const fromLog = Object.keys(known?.from_log ?? {}).filter((f) => f in SHOWN);
  const ask = (field: string) => askAll || !fromLog.includes(field);
  const breastQuestions = side !== "none";

  async function submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const answers: Record<string, unknown> = {};
    const num = (k: string, field: string, int = false) => {
      const v = String(f.get(k) ?? "").trim().replace(",", ".");
      if (v !== "") answers[field] = int ? Math.round(Number(v)) : Number(v);
    };
    const flag = (k: string) => { if (f.get(k) === "on") answers[k] = true; };
    if (f.get("affected_side")) answers.affected_side = f.get("affected_side");
    num("symptom_hours", "symptom_hours");
    ["focal_tender_area", "redness_spreading_rapidly", "lump_present", "pus_seen", "skin_dusky_or_necrotic",
     "chills", "rigors", "feels_very_unwell", "new_confusion_or_drowsiness", "mottled_ashen_or_cyanosed",
     "non_blanching_rash", "infant_sleepy_or_jaundiced", "worried"].forEach(flag);
    if (f.get("redness_extent")) answers.redness_extent = f.get("redness_extent");
    num("current_temp", "current_temp_c");
    if (p.temp === "f" && typeof answers.current_temp_c === "number") {
      answers.current_temp_c = Math.round(((answers.current_temp_c - 32) * 5 / 9) * 100) / 100;
    }
    num("heart_rate", "heart_rate", true);
    num("self_care_hours", "self_care_hours");
    if (f.get("trend")) answers.trend = f.get("trend");
    if (abx) {
      answers.on_antibiotics = true;
      num("antibiotic_hours", "antibiotic_hours");
    }
    if (ask("infant_feeding_effectively") && f.get("baby_ok") !== "on") answers.infant_feeding_effectively = false;
    // A re-check names the check it follows; otherwise the server compares with her latest.
    const recheckOf = due?.checkId ?? known?.previous?.id;
    try {
      const id = crypto.randomUUID();
      const r = await call<{ result: Result }>("PUT", motherPath(`/symptom-checks/${id}?lang=${lang.get()}`),
                                               recheckOf ? { answers, recheck_of: recheckOf } : { answers });
      onResult(r.result, id);
    } catch (err) {
      setError(err instanceof ApiError && err.status !== 0 ? `${err.field ?? ""} ${err.detail}` : t("needs_online"));
    }
  }
  const check = (name: string, label: Key, checked = false) => ask(name) && (
    <label class="check"><input type="checkbox" name={name} defaultChecked={checked} /><span>{t(label)}</span></label>
  );
  return (
    <main class="screen symptoms">
      <h1>{known?.previous ? t("recheck_title") : t("sc_title")}</h1>
      <p class="note">{known?.previous ? t("recheck_intro") : t("sc_intro")}</p>
      {fromLog.length > 0 && (
        <section class="card" data-testid="known">
          <h2>{t("known_from_log")}</h2>
          <ul>{fromLog.map((f) => <li key={f}>{SHOWN[f](known!.from_log[f].value)}</li>)}</ul>
          {!askAll && <button type="button" class="link" onClick={() => setAskAll(true)}>{t("answer_anyway")}</button>}
        </section>
      )}
      <form onSubmit={submit}>
        {ask("affected_side") && (
          <fieldset>
            <legend>{t("q_side")}</legend>
            {SIDES.map((s) => (
              <label class="check" key={s}><input type="radio" name="affected_side" value={s} onChange={() => setSide(s)} />
                <span>{t(s === "both" ? "s_both" : s === "none" ? "s_none" : s)}</span></label>
            ))}
          </fieldset>
        )}
        {breastQuestions && <>
          <label>{t("q_hours")}<input name="symptom_hours" type="number" inputMode="decimal" min="0" step="any" /></label>
          {check("focal_tender_area", "q_tender")}
          {ask("redness_extent") && (
            <fieldset>
              <legend>{t("redness")}</legend>
              <p class="note">{t("redness_note")}</p>
              {(["none", "focal", "one_third_or_more"] as const).map((r) => (
                <label class="check" key={r}><input type="radio" name="redness_extent" value={r} /><span>{t(`r_${r}` as Key)}</span></label>
              ))}
            </fieldset>
          )}
          {check("redness_spreading_rapidly", "q_spreading")}
          {check("lump_present", "q_lump")}
          {check("pus_seen", "q_pus")}
          {check("skin_dusky_or_necrotic", "q_dusky")}
        </>}
        {ask("current_temp_c") && (
          <label>{t("q_temp", { unit: tempLabel(p.temp) })}
            <input name="current_temp" type="number" inputMode="decimal" step="0.1"
                   min={p.temp === "c" ? 25 : 77} max={p.temp === "c" ? 45 : 113} /></label>
        )}
        {check("chills", "chills")}
        {check("rigors", "q_rigors")}
        {check("feels_very_unwell", "very_unwell")}
        <label>{t("q_hr")}<input name="heart_rate" type="number" inputMode="numeric" min="20" max="250" /></label>
        <fieldset>
          <legend>{t("q_red_flags")}</legend>
          {check("new_confusion_or_drowsiness", "q_confused")}
          {check("mottled_ashen_or_cyanosed", "q_mottled")}
          {check("non_blanching_rash", "q_rash")}
        </fieldset>
        {breastQuestions && <>
          {ask("self_care_hours") && <label>{t("q_self_care")}<input name="self_care_hours" type="number" inputMode="decimal" min="0" step="any" /></label>}
          {ask("trend") && (
            <fieldset>
              <legend>{t("q_trend")}</legend>
              {TRENDS.map((tr) => (
                <label class="check" key={tr}><input type="radio" name="trend" value={tr} /><span>{t(`tr_${tr}` as Key)}</span></label>
              ))}
            </fieldset>
          )}
        </>}
        {ask("on_antibiotics") && <label class="check"><input type="checkbox" checked={abx} onChange={() => setAbx(!abx)} /><span>{t("q_antibiotics")}</span></label>}
        {abx && <label>{t("q_abx_hours")}<input name="antibiotic_hours" type="number" inputMode="decimal" min="0" step="any" /></label>}
        {ask("infant_feeding_effectively") && check("baby_ok", "q_baby_ok", true)}
        {check("infant_sleepy_or_jaundiced", "q_baby_sleepy")}
        {check("worried", "q_worried")}
        {error && <p class="error" role="alert">{error}</p>}
        <button class="primary big-button" type="submit">{t("check_now")}</button>
      </form>
    </main>
  );
}

function ResultView({ r, contact, guide, book, ask }: { r: Result; contact: Contact | null; guide: () => void; book: () => void;
                                                       ask: () => void }) {
  const emergency = r.disposition === "emergency";
  const needsPerson = r.disposition === "same_day" || r.disposition === "contact_24h";
  return (
    <main class={`screen result ${r.disposition}`}>
      {emergency && contact && (
        <a class="emergency-call" href={`tel:${contact.emergency}`} data-testid="emergency-call">
          {t("call_emergency", { num: contact.emergency })}
        </a>
      )}
      <h1 data-testid="disposition">{t(`d_${r.disposition}` as Key)}</h1>
      {(needsPerson || emergency) && contact?.hotline && (
        <a class="hotline big-button" href={`tel:${contact.hotline}`} data-testid="hotline">
          {t("call_hotline")}: {contact.hotline}
        </a>
      )}
      {needsPerson && (
        <button class="primary big-button" onClick={book} data-testid="book-visit">
          {t(r.disposition === "same_day" ? "book_same_day" : "book_visit")}
        </button>
      )}
      {needsPerson && (
        <button class="big-button" onClick={ask} data-testid="ask-team">{t("ask_team")}</button>
      )}
      <section class="card">
        <h2>{t("why")}</h2>
        <ul class="reasons">
          {r.fired.map((f) => (
            <li key={f.id}>
              <p>{f.reason}</p>
              <p class="note">{t("sources")}: {f.sources.join(", ")}</p>
            </li>
          ))}
        </ul>
      </section>
      <section class="card">
        <h2>{t("probably")}</h2>
        <p>{r.condition_name}</p>
      </section>
      {r.advice.length > 0 && (
        <section class="card"><h2>{t("do_not")}</h2>
          <ul>{r.advice.map((a) => <li key={a.what}><strong>{a.what}</strong>: {a.why}</li>)}</ul></section>
      )}
      {r.plan && r.self_care_plan && (
        <button class="primary big-button" onClick={guide}>{t("start_guided")}</button>
      )}
      {r.plan && (
        <section class="card">
          <h2>{t("what_to_do")}: {r.plan.title}</h2>
          <ol>{r.plan.steps.map((s) => <li key={s.text}>{s.text}{s.safety && <p class="note">{s.safety}</p>}</li>)}</ol>
          <h3>{t("do_not")}</h3>
          <ul>{r.plan.avoid.map((a) => <li key={a.what}><strong>{a.what}</strong>: {a.why}</li>)}</ul>
        </section>
      )}
      {r.recheck_hours !== null && <p class="big">{t("recheck_in", { n: r.recheck_hours })}</p>}
      <p class="note">{t("not_diagnosis")}</p>
    </main>
  );
}

export function SymptomCheck({ done, go }: { done: () => void; go: (screen: string) => void }) {
  useSignal(lang);
  const [result, setResult] = useState<Result | null>(null);
  const [checkId, setCheckId] = useState("");
  const [guided, setGuided] = useState(false);
  const [contact, setContact] = useState<Contact | null>(null);
  useEffect(() => {
    call<Contact>("GET", "/api/v1/contact").then(setContact).catch(() => {});
  }, []);
  const onResult = (r: Result, id: string) => {
    setResult(r);
    setCheckId(id);
    schedule(r.recheck_hours !== null ? { due: Date.now() + r.recheck_hours * 3600000, checkId: id } : null);
  };
  if (result && guided && result.self_care_plan) return <Player planId={result.self_care_plan} done={done} />;
  return result ? <ResultView r={result} contact={contact} guide={() => setGuided(true)}
                                   book={() => go(result.disposition === "same_day" ? "booking-today" : "booking")}
                                   ask={() => go(`consult:${checkId}`)} /> : <Questions onResult={onResult} />;
}
