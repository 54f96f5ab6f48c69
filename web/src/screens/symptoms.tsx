import { useEffect, useState } from "preact/hooks";
import { ApiError, call, motherPath } from "../api";
import { lang, t, type Key } from "../i18n";
import { prefs, tempIn, tempLabel } from "../prefs";
import { localDate, protocol, refreshProtocol, SECTIONS, type Answer, type Question, type Value, type Values } from "../protocol";
import { reminder, schedule } from "../reminder";
import { contact as contactSignal, FALLBACK_EMERGENCY, refreshContact } from "../contact";
import { online } from "../outbox";
import { useSignal } from "../state";
import { kept, signal } from "../state";
import { Player } from "./player";
import type { CheckContext, CheckResult, Contact, SymptomCheck } from "../wire";
import { ProblemLine, problemText } from "../problem";

type Result = CheckResult;
type Known = Pick<CheckContext, "from_log"> & { previous: Pick<NonNullable<CheckContext["previous"]>, "id" | "disposition"> | null };


// Her latest check as home shows it: an emergency result stays on home until a newer check or a
// clinician's closed consultation supersedes it. Kept on the phone, so it is true offline too.
export interface LastCheck { id: string; disposition: string; at: number; seen: boolean }
const LAST = "tia.last-check";
export const lastCheck = signal<LastCheck | null>(kept<LastCheck>(LAST));
lastCheck.subscribe(() => localStorage.setItem(LAST, JSON.stringify(lastCheck.get())));


// A check she sent while offline waits here and goes to the server when the connection is back.
const PENDING = "tia.pending-check";
interface Pending { id: string; body: { answers: Values; recheck_of?: string } }

function textOf(x: { en: string; vi: string }): string { return lang.get() === "vi" ? x.vi : x.en; }

function unitText(q: Question): string {
  if (q.unit === "celsius") return tempLabel();
  return q.unit ? t(`unit_${q.unit}` as Key) : "";
}

// One value as she would say it: an option's words, yes/no, a number with its unit.
function valueText(q: Question, field: string, v: Value): string {
  if (v === null) return t("dont_know");
  if (q.form === "checks") return textOf(q.options.find((o) => o.field === field)!.text);
  if (q.form === "choice") return textOf(q.options.find((o) => o.value === v)?.text ?? { en: String(v), vi: String(v) });
  if (typeof v === "boolean") return t(v ? "answer_yes" : "answer_no");
  if (q.form === "date") return t("days_since_birth", { n: v as number });
  if (q.form === "weights") return t("weight_below_birth", { n: v as number });
  if (q.unit === "celsius") return `${tempIn(v as number)} ${tempLabel()}`;
  return `${v} ${unitText(q)}`.trim();
}

function answerText(q: Question, a: Answer, today: string): string {
  if (a === null) return t("dont_know");
  if (q.form === "checks") {
    const ticked = (a as string[]).map((f) => valueText(q, f, true));
    return ticked.length ? ticked.join("; ") : t("none_of_these");
  }
  if (q.form === "weights") {
    const w = a as { birth: number; latest: number };
    return `${w.birth} g → ${w.latest} g (${valueText(q, q.fills[0], protocol().fieldsOf(q, a, today)[q.fills[0]])})`;
  }
  if (q.form === "date") return a as string;
  return valueText(q, q.fills[0], a as Value);
}

// A number as typed (a comma is a decimal point too); undefined when empty.
function parseNumber(raw: string): number | undefined {
  const v = raw.trim().replace(",", ".");
  return v === "" ? undefined : Number(v);
}

