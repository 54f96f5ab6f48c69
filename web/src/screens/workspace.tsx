// The clinician's workspace: the queue ordered by urgency with each reply deadline, a thread with
// the mother's symptom-check result (the rules that fired and their sources) and photos; claim,
// hand back, reply (with the hospital's templates), close out with a care plan; the day's bookings
// with their next step (approve, arrived, seen, did not come).
// Everything refreshes live from the event stream.
import { ModerationQueue, ReviewsDue } from "./reader_questions";
import { ClassRosters, Registrations } from "./programme_staff";
import { useEffect, useState } from "preact/hooks";
import { call, isoLocal, me, viewing } from "../api";
import { duration, lang, t, timeOfDay, type Key } from "../i18n";
import { useLive } from "../live";
import { useSignal } from "../state";
import { slotTime, type BookingView } from "./booking";
import { Messages, type Thread } from "./consult";
import { LogCharts } from "./history";
import { Summary } from "./summary";
import type { Consultation, ReplyTemplate } from "../wire";
import { ProblemLine, problemText } from "../problem";

// The queue's items name the mother; the staff's view of one adds the hand-over history.
type QueueItem = Consultation & Required<Pick<Consultation, "mother" | "photo_count">>;
type StaffThread = Thread & Required<Pick<Consultation, "history">>;
type Template = ReplyTemplate;

function Deadline({ item }: { item: QueueItem | Thread }) {
  if (item.status !== "open" || item.awaiting !== "clinician" || item.minutes_left === null) {
    return <span class="note">{t("ws_waiting_mother")}</span>;
  }
  const left = item.minutes_left;
  return (
    <span class={`deadline ${item.overdue ? "overdue" : left < 30 ? "soon" : ""}`} data-testid="deadline">
      {item.overdue ? t("ws_overdue", { d: duration(-left * 60000) }) : t("ws_left", { d: duration(left * 60000) })}
      {" · "}{timeOfDay(Date.parse(item.deadline_at))}
    </span>
  );
}

function CloseOutForm({ thread, done }: { thread: StaffThread; done: (t: StaffThread) => void }) {
  const [error, setError] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = e.currentTarget as HTMLFormElement;
    const value = (n: string) => (f.elements.namedItem(n) as HTMLInputElement).value;
    try {
      done(await call<StaffThread>("POST", `/api/v1/consultations/${thread.id}/close`, {
        outcome: value("outcome"), message: value("close_message"),
        care_plan: { summary: value("summary"), steps: value("steps").split("\n").map((s) => s.trim()).filter(Boolean) },
      }));
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <form class="card" onSubmit={submit} data-testid="close-out-form">
      <h3>{t("ws_close_out")}</h3>
      <label>{t("ws_outcome")}
        <select name="outcome">
          {["self_care", "book", "refer_emergency"].map((o) => <option value={o} key={o}>{t(`co_${o}` as Key)}</option>)}
        </select>
      </label>
      <label>{t("ws_plan_summary")}<input name="summary" required /></label>
      <label>{t("ws_plan_steps")}<textarea name="steps" rows={3} /></label>
      <label>{t("ws_close_message")}<textarea name="close_message" rows={2} required /></label>
      <ProblemLine text={error} />
      <button type="submit">{t("ws_close")}</button>
    </form>
  );
}

