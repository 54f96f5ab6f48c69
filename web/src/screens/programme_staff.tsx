// The maternity programme in the clinician's workspace: registrations by due month, each mother's
// file with its actions (confirm, ask for more, deposit, open the birth file and tick its list,
// record the birth), and class rosters with attendance and the printable sign-in sheet. Every read
// of a mother's file or a roster is audited by the server.
import { useEffect, useState } from "preact/hooks";
import { call, isoLocal } from "../api";
import { lang, longDate, t, type Key } from "../i18n";
import { ProblemLine, problemText } from "../problem";
import { useSignal } from "../state";
import { slotTime } from "./booking";
import { dong } from "./programme";
import type { Course, PregnancyFile, Roster } from "../wire";

interface Registration {
  id: string; mother: { id: string; name: string }; status: string; outcome: string | null; due_date: string;
  gestation: string | null; package: { code: string; version: number }; birth_file_open: boolean; birth_file_due: boolean;
}

function BirthForm({ id, done }: { id: string; done: (f: PregnancyFile) => void }) {
  const [babies, setBabies] = useState(1);
  const [error, setError] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const local = String(f.get("born_at"));
    const offset = isoLocal(Date.parse(local)).slice(-6);
    try {
      done(await call<PregnancyFile>("POST", `/api/v1/pregnancies/${id}/birth`, {
        born_at: `${local}:00${offset}`, mode: f.get("mode"),
        babies: Array.from({ length: babies }, (_, i) => ({
          weight_g: Number(f.get(`weight_${i}`)), ...(f.get(`name_${i}`) ? { name: String(f.get(`name_${i}`)) } : {}) })),
      }));
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <form class="card" onSubmit={submit} data-testid="birth-form">
      <h3>{t("ms_record_birth")}</h3>
      <label>{t("ms_born_at")}<input type="datetime-local" name="born_at" required defaultValue={isoLocal(Date.now()).slice(0, 16)} /></label>
      <label>{t("ms_mode")}
        <select name="mode">{["vaginal", "assisted", "caesarean"].map((m) => <option key={m} value={m}>{t(`ms_mode_${m}` as Key)}</option>)}</select>
      </label>
      <label>{t("ms_babies")}
        <select value={String(babies)} onChange={(e) => setBabies(Number((e.currentTarget as HTMLSelectElement).value))}>
          {[1, 2, 3, 4].map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      {Array.from({ length: babies }, (_, i) => (
        <div class="sides" key={i}>
          <label>{t("ms_weight", { n: i + 1 })}<input type="number" name={`weight_${i}`} min={300} max={7000} required data-testid={`birth-weight-${i}`} /></label>
          <label>{t("ms_baby_name")}<input name={`name_${i}`} maxLength={100} /></label>
        </div>
      ))}
      <ProblemLine text={error} />
      <button class="primary" type="submit">{t("ms_record_birth")}</button>
    </form>
  );
}

function MotherFile({ reg, changed }: { reg: Registration; changed: () => void }) {
  const l = useSignal(lang);
  const [file, setFile] = useState<PregnancyFile | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    call<PregnancyFile | null>("GET", `/api/v1/mothers/${reg.mother.id}/pregnancy`).then(setFile).catch((e) => setError(problemText(e)));
  }, [reg.id]);
  const act = async (action: string, body: object = {}) => {
    setError("");
    try {
      setFile(await call<PregnancyFile>("POST", `/api/v1/pregnancies/${reg.id}/${action}`, body));
      changed();
    } catch (err) {
      setError(problemText(err));
    }
  };
  if (!file) return <section class="card"><ProblemLine text={error} /></section>;
  return (
    <section class="card ms-file" data-testid="ms-file">
      <h3>{reg.mother.name} · {t(`reg_${file.status}` as Key)}</h3>
      <p>{t("week_due", { date: longDate(file.dating.due_date) })}{file.stage ? ` · ${file.stage.weeks}+${file.stage.days}` : ""}
        {file.dating.dated_from ? ` · ${t(`dated_${file.dating.dated_from}` as Key)}` : ""}</p>
      <p>{file.package.name[l]} (v{file.package.version}) · {dong(file.package.price_vnd)}</p>
      <ul>{file.package.entitlements.map((e, i) => <li key={i}>{e.label[l]}: {t("used_of", { u: e.used ?? 0, n: e.count })}</li>)}</ul>
      {file.registration.note && <p class="note">{file.registration.note}</p>}
      <p class="note">{file.registration.contact.phone}{file.registration.contact.email ? ` · ${file.registration.contact.email}` : ""}</p>
      <ProblemLine text={error} />
      {!file.outcome && file.status !== "confirmed" && <button class="primary" onClick={() => void act("confirm")} data-testid="ms-confirm">{t("ms_confirm")}</button>}
      {!file.outcome && file.status === "submitted" && (
        <form class="inline" onSubmit={(e) => { e.preventDefault(); void act("ask", { note: String(new FormData(e.currentTarget as HTMLFormElement).get("note")) }); }}>
          <label>{t("ms_ask")}<input name="note" required /></label>
          <button type="submit">{t("ms_ask_send")}</button>
        </form>
      )}
      {!file.outcome && (
        <form class="inline" onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget as HTMLFormElement);
          void act("deposit", { amount_vnd: Number(f.get("amount")), method: f.get("method") });
        }}>
          <label>{t("deposit")} (₫)<input type="number" name="amount" min={1} required defaultValue={String(file.package.deposit_vnd || "")} /></label>
          <label>{t("ms_method")}<select name="method">{["transfer", "cash", "card"].map((m) => <option key={m} value={m}>{t(`ms_method_${m}` as Key)}</option>)}</select></label>
          <button type="submit">{t("ms_record_deposit")}</button>
        </form>
      )}
      {file.deposit_paid_vnd > 0 && <p>{t("deposit_paid", { amount: dong(file.deposit_paid_vnd) })}</p>}
      <h4>{t("birth_file")}</h4>
      {file.birth_file ? (
        <ul class="checklist" data-testid="ms-checklist">
          {file.birth_file.checklist.map((i) => (
            <li key={i.code}><label class="check">
              <input type="checkbox" checked={!!i.done_at} onChange={(e) => void act("check", { code: i.code, done: (e.currentTarget as HTMLInputElement).checked })} />
              <span>{i.label[l]}</span></label></li>
          ))}
        </ul>
      ) : !file.outcome && (
        <>
          <p class="note">{t("birth_file_opens", { date: longDate(file.birth_file_opens) })}</p>
          {file.status === "confirmed" && <button onClick={() => void act("open_birth_file")} data-testid="ms-open-file">{t("ms_open_file")}</button>}
        </>
      )}
      {!file.outcome && file.status === "confirmed" && <BirthForm id={reg.id} done={(f) => { setFile(f); changed(); }} />}
      {file.birth && (
        <div data-testid="ms-birth">
          <p>{t("birth_recorded")}: {file.birth.babies.map((b) => `${b.weight_g} g`).join(", ")} · {file.birth.gestation}</p>
          <ul>
            {"id" in file.birth.bookings.discharge && <li>{t("pn_discharge")}: {slotTime(file.birth.bookings.discharge.start)}</li>}
            {"mother" in file.birth.bookings.reexamination && "id" in file.birth.bookings.reexamination.mother &&
              <li>{t("pn_reexamination_mother")}: {slotTime(file.birth.bookings.reexamination.mother.start)}</li>}
            {"baby" in file.birth.bookings.reexamination && "id" in file.birth.bookings.reexamination.baby &&
              <li>{t("pn_reexamination_baby")}: {slotTime(file.birth.bookings.reexamination.baby.start)}</li>}
            {"unscheduled" in file.birth.bookings.discharge && <li class="error">{t("pn_discharge")}: {t("ms_unscheduled")}</li>}
            {"unscheduled" in file.birth.bookings.reexamination && <li class="error">{t("pn_reexamination_mother")}: {t("ms_unscheduled")}</li>}
          </ul>
        </div>
      )}
    </section>
  );
}