// One question, rendered from the protocol's data. `answer` is in the engine's units.
function QuestionView({ q, answer, set }: { q: Question; answer: Answer | undefined; set: (a: Answer | undefined) => void }) {
  const p = protocol();
  const field = p.doc.fields[q.fills[0]];
  const help = q.help && <p class="note">{textOf(q.help)}</p>;
  const dontKnow = q.unknown && (
    <label class="check"><input type="checkbox" name={`${q.id}-unknown`} checked={answer === null}
      onChange={(e) => set((e.target as HTMLInputElement).checked ? null : undefined)} /><span>{t("dont_know")}</span></label>
  );
  switch (q.form) {
    case "yes_no":
      return (
        <fieldset data-question={q.id}>
          <legend>{textOf(q.text)}</legend>
          {help}
          <div class="yes-no">
            {([true, false] as const).map((v) => (
              <label class="check" key={String(v)}><input type="radio" name={q.id} value={v ? "yes" : "no"} checked={answer === v}
                onChange={() => set(v)} /><span>{t(v ? "answer_yes" : "answer_no")}</span></label>
            ))}
          </div>
        </fieldset>
      );
    case "choice":
      return (
        <fieldset data-question={q.id}>
          <legend>{textOf(q.text)}</legend>
          {help}
          {q.options.map((o) => (
            <label class="check" key={o.value}><input type="radio" name={q.id} value={o.value} checked={answer === o.value}
              onChange={() => set(o.value!)} /><span>{textOf(o.text)}</span></label>
          ))}
        </fieldset>
      );
    case "checks": {
      const ticked = new Set((answer as string[] | undefined) ?? []);
      return (
        <fieldset data-question={q.id}>
          <legend>{textOf(q.text)}</legend>
          {help}
          {q.options.map((o) => (
            <label class="check" key={o.field}><input type="checkbox" name={q.id} value={o.field} checked={ticked.has(o.field!)}
              onChange={(e) => {
                const next = new Set(ticked);
                if ((e.target as HTMLInputElement).checked) next.add(o.field!); else next.delete(o.field!);
                set([...next]);
              }} /><span>{textOf(o.text)}</span></label>
          ))}
        </fieldset>
      );
    }
    case "number": {
      const celsius = q.unit === "celsius";
      const shown = typeof answer === "number" ? String(celsius ? tempIn(answer) : answer) : "";
      const f = prefs.get().temp === "f" && celsius;
      const lo = field.min!, hi = field.max!;
      return (
        <div class="question" data-question={q.id}>
          <label>{textOf(q.text)}{unitText(q) && ` (${unitText(q)})`}
            <input name={q.id} type="number" inputMode="decimal" step="any" disabled={answer === null}
              min={f ? Math.round(lo * 9 / 5 + 32) : lo} max={f ? Math.round(hi * 9 / 5 + 32) : hi} value={shown}
              onInput={(e) => {
                const n = parseNumber((e.target as HTMLInputElement).value);
                if (n === undefined || Number.isNaN(n)) return set(undefined);
                const c = f ? Math.round(((n - 32) * 5 / 9) * 100) / 100 : n;
                set(field.type === "int" ? Math.round(c) : c);
              }} /></label>
          {help}
          {dontKnow}
        </div>
      );
    }
    case "date":
      return (
        <div class="question" data-question={q.id}>
          <label>{textOf(q.text)}
            <input name={q.id} type="date" max={localDate()} disabled={answer === null} value={typeof answer === "string" ? answer : ""}
              onInput={(e) => set((e.target as HTMLInputElement).value || undefined)} /></label>
          {help}
          {dontKnow}
        </div>
      );
    case "weights": {
      const w = answer && typeof answer === "object" && !Array.isArray(answer) ? answer : { birth: NaN, latest: NaN };
      const put = (birth: number, latest: number) =>
        set(Number.isNaN(birth) && Number.isNaN(latest) ? undefined : { birth, latest });
      const num = (e: Event) => parseNumber((e.target as HTMLInputElement).value) ?? NaN;
      return (
        <fieldset data-question={q.id}>
          <legend>{textOf(q.text)}</legend>
          {help}
          <label>{t("birth_weight")}<input name={`${q.id}-birth`} type="number" inputMode="numeric" min="300" max="7000" disabled={answer === null}
            value={Number.isNaN(w.birth) ? "" : w.birth} onInput={(e) => put(num(e), w.latest)} /></label>
          <label>{t("latest_weight")}<input name={`${q.id}-latest`} type="number" inputMode="numeric" min="300" max="15000" disabled={answer === null}
            value={Number.isNaN(w.latest) ? "" : w.latest} onInput={(e) => put(w.birth, num(e))} /></label>
          {dontKnow}
        </fieldset>
      );
    }
  }
}

