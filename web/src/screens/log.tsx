import { useEffect, useRef, useState } from "preact/hooks";
import { call, isoLocal, motherPath } from "../api";
import { lang, t, type Key } from "../i18n";
import { prefs, tempIn, tempLabel, volumeIn, volumeLabel } from "../prefs";
import { ProblemLine, problemText } from "../problem";
import { useSignal } from "../state";

// Her log as a list by day, newest first, to correct or delete what she entered. A deletion waits
// a few seconds behind "undo" before it reaches the server (which keeps a deleted id deleted), and
// goes at once if she leaves the screen. A correction is a PUT with the version she saw (If-Match),
// so a change made meanwhile on another phone is not overwritten.
const KINDS = [
  ["feed", "feeds"], ["pump", "pumps"], ["nappy", "nappies"], ["temperature", "temperatures"],
  ["care_action", "care-actions"], ["breast_check", "breast-checks"],
] as const;
type Kind = (typeof KINDS)[number][0];
const COLLECTION = Object.fromEntries(KINDS) as Record<Kind, string>;
const META = ["id", "kind", "recorded_at", "updated_at", "version", "deleted"];
const UNDO_MS = 6000;

type Body = Record<string, any>;
interface Entry { kind: Kind; id: string; at: number; version: number; body: Body }

const minutes = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 60000);

// One line that says what the entry was, in her units and language.
function describe(e: Entry): string {
  const b = e.body;
  const vol = (ml: number) => `${volumeIn(ml)} ${volumeLabel()}`;
  switch (e.kind) {
    case "feed":
      return (b.segments ?? []).map((s: Body) => s.type === "breast"
        ? `${t(s.side as Key)} ${minutes(s.start, s.end)} ${t("min")}`
        : `${t("log_bottle")} ${s.volume_ml !== undefined ? vol(s.volume_ml) : ""}`).join(" · ");
    case "pump":
      return b.total_ml !== undefined ? vol(b.total_ml)
        : [["left", b.left_ml], ["right", b.right_ml]].filter(([, v]) => v !== undefined).map(([s, v]) => `${t(s as Key)} ${vol(v)}`).join(" · ");
    case "nappy":
      return [b.wet && t("wet"), b.dirty && t("dirty")].filter(Boolean).join(", ");
    case "temperature":
      return `${tempIn(b.temp_c)} ${tempLabel()}`;
    case "care_action":
      return [t(`care_${b.action}` as Key), b.medicine, b.dose_mg && `${b.dose_mg} mg`, b.side && t(`care_side_${b.side}` as Key),
              b.minutes && `${b.minutes} ${t("min")}`].filter(Boolean).join(" · ");
    case "breast_check":
      return (["left", "right"] as const).filter((s) => b[s]).map((s) => `${t(s)}: ${t("log_pain", { n: b[s].pain ?? "–" })}`).join(" · ");
  }
}

// The body as the server takes it back: without the record's own fields.
function bodyOf(e: Entry): Body {
  const out: Body = { ...e.body };
  for (const k of META) delete out[k];
  return out;
}

// Moves every time in the entry by `delta` ms (a feed's segments and pauses with it).
function shifted(body: Body, delta: number): Body {
  const move = (iso: string) => isoLocal(Date.parse(iso) + delta);
  const out: Body = { ...body, occurred_at: move(body.occurred_at) };
  if (body.segments) {
    out.segments = body.segments.map((s: Body) => ({
      ...s,
      ...(s.start ? { start: move(s.start), end: move(s.end) } : {}),
      ...(s.pauses ? { pauses: s.pauses.map((p: Body) => ({ start: move(p.start), end: move(p.end) })) } : {}),
    }));
  }
  return out;
}

// datetime-local's value for an instant, in the phone's time zone.
const localInput = (ms: number) => isoLocal(ms).slice(0, 16);

