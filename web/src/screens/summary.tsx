// One page for the midwife or doctor: the last seven days in numbers, her check-ins, her symptom
// checks with their reasons and sources. Print CSS lays it out on one A4 page (or a PDF).
import { useEffect, useState } from "preact/hooks";
import { actingFor, call, me, motherPath } from "../api";
import { dayLabel, fetchCharts, type Charts } from "../history";
import { lang, t, type Key } from "../i18n";
import { prefs, tempIn, tempLabel, volumeIn, volumeLabel } from "../prefs";
import { useSignal } from "../state";
import type { ProfileRecord, Signals, SymptomCheck, SymptomChecks } from "../wire";

type Check = SymptomCheck;
type Profile = ProfileRecord;

const DAYS = 7;

export function Summary() {
  const l = useSignal(lang);
  const p = useSignal(prefs);
  const [charts, setCharts] = useState<Charts | null>(null);
  const [checks, setChecks] = useState<Check[]>([]);
  const [signals, setSignals] = useState<Signals["signals"]>([]);
  const [profile, setProfile] = useState<Partial<Profile>>({});
  const [error, setError] = useState(false);
  useEffect(() => {
    fetchCharts(DAYS).then(setCharts).catch(() => setError(true));
    call<SymptomChecks>("GET", motherPath(`/symptom-checks?lang=${l}`)).then((r) => setChecks(r.items)).catch(() => {});
    call<Signals>("GET", motherPath(`/signals?lang=${l}`)).then((r) => setSignals(r.signals)).catch(() => {});
    call<Profile>("GET", motherPath("/profile")).then(setProfile).catch(() => {});
  }, [l]);
  if (error) return <main class="screen"><p class="error" role="alert">{t("needs_connection")}</p></main>;
  if (!charts) return <main class="screen"><p>{t("loading")}</p></main>;

  const when = new Intl.DateTimeFormat(l, { day: "numeric", month: "numeric", hour: "2-digit", minute: "2-digit" });
  const nf = new Intl.NumberFormat(l, { maximumFractionDigits: 1 });
  const since = Date.parse(charts.from + "T00:00:00");
  const recent = checks.filter((c) => Date.parse(c.created_at) >= since);
  const highest = (date: string) => {
    const temps = charts.temperatures.filter((x) => x.at.slice(0, 10) === date).map((x) => x.temp_c);
    return temps.length ? `${nf.format(tempIn(Math.max(...temps), p.temp))}` : "–";
  };
  const vol = volumeLabel(p.volume);
  // Whose record this is: the mother, never the person reading it (a clinician, a caregiver).
  const subject = actingFor();
  const viewer = me.get();
  return (
    <main class="screen summary-page" data-testid="summary">
      <header>
        <h1>{t("summary_title")}</h1>
        <p class="subject" data-testid="summary-subject"><strong>{subject?.name}</strong> · {t("record_id")}: <span class="record-id">{subject?.id}</span></p>
        <p>{t("summary_period", { from: dayLabel(charts.from), to: dayLabel(charts.to) })} · {t("printed_at", { time: when.format(Date.now()) })}
          {viewer && viewer.id !== subject?.id && <> · {t("printed_by", { name: viewer.display_name })}</>}</p>
        {profile.baby_birth_date && <p>{t("baby_born", { date: dayLabel(profile.baby_birth_date) })}{profile.delivery_type === "caesarean" ? ` · ${t("caesarean")}` : ""}{profile.breast_implants ? ` · ${t("implants")}` : ""}</p>}
      </header>
      <button class="primary big-button no-print" onClick={() => window.print()}>{t("print")}</button>
      <section>
        <h2>{t("per_day")}</h2>
        <div class="table-scroll" tabIndex={0} role="region" aria-label={t("per_day")}><table class="dense">
          <thead>
            <tr>
              <th scope="col">{t("date")}</th><th scope="col">{t("feeds_unit")}</th>
              <th scope="col">{t("left")} / {t("right")}</th><th scope="col">{t("min")} {t("left")} / {t("right")}</th>
              <th scope="col">{t("bottle")} ({vol})</th><th scope="col">{t("pump_short")} {t("left")} / {t("right")} / {t("not_by_side")} ({vol})</th>
              <th scope="col">{t("nappies")} {t("wet")} / {t("dirty")}</th>
              <th scope="col">{t("highest_temp")} ({tempLabel(p.temp)})</th>
            </tr>
          </thead>
          <tbody>
            {charts.per_day.map((d) => (
              <tr key={d.date}>
                <th scope="row">{dayLabel(d.date)}</th><td>{d.feeds}</td><td>{d.left_feeds} / {d.right_feeds}</td>
                <td>{nf.format(d.left_minutes)} / {nf.format(d.right_minutes)}</td><td>{nf.format(volumeIn(d.bottle_ml))}</td>
                <td>{nf.format(volumeIn(d.pump_left_ml))} / {nf.format(volumeIn(d.pump_right_ml))} / {nf.format(volumeIn(d.pump_unsided_ml))}</td>
                <td>{d.wet_nappies} / {d.dirty_nappies}</td>
                <td>{highest(d.date)}</td>
              </tr>
            ))}
          </tbody>
        </table></div>
      </section>
      <section>
        <h2>{t("check_ins")}</h2>
        {charts.breast_checks.length === 0 ? <p>{t("nothing_logged")}</p> : (
          <ul class="dense-list">
            {charts.breast_checks.map((b, i) => (
              <li key={i}>{when.format(Date.parse(b.at))}: {t(b.side === "left" ? "side_left" : "side_right")}
                {b.pain !== null && `, ${t("pain_short")} ${b.pain}/10`}
                {b.clock.length > 0 && `, ${b.clock.map((n) => t("at_oclock", { n })).join(", ")}`}
                {b.lump && `, ${t("lump")}`}{b.redness && b.redness !== "none" && `, ${t(`r_${b.redness}` as Key)}`}</li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{t("sc_title")}</h2>
        {recent.length === 0 ? <p>{t("nothing_logged")}</p> : recent.map((c) => (
          <div key={c.id} class="summary-check">
            <p><strong>{when.format(Date.parse(c.created_at))}: {t(`d_${c.result.disposition}` as Key)}</strong> — {c.result.condition_name}</p>
            <ul class="dense-list">
              {c.result.fired.map((f) => <li key={f.id}>{f.id}: {f.reason} <span class="note">({f.sources.join(", ")})</span></li>)}
            </ul>
          </div>
        ))}
      </section>
      <section>
        <h2>{t("worth_checking")}</h2>
        {signals.length === 0 ? <p>{t("nothing_to_check")}</p> : <ul class="dense-list">{signals.map((s) => <li key={s.id}>{s.message}</li>)}</ul>}
      </section>
      <p class="note">{t("summary_footer")}{checks[0] ? ` ${checks[0].protocol.id} ${checks[0].protocol.version}.` : ""}</p>
    </main>
  );
}