function ThreadView({ id, templates, changed }: { id: string; templates: Template[]; changed: number }) {
  const user = useSignal(me);
  const [thread, setThread] = useState<StaffThread | null>(null);
  const [error, setError] = useState("");
  const [draft, setDraft] = useState("");
  const [record, setRecord] = useState(false);
  const load = () => call<StaffThread>("GET", `/api/v1/consultations/${id}`).then(setThread).catch(() => setThread(null));
  useEffect(() => { load(); }, [id, changed]);
  if (!thread) return <section class="card" />;
  const act = async (verb: string, body: object = {}) => {
    setError("");
    try {
      setThread(await call<StaffThread>("POST", `/api/v1/consultations/${id}/${verb}`, body));
    } catch (err) {
      setError(problemText(err));
    }
  };
  const send = async (e: Event) => {
    e.preventDefault();
    if (!draft.trim()) return;
    const internal = ((e.currentTarget as HTMLFormElement).elements.namedItem("internal") as HTMLInputElement).checked;
    try {
      setThread(await call<StaffThread>("PUT", `/api/v1/consultations/${id}/messages/${crypto.randomUUID()}`,
                                        { text: draft, ...(internal ? { internal: true } : {}) }));
      setDraft("");
    } catch (err) {
      setError(problemText(err));
    }
  };
  const mine = thread.assignee?.id === user?.id;
  const check = thread.symptom_check;
  return (
    <section class="ws-thread" data-testid="ws-thread">
      <h2>{thread.mother.name} · {t(`pr_${thread.priority}` as Key)}</h2>
      <p><Deadline item={thread} /></p>
      <p>{thread.assignee ? t("ws_held_by", { name: thread.assignee.name }) : t("ws_unclaimed")}</p>
      {thread.status === "open" && !mine && (
        <button class="primary" data-testid="claim" onClick={() => act("claim", thread.assignee ? { reason: t("ws_take_over_reason") } : {})}>
          {t("ws_claim")}
        </button>
      )}
      {thread.status === "open" && mine && (
        <form class="inline" onSubmit={(e) => {
          e.preventDefault();
          act("release", { reason: ((e.currentTarget as HTMLFormElement).elements.namedItem("reason") as HTMLInputElement).value });
        }}>
          <label>{t("ws_release_why")}<input name="reason" required /></label>
          <button type="submit">{t("ws_release")}</button>
        </form>
      )}
      {check && (
        <section class="card" data-testid="ws-result">
          <h3>{t(`d_${check.disposition}` as Key)} · {check.result.condition_name}</h3>
          <ul class="reasons">
            {check.result.fired.map((f) => <li key={f.id}><p>{f.reason}</p><p class="note">{t("sources")}: {f.sources.join(", ")}</p></li>)}
          </ul>
        </section>
      )}
      <button class="link" data-testid="her-record" onClick={() => {
        viewing.set({ id: thread.mother.id, name: thread.mother.name });
        setRecord(!record);
      }}>{t(record ? "ws_hide_record" : "ws_her_record")}</button>
      {record && <Summary key={thread.mother.id} />}
      {record && <section class="card record-charts" data-testid="record-charts" aria-label={t("ws_record_charts")}>
        <h3>{t("ws_record_charts")}</h3>
        <LogCharts key={thread.mother.id} days={14} />
      </section>}
      <Messages thread={thread} me={user?.id ?? ""} />
      <ProblemLine text={error} />
      {thread.status === "open" && (
        <>
          <form class="card" onSubmit={send}>
            {templates.length > 0 && (
              <label>{t("ws_template")}
                <select onChange={(e) => setDraft((templates.find((x) => x.id === (e.currentTarget as HTMLSelectElement).value)?.text) ?? draft)}>
                  <option value="">—</option>
                  {templates.filter((x) => x.active).map((x) => <option value={x.id} key={x.id}>{x.title}</option>)}
                </select>
              </label>
            )}
            <label>{t("ws_reply")}<textarea name="reply" rows={3} value={draft} onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)} /></label>
            <label class="check"><input type="checkbox" name="internal" /><span>{t("ws_internal")}</span></label>
            <button class="primary" type="submit">{t("consult_send")}</button>
          </form>
          <CloseOutForm thread={thread} done={setThread} />
        </>
      )}
      <details><summary>{t("ws_history")}</summary>
        <ul>{thread.history.map((h, i) => <li key={i}>{timeOfDay(Date.parse(h.at))} {h.kind} · {h.by}{h.assignee ? ` → ${h.assignee}` : ""}{h.reason ? ` (${h.reason})` : ""}</li>)}</ul>
      </details>
    </section>
  );
}