export function Registrations() {
  useSignal(lang);
  const [month, setMonth] = useState("");
  const [items, setItems] = useState<Registration[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState("");
  const load = () => call<{ items: Registration[] }>("GET", `/api/v1/pregnancies${month ? `?month=${month}` : ""}`)
    .then((r) => { setItems(r.items); setError(""); }).catch((e) => setError(problemText(e)));
  useEffect(() => { void load(); }, [month]);
  return (
    <section class="card" aria-labelledby="ms-regs" data-testid="ms-registrations">
      <h2 id="ms-regs">{t("ms_registrations")}</h2>
      <label>{t("ms_due_month")}<input type="month" value={month} onChange={(e) => setMonth((e.currentTarget as HTMLInputElement).value)} /></label>
      <ProblemLine text={error} />
      {items?.length === 0 && <p class="note">{t("ms_none")}</p>}
      <ul>
        {(items ?? []).map((r) => (
          <li key={r.id} data-testid="ms-registration">
            <button class="link" onClick={() => setOpen(open === r.id ? null : r.id)}>
              {r.mother.name} · {longDate(r.due_date)}{r.gestation ? ` · ${r.gestation}` : ""} · {t(`reg_${r.status}` as Key)}
              {r.outcome ? ` · ${t(`ms_outcome_${r.outcome}` as Key)}` : ""}{r.birth_file_due ? ` · ${t("ms_file_due")}` : ""}
            </button>
            {open === r.id && <MotherFile reg={r} changed={() => void load()} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RosterView({ course, seq }: { course: Course; seq: number }) {
  const l = useSignal(lang);
  const [roster, setRoster] = useState<Roster | null>(null);
  const [error, setError] = useState("");
  const base = `/api/v1/hospital/courses/${course.id}/sessions/${seq}`;
  useEffect(() => { call<Roster>("GET", `${base}/roster`).then(setRoster).catch((e) => setError(problemText(e))); }, [seq]);
  const mark = async (enrolment: string, attended: boolean) => {
    try {
      setRoster(await call<Roster>("POST", `${base}/attendance`, { items: [{ enrolment_id: enrolment, attended }] }));
    } catch (err) {
      setError(problemText(err));
    }
  };
  // Cancelling tells everyone seated and stops their reminders: asked once more before it is sent.
  const cancel = async (e: Event) => {
    e.preventDefault();
    const reason = String(new FormData(e.currentTarget as HTMLFormElement).get("reason") ?? "");
    if (!window.confirm(t("ms_cancel_confirm", { n: roster?.seated.length ?? 0 }))) return;
    try {
      setRoster(await call<Roster>("POST", `${base}/cancel`, { reason }));
    } catch (err) {
      setError(problemText(err));
    }
  };
  if (!roster) return <ProblemLine text={error} />;
  return (
    <div class="roster" data-testid="ms-roster">
      <p>{t("ms_taken", { room: roster.room.taken, rs: roster.room.seats, online: roster.online.taken, os: roster.online.seats })}
        {roster.below_minimum ? ` · ${t("ms_below_minimum", { n: roster.min_to_run })}` : ""}</p>
      <ul>
        {roster.seated.map((p) => (
          <li key={p.enrolment_id}><label class="check">
            <input type="checkbox" checked={p.attended === true} onChange={(e) => void mark(p.enrolment_id, (e.currentTarget as HTMLInputElement).checked)} />
            <span>{p.mother.name}{p.companions > 0 ? ` + ${p.companion_name ?? t("ms_companion")}` : ""} · {t(p.pool === "room" ? "class_in_room" : "class_online")}</span>
          </label></li>
        ))}
      </ul>
      {roster.waiting.length > 0 && <p class="note">{t("ms_waiting", { n: roster.waiting.length })}</p>}
      <a class="link-button" href={`${base}/sign-in-sheet?lang=${l}`} target="_blank" rel="noopener">{t("ms_sign_in_sheet")}</a>
      {roster.status === "cancelled" ? <p class="flag" data-testid="ms-session-cancelled">{t("ms_session_cancelled")}</p> : (
        <form class="row wrap" onSubmit={cancel}>
          <label>{t("ms_cancel_reason")}<input name="reason" required maxLength={500} /></label>
          <button type="submit" class="small danger">{t("ms_cancel_session")}</button>
        </form>
      )}
      <ProblemLine text={error} />
    </div>
  );
}

export function ClassRosters() {
  const l = useSignal(lang);
  const [courses, setCourses] = useState<Course[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => { call<{ items: Course[] }>("GET", "/api/v1/courses").then((r) => setCourses(r.items)).catch(() => {}); }, []);
  return (
    <section class="card" aria-labelledby="ms-classes" data-testid="ms-classes">
      <h2 id="ms-classes">{t("classes_title")}</h2>
      {courses.map((c) => (
        <div key={c.id}>
          <h3>{c.title[l]}</h3>
          <ul>
            {c.sessions.map((s) => (
              <li key={s.seq}>
                <button class="link" onClick={() => setOpen(open === `${c.id}/${s.seq}` ? null : `${c.id}/${s.seq}`)}>
                  {slotTime(s.start)} · {s.title[l]}
                </button>
                {open === `${c.id}/${s.seq}` && <RosterView course={c} seq={s.seq} />}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
