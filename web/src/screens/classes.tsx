// Antenatal classes and courses: each course with its sessions and the seats left in the room and
// online; enrolling once (in the room or online, with a companion who takes a seat in the room);
// each session's place or waitlist; her calendar file; giving up a place.
import { useEffect, useState } from "preact/hooks";
import { call } from "../api";
import { lang, longDate, t } from "../i18n";
import { ProblemLine, problemText } from "../problem";
import { useSignal } from "../state";
import { slotTime } from "./booking";
import type { Course } from "../wire";

function EnrolForm({ course, done }: { course: Course; done: (c: Course) => void }) {
  const hasRoom = course.sessions.some((s) => s.room_seats > 0);
  const hasOnline = course.sessions.some((s) => s.online_seats > 0);
  const [mode, setMode] = useState<"room" | "online">(hasRoom ? "room" : "online");
  const [companion, setCompanion] = useState(false);
  const [error, setError] = useState("");
  const submit = async (e: Event) => {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget as HTMLFormElement).get("companion_name") ?? "").trim();
    try {
      done(await call<Course>("PUT", `/api/v1/courses/${course.id}/enrolment`, {
        mode, companions: companion ? 1 : 0, ...(companion && name ? { companion_name: name } : {}) }));
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <form class="enrol" onSubmit={submit} data-testid="enrol-form">
      <fieldset>
        <legend>{t("class_how")}</legend>
        {hasRoom && <label class="check"><input type="radio" name="mode" checked={mode === "room"} onChange={() => setMode("room")} /><span>{t("class_in_room")}</span></label>}
        {hasOnline && <label class="check"><input type="radio" name="mode" checked={mode === "online"} onChange={() => setMode("online")} /><span>{t("class_online")}</span></label>}
      </fieldset>
      {course.companions_allowed > 0 && (
        <label class="check"><input type="checkbox" name="companion" checked={companion} onChange={(e) => setCompanion((e.currentTarget as HTMLInputElement).checked)} data-testid="with-companion" />
          <span>{t("class_companion")}</span></label>
      )}
      {companion && <label>{t("class_companion_name")}<input name="companion_name" maxLength={100} data-testid="companion-name" /></label>}
      <ProblemLine text={error} />
      <button class="primary big-button" type="submit">{t("class_enrol")}</button>
    </form>
  );
}

function CourseCard({ course, changed }: { course: Course; changed: (c: Course) => void }) {
  const l = useSignal(lang);
  const [error, setError] = useState("");
  const giveUp = async () => {
    try {
      changed(await call<Course>("POST", `/api/v1/courses/${course.id}/enrolment/cancel`, {}));
    } catch (err) {
      setError(problemText(err));
    }
  };
  const enrolled = course.enrolment;
  return (
    <section class="card course" aria-labelledby={`c-${course.id}`} data-testid="course" data-id={course.id}>
      <h2 id={`c-${course.id}`}>{course.title[l]}</h2>
      {course.description && <p>{course.description[l]}</p>}
      {course.cohort && <p class="note">{t("class_cohort", { from: longDate(course.cohort.due_from), to: longDate(course.cohort.due_to) })}</p>}
      <ol class="sessions">
        {course.sessions.map((s) => (
          <li key={s.seq} data-testid="session">
            <p><strong>{s.title[l]}</strong></p>
            <p>{slotTime(s.start)} · {s.place}{s.leader ? ` · ${s.leader}` : ""}</p>
            {s.status === "cancelled" ? <p class="error">{t("class_session_cancelled")}</p> : (
              <p class="note">{t("class_seats_left", { room: s.room_left, online: s.online_left })}</p>
            )}
            {s.mine && <p data-testid="my-seat">{t(s.mine.status === "seated" ? (s.mine.pool === "room" ? "class_seated_room" : "class_seated_online") : "class_waiting")}
              {s.mine.seats > 1 ? ` · ${t("class_seats_n", { n: s.mine.seats })}` : ""}{s.mine.attended ? ` · ${t("class_attended")}` : ""}</p>}
            {s.online_url && <a href={s.online_url} rel="noopener" target="_blank">{t("class_join_online")}</a>}
          </li>
        ))}
      </ol>
      {enrolled ? (
        <div class="sides">
          <a class="link-button" href={`/api/v1/courses/${course.id}/calendar.ics?lang=${l}`} download="tia-lop-hoc.ics" data-testid="course-ics">{t("add_to_calendar")}</a>
          {!course.started && <button onClick={() => void giveUp()}>{t("class_give_up")}</button>}
        </div>
      ) : course.started ? <p class="note">{t("class_started")}</p>
        : course.eligible === false ? <p class="note">{t("class_not_for_you")}</p>
        : <EnrolForm course={course} done={changed} />}
      <ProblemLine text={error} />
    </section>
  );
}

export function Classes() {
  useSignal(lang);
  const [items, setItems] = useState<Course[] | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    call<{ items: Course[] }>("GET", "/api/v1/courses").then((r) => setItems(r.items)).catch(() => setError(t("needs_connection")));
  }, []);
  const changed = (c: Course) => setItems((all) => (all ?? []).map((x) => (x.id === c.id ? c : x)));
  return (
    <main class="screen classes">
      <h1>{t("classes_title")}</h1>
      <p class="note">{t("classes_intro")}</p>
      <ProblemLine text={error} />
      {items === null && !error && <p class="note">{t("loading")}</p>}
      {items?.length === 0 && <p>{t("classes_none")}</p>}
      {items?.map((c) => <CourseCard key={c.id} course={c} changed={changed} />)}
    </main>
  );
}
