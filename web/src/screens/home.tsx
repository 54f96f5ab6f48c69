import { useEffect, useRef, useState } from "preact/hooks";
import { useLive } from "../live";
import { actingFor, call, canSeeMother, motherPath } from "../api";
import { duration, lang, longDate, t, timeOfDay, type Key } from "../i18n";
import { reminder } from "../reminder";
import { discardRefused, pending, queuedItems, refused, retryRefused, type OutboxItem, type Refused } from "../outbox";
import { useSignal } from "../state";
import { forgetWeek, refreshWeek, week, weekOf } from "../week";
import { slotTime } from "./booking";
import { Support } from "./programme";
import { volumeIn, volumeLabel } from "../prefs";
import { localDate } from "../protocol";
import { contact as contactSignal, FALLBACK_EMERGENCY, refreshContact } from "../contact";
import { lastCheck } from "./symptoms";
import type { Consultation, FeedRecord, InfantRecord as Infant, MotherWeek, PumpRecord, Signal, SymptomChecks, Summary } from "../wire";

type SignalItem = Signal;

// Why the server refused an entry, in her language: from the field it named (never the raw field
// name), then the server's own sentence when it was written in the language she reads now (the app
// sends Accept-Language; an entry refused before she switched language keeps the other one).
function refusalText(r: Refused): string {
  const field = r.field?.split("/").filter(Boolean).pop() ?? "";
  let why: string;
  if (r.status === 409) why = t("refused_conflict");
  else if (/(^|_)(at|start|end|date)$/.test(field)) why = t("refused_time");
  else {
    const what: Key = /volume|ml|oz/.test(field) ? "refused_what_amount"
      : /side/.test(field) ? "refused_what_side"
      : /infant/.test(field) ? "refused_what_baby"
      : /temp/.test(field) ? "refused_what_temperature"
      : "refused_what_other";
    why = t("refused_value", { what: t(what) });
  }
  return r.detail && r.lang === lang.get() ? `${why} (${r.detail})` : why;
}

// "just now" under a minute, otherwise "25 min ago".
function ago(ms: number): string {
  return ms < 60000 ? t("just_now") : `${duration(ms)} ${t("ago")}`;
}

// The newest breast feed and pumping, from the server and from what still waits in the outbox (an
// entry logged offline counts at once: home never says "no feed yet" after she logged one).
interface Latest { feedAt: number; feedSide: "left" | "right" | null; pumpAt: number }
function latestOf(feeds: FeedRecord[], pumps: PumpRecord[], queued: OutboxItem[]): Latest {
  const out: Latest = { feedAt: 0, feedSide: null, pumpAt: 0 };
  const feedBodies = [...feeds, ...queued.filter((q) => q.kind === "feed").map((q) => q.body as FeedRecord)];
  for (const f of feedBodies) {
    for (const seg of f.segments ?? []) {
      if (seg.type !== "breast") continue;
      const end = Date.parse(seg.end);
      if (end > out.feedAt) { out.feedAt = end; out.feedSide = seg.side; }
    }
  }
  const pumpBodies = [...pumps, ...queued.filter((q) => q.kind === "pump").map((q) => q.body as PumpRecord)];
  for (const p of pumpBodies) out.pumpAt = Math.max(out.pumpAt, Date.parse(p.occurred_at));
  return out;
}

function ageDays(birthDate: string): number {
  return Math.max(0, Math.floor((Date.now() - Date.parse(`${birthDate}T00:00:00`)) / 86400000));
}

// This week's card (src/week.ts).
function useWeek(enabled: boolean): MotherWeek | null {
  const l = useSignal(lang);
  const asked = useSignal(week);
  useEffect(() => { if (enabled) refreshWeek(); }, [l, enabled]);
  return enabled ? weekOf(asked) : null;
}

function WeekCard({ week, go }: { week: MotherWeek | null; go: (s: string) => void }) {
  if (!week?.stage) return null;
  const where = t(week.stage === "pregnancy" ? "week_pregnant" : "week_after_birth", { w: week.weeks ?? 0, d: week.days ?? 0 });
  return (
    <section class="card week" aria-labelledby="this-week" data-testid="week-card">
      <h2 id="this-week">{where}</h2>
      {week.due_date && <p class="note" data-testid="week-due">{t("week_due", { date: longDate(week.due_date) })}</p>}
      {week.card ? <>
        <p class="big" data-testid="week-title">{week.card.title}</p>
        <p>{week.card.summary}</p>
        <button class="big-button" onClick={() => go(`read:${week.card!.slug}`)} data-testid="week-read">{t("week_read")}</button>
      </> : <p class="note">{t("week_no_card")}</p>}
    </section>
  );
}

