import { useEffect, useState } from "preact/hooks";
import { actingFor, call, canSeeMother, motherPath } from "../api";
import { duration, lang, t, timeOfDay, type Key } from "../i18n";
import { reminder } from "../reminder";
import { discardRefused, pending, refused, retryRefused, type Refused } from "../outbox";
import { useSignal } from "../state";
import type { Signal, Summary } from "../wire";

type SignalItem = Signal;

// Why the server refused an entry, in her language: from the field it named (never the raw field
// name). The server's own sentence is English, so it is added only on the English screen.
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
  return lang.get() === "en" && r.detail ? `${why} (${r.detail})` : why;
}

export function Home({ go }: { go: (screen: string) => void }) {
  const l = useSignal(lang);
  const queued = useSignal(pending);
  const notSaved = useSignal(refused);
  const due = useSignal(reminder);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [signals, setSignals] = useState<SignalItem[]>([]);
  const mother = canSeeMother();
  const who = actingFor();
  useEffect(() => {
    if (!mother) return;
    call<Summary>("GET", motherPath("/summary")).then(setSummary).catch(() => {});
    call<{ signals: SignalItem[] }>("GET", motherPath(`/signals?lang=${l}`)).then((r) => setSignals(r.signals)).catch(() => {});
  }, [l, queued]);

  const left = summary?.last_milk_removal.left ? Date.parse(summary.last_milk_removal.left.at) : 0;
  const right = summary?.last_milk_removal.right ? Date.parse(summary.last_milk_removal.right.at) : 0;
  const last = Math.max(left, right);
  const dueNow = due !== null && due.due <= Date.now();
  return (
    <main class="screen home">
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
      {mother && <section class="card" aria-labelledby="last-feed">
        <h2 id="last-feed">{t("last_feed")}</h2>
        {last > 0 ? (
          <p class="big">
            {duration(Date.now() - last)} {t("ago")}, {t("ended_on")} {t(left >= right ? "left" : "right")}
          </p>
        ) : (
          <p>{t("no_feed_yet")}</p>
        )}
      </section>}
      <nav class="quick" aria-label={t("home")}>
        <button class="primary big-button" onClick={() => go("feed")}>{t("quick_feed")}</button>
        <button class="big-button" onClick={() => go("nappy")}>{t("quick_nappy")}</button>
        {mother && <>
          <button class="big-button" onClick={() => go("pump")}>{t("quick_pump")}</button>
          <button class="big-button" onClick={() => go("checkin")}>{t("quick_check")}</button>
          <button class="big-button" onClick={() => go("symptoms")}>{t("quick_symptoms")}</button>
          <button class="big-button" onClick={() => go("history")}>{t("quick_history")}</button>
          <button class="big-button wide" onClick={() => go("appointments")}>{t("appointments")}</button>
          <button class="big-button wide" onClick={() => go("consult")}>{t("ask_team")}</button>
        </>}
      </nav>
      {mother && <section class="card" aria-labelledby="signals">
        <h2 id="signals">{t("worth_checking")}</h2>
        {signals.length === 0 ? <p>{t("nothing_to_check")}</p> : (
          <ul>{signals.map((s) => <li key={s.id}>{s.message}</li>)}</ul>
        )}
      </section>}
    </main>
  );
}