// What is wrong with an answer, in her words; "" when it is fine or not given.
function problemOf(q: Question, a: Answer | undefined): string {
  if (a === undefined || a === null) return "";
  const f = protocol().doc.fields[q.fills[0]];
  if (q.form === "number") {
    const n = a as number;
    if (Number.isNaN(n) || n < f.min! || n > f.max!) {
      const c = q.unit === "celsius";
      return t("out_of_range", { q: textOf(q.text), min: c ? tempIn(f.min!) : String(f.min), max: c ? tempIn(f.max!) : String(f.max) });
    }
  }
  if (q.form === "weights") {
    const w = a as { birth: number; latest: number };
    if (!(w.birth >= 300 && w.birth <= 7000 && w.latest >= 300 && w.latest <= 15000) || (w.birth - w.latest) / w.birth > 0.5) {
      return t("weights_invalid");
    }
  }
  if (q.form === "date" && (a as string) > localDate()) return t("date_in_future");
  return "";
}

// The symptom check: the protocol's questions, one screen per section, one thumb. What the log and
// her profile already know is shown, not asked (she may still answer it). Every answer can be
// changed on the review screen before the result. An emergency pattern shows the emergency number
// at once, online or not.
// The hospital's article for the result's condition, pinned to the version she was shown.
type Article = SymptomCheck["article"];