// Her pregnancy with the hospital, from the same answer as the week: register online, her next
// antenatal contact, or — after the birth — the visits it booked; support after a loss; a pause.
function ProgrammeCard({ week, go }: { week: MotherWeek | null; go: (s: string) => void }) {
  const l = useSignal(lang);
  if (!week) return null;
  const p = week.programme;
  if (week.loss) return <Support go={go} />;
  if (week.pause) {
    return (
      <section class="card paused" role="status" data-testid="paused">
        <p class="big">{t("paused_title")}</p>
        <button class="big-button" onClick={() => void call("POST", motherPath("/resume"), {}).then(() => { forgetWeek(); refreshWeek(); })}>{t("paused_resume")}</button>
      </section>
    );
  }
  if (!p) {
    if (week.stage === "postpartum") return null;
    return (
      <section class="card" data-testid="programme-invite">
        <p>{t("programme_invite")}</p>
        <button class="big-button wide" onClick={() => go("programme")} data-testid="open-programme">{t("programme_register")}</button>
      </section>
    );
  }
  if (p.outcome === "birth") {
    if (p.postnatal.length === 0) return null;
    return (
      <section class="card" aria-labelledby="after-birth" data-testid="postnatal">
        <h2 id="after-birth">{t("postnatal_title")}</h2>
        <ul>{p.postnatal.map((v) => <li key={v.id} data-testid="postnatal-visit">{t(`pn_${v.kind}` as Key)}: {slotTime(v.start)} · {v.provider}</li>)}</ul>
        <button class="big-button wide" onClick={() => go("appointments")}>{t("appointments")}</button>
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="my-pregnancy" data-testid="programme-card">
      <h2 id="my-pregnancy">{t("programme_title")}</h2>
      <p data-testid="programme-status">{t(p.status === "confirmed" ? "reg_confirmed" : p.status === "needs_info" ? "reg_needs_info" : "reg_submitted")}</p>
      {p.next && <p class="big" data-testid="next-contact">{t("next_contact", { name: p.next.name[l] })}</p>}
      <div class="sides">
        <button class="big-button" onClick={() => go("programme")} data-testid="open-programme">{t("programme_open")}</button>
        <button class="big-button" onClick={() => go("classes")}>{t("classes_title")}</button>
      </div>
    </section>
  );
}

export function Home({ go }: { go: (screen: string) => void }) {
  const l = useSignal(lang);
  const queued = useSignal(pending);
  const notSaved = useSignal(refused);
  const due = useSignal(reminder);
  const latestCheck = useSignal(lastCheck);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [signals, setSignals] = useState<SignalItem[] | null>(null);  // null: not known (offline)
  const [latest, setLatest] = useState<Latest>({ feedAt: 0, feedSide: null, pumpAt: 0 });
  const [infant, setInfant] = useState<Infant | null>(null);
  const [threads, setThreads] = useState<Consultation[]>([]);
  const contact = useSignal(contactSignal);
  const mother = canSeeMother();
  const week = useWeek(mother);
  const pregnant = week?.stage === "pregnancy";
  // After a pregnancy loss: no baby content (breast care stays: milk may still come in).
  const noBaby = !!week?.loss;
  const who = actingFor();
  // Her conversations (a caregiver sees none): shown as unread replies, and read to know whether
  // a clinician has seen her since an emergency result.
  // Home's own load and the live connection's opening ask at the same moment: one request serves
  // both (each home visit spends the user's request budget once, not twice).
  const threadsInFlight = useRef<Promise<Consultation[]> | null>(null);
  const loadThreads = (): Promise<Consultation[]> => {
    threadsInFlight.current ??= (async () => {
      const items = mother
        ? (await call<{ items: Consultation[] }>("GET", "/api/v1/consultations").catch(() => ({ items: [] }))).items
        : [];
      setThreads(items);
      return items;
    })().finally(() => { threadsInFlight.current = null; });
    return threadsInFlight.current;
  };
  useEffect(() => { void refreshContact(); }, []);
  // What the server knows, fetched when home opens and again once the outbox has sent everything;
  // while entries wait, home counts them from the outbox alone (no request per keystroke).
  const [known, setKnown] = useState<{ feeds: FeedRecord[]; pumps: PumpRecord[] }>({ feeds: [], pumps: [] });
  useEffect(() => {
    if (!mother) return;
    void queuedItems().catch(() => []).then((q) => setLatest(latestOf(known.feeds, known.pumps, q)));
  }, [queued, known]);
  useEffect(() => {
    if (!mother || queued > 0) return;
    Promise.all([
      call<{ items: FeedRecord[] }>("GET", motherPath("/feeds?limit=5")),
      call<{ items: PumpRecord[] }>("GET", motherPath("/pumps?limit=1")),
    ]).then(([f, p]) => setKnown({ feeds: f.items, pumps: p.items })).catch(() => {});
    call<Summary>("GET", motherPath("/summary")).then(setSummary).catch(() => {});
    call<{ items: Infant[] }>("GET", motherPath("/infants?limit=1")).then((r) => setInfant(r.items[0] ?? null)).catch(() => {});
    call<{ signals: SignalItem[] }>("GET", motherPath(`/signals?lang=${l}`)).then((r) => setSignals(r.signals)).catch(() => setSignals(null));
    // The latest check; an emergency is superseded by a newer check or a consultation a clinician
    // closed after it.
    const consults = loadThreads();
    call<SymptomChecks>("GET", motherPath("/symptom-checks")).then(async (checks) => {
      const c = checks.items[0];
      if (!c) return lastCheck.set(null);
      const at = Date.parse(c.created_at);
      const seen = c.result.disposition === "emergency" &&
        (await consults).some((x) => x.closed_at !== null && Date.parse(x.closed_at) > at);
      lastCheck.set({ id: c.id, disposition: c.result.disposition, at, seen });
    }).catch(() => {});
  }, [l, queued === 0]);

  // A reply from the team shows here the moment it arrives.
  useLive((e) => { if (!e || e.type === "consultation") void loadThreads(); }, [mother]);
  const unread = threads.filter((c) => (c.unread ?? 0) > 0);
  const unreadCount = unread.reduce((n, c) => n + (c.unread ?? 0), 0);
  const dueNow = due !== null && due.due <= Date.now();
  const emergency = mother && latestCheck?.disposition === "emergency" && !latestCheck.seen;
  const number = contact?.emergency ?? FALLBACK_EMERGENCY;
  const pumpedToday = summary?.pump_per_day.find((d) => d.date === localDate())?.total_ml ?? 0;
  const bottle = Object.values(summary?.bottle_ml_24h ?? {}).reduce((a, b) => a + b, 0);
  return (
    <main class="screen home">
      {emergency && (
        <section class="card emergency-now" role="alert" data-testid="home-emergency">
          <a class="emergency-call" href={`tel:${number}`}>{t("call_emergency", { num: number })}</a>
          <p class="big">{t("home_emergency", { time: timeOfDay(latestCheck.at) })}</p>
          {contact?.hotline && <a class="hotline big-button" href={`tel:${contact.hotline}`}>{t("call_hotline")}: {contact.hotline}</a>}
          <button class="big-button" onClick={() => go("symptoms")}>{t("check_again")}</button>
        </section>
      )}
      {unread.length > 0 && (
        <button class="card unread-card big-button wide" data-testid="home-unread"
                onClick={() => go(unread.length === 1 ? `thread:${unread[0].id}` : "consult")}>
          {t("home_unread", { n: unreadCount })}
        </button>
      )}
      {who && who.scope !== "own" && <p class="note" data-testid="acting-for">{t("caring_for", { name: who.name })}</p>}
      {notSaved.length > 0 && (
        <section class="card refused" role="alert" data-testid="refused">
          <h2>{t("not_saved", { n: notSaved.length })}</h2>
          <ul>
            {notSaved.map((r) => (
              <li key={r.id}>
                <p>{t(`kind_${r.kind}` as Key)}: {refusalText(r)}</p>
                <div class="sides">
                  <button onClick={() => void retryRefused(r.id)}>{t("try_again")}</button>
                  <button onClick={() => void discardRefused(r.id)}>{t("cancel")}</button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      {due && (
        <section class={`card recheck${dueNow ? " due" : ""}`} role={dueNow ? "alert" : undefined} data-testid="recheck">
          <p class="big">{dueNow ? t("recheck_due") : t("recheck_at", { time: timeOfDay(due.due) })}</p>
          {dueNow && <button class="primary big-button" onClick={() => go("symptoms")}>{t("quick_symptoms")}</button>}
          {!dueNow && "Notification" in window && Notification.permission === "default" && (
            <button class="big-button" onClick={() => void Notification.requestPermission()}>{t("remind_me")}</button>
          )}
        </section>
      )}
      {mother && <ProgrammeCard week={week} go={go} />}
      {pregnant && <WeekCard week={week} go={go} />}
      {mother && !noBaby && <section class="card" aria-labelledby="last-feed" data-testid="last-feed">
        <h2 id="last-feed">{t("last_feed")}</h2>
        {latest.feedAt > 0 ? (
          <p class="big">{ago(Date.now() - latest.feedAt)}, {t("ended_on")} {t(latest.feedSide ?? "left")}</p>
        ) : (
          <p>{t("no_feed_yet")}</p>
        )}
        {latest.pumpAt > 0 && <p data-testid="last-pump">{t("last_pump")}: {ago(Date.now() - latest.pumpAt)}</p>}
        {summary && (
          <p class="note" data-testid="totals">{t("totals_24h", {
            feeds: summary.feeds_24h, pumped: `${volumeIn(pumpedToday)} ${volumeLabel()}`, bottle: `${volumeIn(bottle)} ${volumeLabel()}`, wet: summary.nappies_24h.wet, dirty: summary.nappies_24h.dirty })}</p>
        )}
        {infant && (mother
          ? <p class="note" data-testid="baby"><button class="link" onClick={() => go("baby")}>{t("baby_age", { name: infant.name || t("your_baby"), n: ageDays(infant.birth_date) })}</button></p>
          : <p class="note" data-testid="baby">{t("baby_age", { name: infant.name || t("your_baby"), n: ageDays(infant.birth_date) })}</p>)}
        {!infant && mother && <p class="note"><button class="link" onClick={() => go("baby")} data-testid="add-baby">{t("baby_add")}</button></p>}
      </section>}
      <nav class="quick" aria-label={t("home")}>
        {!noBaby && <>
          <button class="primary big-button" onClick={() => go("feed")}>{t("quick_feed")}</button>
          <button class="big-button" onClick={() => go("nappy")}>{t("quick_nappy")}</button>
        </>}
        {mother && <>
          <button class="big-button" onClick={() => go("pump")}>{t("quick_pump")}</button>
          <button class="big-button" onClick={() => go("checkin")}>{t("quick_check")}</button>
          <button class="big-button" onClick={() => go("care")}>{t("quick_care")}</button>
          <button class="big-button" onClick={() => go("symptoms")}>{t("quick_symptoms")}</button>
          <button class="big-button wide" onClick={() => go("history")}>{t("quick_history")}</button>
          <button class="big-button wide" onClick={() => go("appointments")}>{t("appointments")}</button>
          <button class="big-button wide" onClick={() => go("library")} data-testid="open-library">{t("library_title")}</button>
          <button class="big-button wide" onClick={() => go("consult")}>
            {t("ask_team")}{unreadCount > 0 && <span class="badge" data-testid="ask-team-unread">{t("consult_unread", { n: unreadCount })}</span>}
          </button>
        </>}
      </nav>
      {!emergency && contact?.hotline && (
        <a class="hotline big-button" href={`tel:${contact.hotline}`} data-testid="home-hotline">{t("call_hotline")}: {contact.hotline}</a>
      )}
      {!pregnant && <WeekCard week={week} go={go} />}
      {mother && <section class="card" aria-labelledby="signals">
        <h2 id="signals">{t("worth_checking")}</h2>
        {signals === null ? <p data-testid="signals-unknown">{t("signals_unknown")}</p>
          : signals.length === 0 ? <p>{t(emergency ? "signals_none_but_emergency" : "nothing_to_check")}</p> : (
          <ul>{signals.map((s) => <li key={s.id}>{s.message}</li>)}</ul>
        )}
      </section>}
    </main>
  );
}