function Correct({ entry, saved, cancel }: { entry: Entry; saved: () => void; cancel: () => void }) {
  const [error, setError] = useState("");
  const unit = prefs.get().volume;
  const temp = prefs.get().temp;
  const b = entry.body;
  async function save(ev: Event) {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const num = (k: string) => Number(String(f.get(k)));
    let body = bodyOf(entry);
    const when = Date.parse(String(f.get("when")));
    if (!Number.isNaN(when)) body = shifted(body, when - Date.parse(b.occurred_at));
    if (entry.kind === "feed") {
      // Each breast side's minutes (its pauses past the new end go), each bottle's amount.
      body.segments = body.segments.map((seg: Body, i: number) => {
        if (seg.type !== "breast") {
          const { volume_ml: _old, ...rest } = seg;
          return { ...rest, [`volume_${unit}`]: num(`seg-${i}`) };
        }
        const end = Date.parse(seg.start) + num(`seg-${i}`) * 60000;
        const pauses = (seg.pauses ?? []).filter((p: Body) => Date.parse(p.end) <= end);
        return { ...seg, end: isoLocal(end), ...(seg.pauses ? { pauses } : {}) };
      });
    } else     if (entry.kind === "pump") {
      for (const s of ["left", "right", "total"]) {
        if (b[`${s}_ml`] === undefined) continue;
        delete body[`${s}_ml`];
        body[`${s}_${unit}`] = num(s);
      }
    } else if (entry.kind === "temperature") {
      delete body.temp_c;
      body[temp === "c" ? "temp_c" : "temp_f"] = num("temp");
    } else if (entry.kind === "nappy") {
      body.wet = f.get("wet") === "on";
      body.dirty = f.get("dirty") === "on";
    } else if (entry.kind === "care_action" && b.minutes !== undefined) {
      body.minutes = num("minutes");
    }
    try {
      await call("PUT", motherPath(`/${COLLECTION[entry.kind]}/${entry.id}`), body, { "If-Match": String(entry.version) });
      saved();
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
  }
  return (
    <form class="correct" onSubmit={save} data-testid="correct">
      <label>{t("log_time")}<input name="when" type="datetime-local" required defaultValue={localInput(entry.at)} /></label>
      {entry.kind === "feed" && (b.segments ?? []).map((seg: Body, i: number) => seg.type === "breast" ? (
        <label key={i}>{t(seg.side as Key)} ({t("min")})
          <input name={`seg-${i}`} type="number" inputMode="numeric" min="1" max="600" required defaultValue={String(minutes(seg.start, seg.end))} /></label>
      ) : (
        <label key={i}>{t("log_bottle")} ({volumeLabel(unit)})
          <input name={`seg-${i}`} type="number" inputMode="decimal" min="0" step="any" required defaultValue={String(volumeIn(seg.volume_ml ?? 0, unit))} /></label>
      ))}
      {entry.kind === "pump" && ["left", "right", "total"].filter((s) => b[`${s}_ml`] !== undefined).map((s) => (
        <label key={s}>{t(s === "total" ? "total_amount" : (s as Key))} ({volumeLabel(unit)})
          <input name={s} type="number" inputMode="decimal" min="0" step="any" required defaultValue={String(volumeIn(b[`${s}_ml`], unit))} /></label>
      ))}
      {entry.kind === "temperature" && (
        <label>{t("temperature")} ({tempLabel(temp)})
          <input name="temp" type="number" inputMode="decimal" step="0.1" required defaultValue={String(tempIn(b.temp_c, temp))} /></label>
      )}
      {entry.kind === "nappy" && (["wet", "dirty"] as const).map((k) => (
        <label class="check" key={k}><input type="checkbox" name={k} defaultChecked={b[k] === true} /><span>{t(k)}</span></label>
      ))}
      {entry.kind === "care_action" && b.minutes !== undefined && (
        <label>{t("care_minutes")}<input name="minutes" type="number" inputMode="numeric" min="1" max="600" required defaultValue={String(b.minutes)} /></label>
      )}
      <ProblemLine text={error} />
      <div class="sides">
        <button class="primary" type="submit">{t("save")}</button>
        <button type="button" onClick={cancel}>{t("not_now")}</button>
      </div>
    </form>
  );
}

export function Log() {
  const l = useSignal(lang);
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState("");
  const [editing, setEditing] = useState("");
  const [pending, setPending] = useState<Entry | null>(null);  // deleted, still undoable
  const timer = useRef<number | undefined>(undefined);
  const pendingRef = useRef<Entry | null>(null);

  async function load() {
    try {
      const pages = await Promise.all(KINDS.map(([kind, coll]) =>
        call<{ items: Body[] }>("GET", motherPath(`/${coll}?limit=100`)).then((r) => r.items.map((body): Entry =>
          ({ kind, id: body.id, at: Date.parse(body.occurred_at), version: body.version, body })))));
      setEntries(pages.flat().sort((a, b) => b.at - a.at));
      setError("");
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
  }
  useEffect(() => { void load(); }, []);

  async function sendDelete(e: Entry) {
    try {
      await call("DELETE", motherPath(`/${COLLECTION[e.kind]}/${e.id}`));
    } catch (err) {
      setError(problemText(err, "needs_connection"));
      void load();  // it is still there: show it again
    }
  }
  function remove(e: Entry) {
    if (pendingRef.current) void sendDelete(pendingRef.current);  // the earlier one goes now
    clearTimeout(timer.current);
    pendingRef.current = e;
    setPending(e);
    timer.current = window.setTimeout(() => {
      pendingRef.current = null;
      setPending(null);
      setEntries((list) => list?.filter((x) => x.id !== e.id) ?? null);
      void sendDelete(e);
    }, UNDO_MS);
  }
  function undo() {
    clearTimeout(timer.current);
    pendingRef.current = null;
    setPending(null);
  }
  // Leaving the screen does not cancel a deletion she asked for.
  useEffect(() => () => {
    clearTimeout(timer.current);
    if (pendingRef.current) void sendDelete(pendingRef.current);
  }, []);

  const shown = (entries ?? []).filter((e) => e.id !== pending?.id);
  const days: [string, Entry[]][] = [];
  for (const e of shown) {
    const day = isoLocal(e.at).slice(0, 10);
    if (days.length === 0 || days[days.length - 1][0] !== day) days.push([day, []]);
    days[days.length - 1][1].push(e);
  }
  const dayName = new Intl.DateTimeFormat(l, { weekday: "long", day: "numeric", month: "numeric" });
  const time = new Intl.DateTimeFormat(l, { hour: "2-digit", minute: "2-digit" });
  return (
    <main class="screen log">
      <h1>{t("log_title")}</h1>
      <ProblemLine text={error} />
      {entries === null && !error && <p class="note">{t("loading")}</p>}
      {entries?.length === 0 && <p class="note">{t("nothing_logged")}</p>}
      {days.map(([day, list]) => (
        <section key={day} class="card" data-testid="log-day" aria-labelledby={`day-${day}`}>
          <h2 id={`day-${day}`}>{dayName.format(Date.parse(`${day}T12:00:00`))}</h2>
          <ul class="log-list">
            {list.map((e) => (
              <li key={e.id} data-testid="log-entry" data-kind={e.kind} data-id={e.id}>
                <p><strong>{time.format(e.at)} · {t(`log_${e.kind}` as Key)}</strong><br />{describe(e)}</p>
                {editing === e.id ? (
                  <Correct entry={e} cancel={() => setEditing("")} saved={() => { setEditing(""); void load(); }} />
                ) : (
                  <div class="sides">
                    <button type="button" onClick={() => setEditing(e.id)}>{t("log_correct")}</button>
                    <button type="button" onClick={() => remove(e)}>{t("log_delete")}</button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      {pending && (
        <div class="undo-bar" role="status" data-testid="undo-bar">
          <span>{t("log_deleted", { what: t(`log_${pending.kind}` as Key) })}</span>
          <button type="button" class="primary" onClick={undo}>{t("log_undo")}</button>
        </div>
      )}
    </main>
  );
}