function Questions({ onResult }: { onResult: (r: Result, id: string, article: Article) => void }) {
  useSignal(lang);
  useSignal(prefs);
  const due = useSignal(reminder);
  const isOnline = useSignal(online);
  const [p, setP] = useState(protocol());
  const [known, setKnown] = useState<Known | null>(null);
  const [answers, setAnswers] = useState<Record<string, Answer | undefined>>({});
  const [step, setStep] = useState(0);
  const [askAll, setAskAll] = useState(false);
  const [error, setError] = useState("");
  const [waiting, setWaiting] = useState<Pending | null>(null);
  const contact = useSignal(contactSignal);
  useEffect(() => {
    // What the log already answers. A busy server (5xx, 429) is asked again a few times before
    // she is asked everything; offline or refused, she is asked everything at once.
    const ask = (tries: number): Promise<void> => call<Known>("GET", motherPath("/symptom-check-context")).then(setKnown).catch((e) => {
      const busy = e instanceof ApiError && (e.status >= 500 || e.status === 429);
      if (busy && tries > 1) return new Promise<void>((r) => setTimeout(r, 1000)).then(() => ask(tries - 1));
      setKnown({ from_log: {}, previous: null });
    });
    void ask(4);
    void refreshContact();
    void refreshProtocol().then(() => setP(protocol()));
  }, []);
  const today = localDate();
  const fromLog: Values = Object.fromEntries(Object.entries(known?.from_log ?? {}).map(([k, v]) => [k, v.value]));
  const { answers: given, values } = p.input(fromLog, answers, today);
  const emergencies = p.emergency(values);

  // A question is shown when it is asked given everything known, unless the log answers all of it.
  const answeredByLog = (q: Question) => !askAll && q.fills.every((f) => f in fromLog);
  const shown = p.doc.questions.filter((q) => p.asked(q, values) && !answeredByLog(q));
  const sections = SECTIONS.filter((s) => shown.some((q) => q.section === s));
  const steps = [...sections, "review"];
  const at = Math.min(step, steps.length - 1);
  const section = steps[at];
  const logged = Object.keys(fromLog).map((field) => {
    const q = p.doc.questions.find((x) => x.fills.includes(field));
    if (!q || (q.form === "checks" && fromLog[field] !== true)) return null;
    return { field, text: `${textOf(q.text)} ${valueText(q, field, fromLog[field])}` };
  }).filter((x): x is { field: string; text: string } => x !== null);

  async function send(pending: Pending) {
    try {
      const r = await call<SymptomCheck>("PUT", motherPath(`/symptom-checks/${pending.id}?lang=${lang.get()}`), pending.body);
      localStorage.removeItem(PENDING);
      void keepInProfile();
      onResult(r.result, pending.id, r.article ?? null);
    } catch (err) {
      if (err instanceof ApiError) {
        localStorage.removeItem(PENDING);
        setWaiting(null);
        setError(problemText(err));
        return;
      }
      // No connection: keep it and send it when the connection is back.
      localStorage.setItem(PENDING, JSON.stringify(pending));
      setWaiting(pending);
    }
  }
  useEffect(() => {
    const retry = () => { const raw = localStorage.getItem(PENDING); if (raw) void send(JSON.parse(raw) as Pending); };
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, []);

  // What she said about herself is kept in her profile, so it is asked once (editable in Settings).
  async function keepInProfile() {
    const keep: Record<string, unknown> = {};
    for (const q of p.doc.questions) {
      const a = answers[q.id];
      if (!q.profile || a === undefined || a === null || !p.asked(q, values)) continue;
      keep[q.profile] = a;
    }
    if (Object.keys(keep).length === 0) return;
    try {
      const cur = await call<Record<string, unknown>>("GET", motherPath("/profile")).catch((e) => {
        if (e instanceof ApiError && e.status === 404) return {} as Record<string, unknown>;
        throw e;
      });
      for (const k of ["id", "kind", "recorded_at", "updated_at", "version"]) delete cur[k];
      await call("PUT", motherPath("/profile"), { ...cur, ...keep });
    } catch {
      // Not kept this time: the check itself has the answers; she will be asked again.
    }
  }

  function next() {
    const bad = shown.filter((q) => q.section === section).map((q) => problemOf(q, answers[q.id])).find((m) => m);
    setError(bad ?? "");
    if (!bad) { setStep(at + 1); window.scrollTo(0, 0); }
  }
  function submit() {
    const bad = shown.map((q) => problemOf(q, answers[q.id])).find((m) => m);
    if (bad) return setError(bad);
    setError("");
    // A re-check names the check it follows; otherwise the server compares with her latest.
    const recheckOf = due?.checkId ?? known?.previous?.id;
    void send({ id: crypto.randomUUID(), body: recheckOf ? { answers: given, recheck_of: recheckOf } : { answers: given } });
  }

  // The call button stays pinned at the top of the screen while she answers further down.
  const number = contact?.emergency ?? FALLBACK_EMERGENCY;
  const emergencyBanner = emergencies.length > 0 && (<>
    <a class="emergency-call pinned" href={`tel:${number}`} data-testid="emergency-now">{t("call_emergency", { num: number })}</a>
    <section class="card emergency-now" role="alert">
      <h2>{t("emergency_now")}</h2>
      <ul>{emergencies.map((e) => <li key={e.id}>{textOf(e.reason)}</li>)}</ul>
    </section>
  </>);

  if (waiting) {
    return (
      <main class="screen symptoms" data-testid="offline-check">
        {emergencyBanner}
        <h1>{t("sc_title")}</h1>
        <p class="big">{t(emergencies.length ? "offline_emergency" : "offline_saved")}</p>
        {!emergencies.length && contact?.hotline && (
          <a class="hotline big-button" href={`tel:${contact.hotline}`}>{t("call_hotline")}: {contact.hotline}</a>
        )}
      </main>
    );
  }
  if (!known) return <main class="screen symptoms"><p class="note">{t("loading")}</p></main>;
  return (
    <main class="screen symptoms">
      {emergencyBanner}
      <h1>{known.previous ? t("recheck_title") : t("sc_title")}</h1>
      <p class="note" data-testid="step">{t("step_of", { i: at + 1, n: steps.length })}</p>
      {!isOnline && (
        <section class="card warning" role="status" data-testid="check-offline">
          <p>{t("check_offline_before")}</p>
          {contact?.hotline && <a class="hotline big-button" href={`tel:${contact.hotline}`}>{t("call_hotline")}: {contact.hotline}</a>}
        </section>
      )}
      {at === 0 && <p class="note">{known.previous ? t("recheck_intro") : t("sc_intro")}</p>}
      {at === 0 && logged.length > 0 && (
        <section class="card" data-testid="known">
          <h2>{t("known_from_log")}</h2>
          <ul>{logged.map((l) => <li key={l.field}>{l.text}</li>)}</ul>
          {!askAll && <button type="button" class="link" onClick={() => setAskAll(true)}>{t("answer_anyway")}</button>}
        </section>
      )}
      {section !== "review" && (
        <form onSubmit={(e) => { e.preventDefault(); next(); }} data-section={section}>
          <h2>{t(`sec_${section}` as Key)}</h2>
          {section === "about_you" && <p class="note">{t("kept_in_profile")}</p>}
          {shown.filter((q) => q.section === section).map((q) => (
            <QuestionView key={q.id} q={q} answer={answers[q.id]} set={(a) => setAnswers((cur) => ({ ...cur, [q.id]: a }))} />
          ))}
          <ProblemLine text={error} />
          <div class="wizard-nav">
            {at > 0 && <button type="button" onClick={() => { setError(""); setStep(at - 1); }}>{t("back")}</button>}
            <button class="primary big-button" type="submit">{t("next")}</button>
          </div>
        </form>
      )}
      {section === "review" && (
        <section data-section="review">
          <h2>{t("sec_review")}</h2>
          <ul class="review" data-testid="review">
            {shown.filter((q) => answers[q.id] !== undefined).map((q) => (
              <li key={q.id} data-review={q.id}>
                <span><strong>{textOf(q.text)}</strong> {answerText(q, answers[q.id]!, today)}</span>
                <button type="button" class="link" onClick={() => setStep(sections.indexOf(q.section as typeof sections[number]))}>
                  {t("change")}<span class="visually-hidden">: {textOf(q.text)}</span></button>
              </li>
            ))}
          </ul>
          <ProblemLine text={error} />
          <div class="wizard-nav">
            <button type="button" onClick={() => setStep(at - 1)}>{t("back")}</button>
            <button class="primary big-button" type="button" onClick={submit}>{t("check_now")}</button>
          </div>
        </section>
      )}
    </main>
  );
}

const URGENCY: Record<string, number> = { self_care: 0, contact_24h: 1, same_day: 2, emergency: 3 };

// The sources a result cites, numbered in the order she meets them (a reference list, not codes).
function numbered(r: Result): { order: string[]; num: (key: string) => number } {
  const order: string[] = [];
  const add = (keys: string[]) => keys.forEach((k) => { if (!order.includes(k)) order.push(k); });
  r.fired.forEach((f) => add(f.sources));
  r.red_flags.forEach((f) => add(f.sources));
  r.advice.forEach((a) => add(a.sources));
  if (r.plan) add(r.plan.sources);
  return { order, num: (k) => order.indexOf(k) + 1 };
}

function Cites({ keys, num }: { keys: string[]; num: (key: string) => number }) {
  return (
    <span class="cites">{t("sources")}: {keys.map((k) => (
      <a key={k} href={`#ref-${k}`} onClick={(e) => { e.preventDefault(); document.getElementById(`ref-${k}`)?.scrollIntoView(); }}>
        [{num(k)}]</a>
    ))}</span>
  );
}

// A result, in the order she needs it: what to do (the emergency number first), the one reason that
// decided it, what to do until she is seen, then everything else folded away. It opens at the top,
// wherever the question form was scrolled to.
function ResultView({ r, article, contact, guide, book, ask }: { r: Result; article: Article; contact: Contact | null;
                                                                guide: () => void; book: () => void; ask: () => void }) {
  useEffect(() => {
    window.scrollTo(0, 0);
    document.querySelector<HTMLElement>("[data-testid=disposition]")?.focus({ preventScroll: true });
  }, [r]);
  const emergency = r.disposition === "emergency";
  const needsPerson = r.disposition === "same_day" || r.disposition === "contact_24h";
  const emergencyNumber = contact?.emergency ?? FALLBACK_EMERGENCY;
  // The rule that decided the result; the others agree or are less urgent, so they come later.
  const decided = r.fired.find((f) => f.disposition === r.disposition) ?? null;
  const others = r.fired.filter((f) => f !== decided);
  const refs = numbered(r);
  const cited = refs.order.filter((k) => r.references?.[k]);
  return (
    <main class={`screen result ${r.disposition}`}>
      {emergency && (
        <a class="emergency-call" href={`tel:${emergencyNumber}`} data-testid="emergency-call">
          {t("call_emergency", { num: emergencyNumber })}
        </a>
      )}
      <h1 data-testid="disposition" tabIndex={-1}>{t(`d_${r.disposition}` as Key)}</h1>
      {needsPerson && (
        <button class="primary big-button" onClick={book} data-testid="book-visit">
          {t(r.disposition === "same_day" ? "book_same_day" : "book_visit")}
        </button>
      )}
      {(needsPerson || emergency) && contact?.hotline && (
        <a class="hotline big-button" href={`tel:${contact.hotline}`} data-testid="hotline">
          {t("call_hotline")}: {contact.hotline}
        </a>
      )}
      {needsPerson && (
        <button class="big-button" onClick={ask} data-testid="ask-team">{t("ask_team")}</button>
      )}
      {decided && (
        <section class="card" data-testid="deciding-reason">
          <h2>{t("why")}</h2>
          <p>{decided.reason}</p>
          <p class="note"><Cites keys={decided.sources} num={refs.num} /></p>
        </section>
      )}
      {r.plan && (
        <section class="card" data-testid="until-then">
          <h2>{t(needsPerson ? "until_seen" : "what_to_do")}: {r.plan.title}</h2>
          {r.self_care_plan && <button class="primary big-button" onClick={guide} data-testid="start-guided">{t("start_guided")}</button>}
          <ol>{r.plan.steps.map((s) => <li key={s.text}>{s.text}{s.safety && <p class="note">{s.safety}</p>}</li>)}</ol>
          {r.recheck_hours !== null && <p class="big" data-testid="recheck">{t(needsPerson ? "recheck_if_not_seen" : "recheck_in", { n: r.recheck_hours })}</p>}
          <h3>{t("do_not")}</h3>
          <ul>{r.plan.avoid.map((a) => <li key={a.what}><strong>{a.what}</strong>: {a.why} <Cites keys={a.sources} num={refs.num} /></li>)}</ul>
        </section>
      )}
      {!r.plan && r.recheck_hours !== null && <p class="big" data-testid="recheck">{t("recheck_in", { n: r.recheck_hours })}</p>}
      {r.advice.length > 0 && (
        <section class="card" data-testid="advice"><h2>{t("stop_doing")}</h2>
          <ul>{r.advice.map((a) => <li key={a.what}><strong>{a.what}</strong>: {a.why} <Cites keys={a.sources} num={refs.num} /></li>)}</ul></section>
      )}
      {article && (
        <p class="card" data-testid="result-article">
          {t("read_about")} <a href={article.href}>{article.title}</a>
        </p>
      )}
      <details class="card" data-testid="other-findings">
        <summary>{t("more_about_result")}</summary>
        <h3>{t("probably")}</h3>
        <p>{r.condition_name}</p>
        {others.length > 0 && (<>
          <h3>{t("also_noticed")}</h3>
          {URGENCY[r.disposition] > 0 && <p class="note">{t("also_noticed_note")}</p>}
          <ul class="reasons">
            {others.map((f) => (
              <li key={f.id}><p>{f.reason}</p><p class="note"><Cites keys={f.sources} num={refs.num} /></p></li>
            ))}
          </ul>
        </>)}
        {cited.length > 0 && (<>
          <h3>{t("references")}</h3>
          <ol class="references">{cited.map((k) => <li key={k} id={`ref-${k}`} value={refs.num(k)}>{r.references![k]}</li>)}</ol>
        </>)}
      </details>
      <p class="note">{t("not_diagnosis")}</p>
    </main>
  );
}

export function SymptomCheck({ done, go }: { done: () => void; go: (screen: string) => void }) {
  useSignal(lang);
  const [result, setResult] = useState<Result | null>(null);
  const [checkId, setCheckId] = useState("");
  const [article, setArticle] = useState<Article>(null);
  const [guided, setGuided] = useState(false);
  const contact = useSignal(contactSignal);
  useEffect(() => {
    void refreshContact();
  }, []);
  const onResult = (r: Result, id: string, a: Article) => {
    lastCheck.set({ id, disposition: r.disposition, at: Date.now(), seen: false });
    setResult(r);
    setArticle(a);
    setCheckId(id);
    schedule(r.recheck_hours !== null ? { due: Date.now() + r.recheck_hours * 3600000, checkId: id } : null);
  };
  if (result && guided && result.self_care_plan) return <Player planId={result.self_care_plan} done={done} />;
  return result ? <ResultView r={result} article={article} contact={contact} guide={() => setGuided(true)}
                                   book={() => go(result.disposition === "same_day" ? "booking-today" : "booking")}
                                   ask={() => go(`consult:${checkId}`)} /> : <Questions onResult={onResult} />;
}