// What a clinician does next with a booking of the day, by its state ("did not come" is offered
// only once the visit has started, as the server allows it).
const NEXT: Record<string, [string, Key][]> = {
  requested: [["booked", "ws_approve"]],
  booked: [["arrived", "ws_mark_arrived"], ["no_show", "ws_mark_no_show"]],
  arrived: [["fulfilled", "ws_mark_seen"]],
};

// The bookings of one day (today unless she picks another), each with its next actions.
function DayBookings() {
  const l = useSignal(lang);
  const [day, setDay] = useState(() => isoLocal(Date.now()).slice(0, 10));
  // null until the list has arrived: "no bookings" is said only when the server said so.
  const [items, setItems] = useState<BookingView[] | null>(null);
  const [error, setError] = useState("");
  const load = () => {
    call<{ items: BookingView[] }>("GET", `/api/v1/bookings?from=${day}&days=1`)
      .then((r) => { setItems(r.items); setError(""); })
      .catch(() => setError(t("error_generic")));
  };
  useEffect(() => { setItems(null); load(); }, [day]);
  // A booking made or changed anywhere (her phone, another clinician) shows at once.
  useLive((e) => { if (!e || e.type === "booking") load(); }, [day]);
  const act = async (b: BookingView, status: string) => {
    try {
      await call("POST", `/api/v1/bookings/${b.id}/status`, { status });
      load();
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <section class="card" data-testid="todays-bookings" aria-busy={items === null && !error}>
      <h2>{t("ws_today")}</h2>
      <label>{t("ws_day")}<input type="date" value={day} onChange={(e) => setDay((e.target as HTMLInputElement).value)} /></label>
      <ProblemLine text={error} />
      {items === null && !error && <p class="note">{t("loading")}</p>}
      {items?.length === 0 && <p class="note">{t("ws_no_bookings")}</p>}
      <ul>
        {(items ?? []).map((b) => (
          <li key={b.id} data-testid="day-booking" data-id={b.id}>
            {slotTime(b.start, false)} · {b.mother?.display_name ?? ""} · {b.service.name[l]} · {b.provider.name}
            {b.room ? ` · ${b.room.name}` : ""} · <span data-testid="day-booking-status">{t(`bs_${b.status}` as Key)}</span>
            {(NEXT[b.status] ?? []).filter(([to]) => to !== "no_show" || Date.parse(b.start) <= Date.now()).map(([to, label]) => (
              <button key={to} class="small" onClick={() => void act(b, to)}>{t(label)}</button>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Workspace() {
  useSignal(lang);
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [changed, setChanged] = useState(0);
  const load = () => call<{ items: QueueItem[] }>("GET", "/api/v1/hospital/consultations").then((r) => setQueue(r.items)).catch(() => {});
  useEffect(() => {
    load();
    call<{ items: Template[] }>("GET", "/api/v1/hospital/reply-templates").then((r) => setTemplates(r.items)).catch(() => {});
  }, []);
  useLive((e) => { if (!e || e.type === "consultation") { load(); setChanged((n) => n + 1); } });
  return (
    <main class="screen workspace">
      <h1>{t("ws_queue")}</h1>
      <ol class="queue" data-testid="queue">
        {queue.map((q) => (
          <li key={q.id} class={`queue-item ${q.priority} ${open === q.id ? "selected" : ""}`}>
            <button class="link" onClick={() => setOpen(q.id)} data-testid="queue-item">
              <strong>{t(`pr_${q.priority}` as Key)}</strong> · {q.mother.name}
              {q.photo_count > 0 && ` · ${t("photo")} ×${q.photo_count}`}
              {" · "}<Deadline item={q} />
              {q.assignee && ` · ${q.assignee.name}`}
              {q.preview && <span class="queue-preview" data-testid="queue-preview">{q.preview}</span>}
            </button>
          </li>
        ))}
        {queue.length === 0 && <li class="note">{t("ws_empty")}</li>}
      </ol>
      {open && <ThreadView id={open} templates={templates} changed={changed} />}
      <DayBookings />
      <Registrations />
      <ClassRosters />
      <ModerationQueue />
      <ReviewsDue />
    </main>
  );
}
