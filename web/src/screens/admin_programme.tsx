// The maternity programme's set-up, for the hospital's admins: the packages (entitlements, prices in
// đồng, what is not included, in Vietnamese and English; each save that changes one adds a version and a
// mother keeps the version she chose), the antenatal schedule template with the birth file's checklist
// and the postnatal visits, and the classes and courses with their sessions. As elsewhere on this
// screen the server validates everything; its errors are shown with the row and field they name.
import { useEffect, useState } from "preact/hooks";
import { ApiError, call } from "../api";
import { lang, t, type Key } from "../i18n";
import { useSignal } from "../state";
import type { Course, Package } from "../wire";
import type { components } from "../api-types";
import { Status, useItems } from "./admin_schedule";

type Settings = components["schemas"]["MaternitySettings"];
type Row = Record<string, unknown>;

// A value at a dotted path ("label.vi") of a row, and a copy of the row with it set.
function get(row: Row, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v as Row | undefined)?.[k], row);
}
function set(row: Row, path: string, value: unknown): Row {
  const [head, ...rest] = path.split(".");
  if (rest.length === 0) return { ...row, [head]: value };
  return { ...row, [head]: set((row[head] as Row | undefined) ?? {}, rest.join("."), value) };
}

type Field = { path: string; label: Key; kind?: "text" | "number" | "date" | "time" | "url"; options?: [string, Key][]; optional?: boolean };

// One input bound to a row's field; an emptied optional field is left out of what is sent.
function Input({ f, row, change }: { f: Field; row: Row; change: (r: Row) => void }) {
  const v = get(row, f.path);
  const put = (raw: string) => {
    const value = raw === "" && f.optional ? undefined : f.kind === "number" ? (raw === "" ? "" : Number(raw)) : raw;
    change(set(row, f.path, value));
  };
  if (f.options) {
    return (
      <label>{t(f.label)}
        <select value={String(v ?? "")} onChange={(e) => put((e.currentTarget as HTMLSelectElement).value)}>
          {f.optional && <option value="">—</option>}
          {f.options.map(([o, k]) => <option key={o} value={o}>{t(k)}</option>)}
        </select>
      </label>
    );
  }
  return (
    <label>{t(f.label)}
      <input type={f.kind ?? "text"} value={v === undefined || v === null ? "" : String(v)} required={!f.optional}
             onInput={(e) => put((e.currentTarget as HTMLInputElement).value)} />
    </label>
  );
}

// A list of rows, each a set of fields, with a row added or removed by a button.
function Rows({ title, rows, fields, blank, change, testid }: {
  title: Key; rows: Row[]; fields: Field[]; blank: Row; change: (rows: Row[]) => void; testid: string;
}) {
  return (
    <fieldset class="rows" data-testid={testid}>
      <legend>{t(title)}</legend>
      {rows.map((r, i) => (
        <div class="row wrap" key={i} data-testid={`${testid}-row`}>
          <span class="note">{i + 1}.</span>
          {fields.map((f) => <Input key={f.path} f={f} row={r} change={(nr) => change(rows.map((x, j) => (j === i ? nr : x)))} />)}
          <button type="button" class="small" onClick={() => change(rows.filter((_, j) => j !== i))}>{t("admin_remove")}</button>
        </div>
      ))}
      <button type="button" class="small" onClick={() => change([...rows, blank])}>{t("admin_add_row")}</button>
    </fieldset>
  );
}

// The server's words with the place it names: "/entitlements/2/count" reads "Entitlements 3 · How many".
function problemOf(err: unknown, places: Record<string, Key>): string {
  if (!(err instanceof ApiError)) return t("error_generic");
  const parts = (err.field ?? "").split("/").filter(Boolean);
  const words = parts.map((p) => (/^\d+$/.test(p) ? String(Number(p) + 1) : places[p] ? t(places[p]) : p));
  return words.length > 0 ? `${words.join(" · ")}: ${err.detail}` : err.detail;
}

type Msg = { ok: boolean; text: string } | null;

// An editor's draft and its save: the message ("Saved." or the server's words with the place) goes
// at the next edit, so it never stands beside a value that has not been saved.
function useDraft<T extends Row | null>(initial: T, places: Record<string, Key>) {
  const [d, setD] = useState<T>(initial);
  const [msg, setMsg] = useState<Msg>(null);
  const change = (r: Row) => { setD(r as T); setMsg(null); };
  const submit = (fn: () => Promise<string>) => async (e: Event) => {
    e.preventDefault();
    try {
      setMsg({ ok: true, text: await fn() });
    } catch (err) {
      setMsg({ ok: false, text: problemOf(err, places) });
    }
  };
  return { d, setD, change, msg, submit };
}


const BI = (path: string, vi: Key, en: Key, optional = false): Field[] => [
  { path: `${path}.vi`, label: vi, optional }, { path: `${path}.en`, label: en, optional }];

// --- packages ---

const PACKAGE_KINDS: [string, Key][] = [["antenatal", "pk_kind_antenatal"], ["birth", "pk_kind_birth"], ["stay", "pk_kind_stay"]];
const ENT_KINDS: [string, Key][] = ["antenatal_visit", "scan", "test", "class", "room", "consultation", "reexamination", "vaccination", "other"]
  .map((k) => [k, `ent_${k}` as Key]);
const ENT_FIELDS: Field[] = [
  { path: "kind", label: "pk_ent_kind", options: ENT_KINDS }, ...BI("label", "pk_label_vi", "pk_label_en"),
  { path: "count", label: "pk_count", kind: "number" }, { path: "service_codes", label: "pk_services", optional: true },
  { path: "beds", label: "pk_beds", kind: "number", optional: true }, { path: "nights", label: "pk_nights", kind: "number", optional: true }];
const PACKAGE_PLACES: Record<string, Key> = {
  code: "pk_code", name: "pk_name", summary: "pk_summary", price_vnd: "pk_price", deposit_vnd: "pk_deposit",
  entitlements: "pk_entitlements", excluded: "pk_excluded", kind: "pk_ent_kind", label: "pk_label_vi", count: "pk_count",
  service_codes: "pk_services", beds: "pk_beds", nights: "pk_nights", vi: "lang_vi", en: "lang_en"};

// A stored package as the form edits it (service codes as one line of text).
function draftOf(p: Package | null): Row {
  if (!p) {
    return { code: "", kind: "birth", name: { vi: "", en: "" }, summary: { vi: "", en: "" }, price_vnd: 0, deposit_vnd: 0,
             entitlements: [], excluded: [], active: true };
  }
  return {
    code: p.code, kind: p.kind, name: p.name, summary: p.summary ?? { vi: "", en: "" }, price_vnd: p.price_vnd,
    deposit_vnd: p.deposit_vnd, active: p.active, excluded: p.excluded,
    entitlements: p.entitlements.map(({ used: _used, service_codes, ...e }) => ({ ...e, service_codes: service_codes.join(", ") })),
  };
}
function bodyOfPackage(d: Row): Row {
  const summary = d.summary as { vi: string; en: string };
  return {
    ...d, ...(summary.vi || summary.en ? {} : { summary: undefined }),
    entitlements: (d.entitlements as Row[]).map((e) => ({
      ...e, service_codes: String(e.service_codes ?? "").split(",").map((s) => s.trim()).filter(Boolean) })),
  };
}

function PackageForm({ p, saved }: { p: Package | null; saved: (p: Package) => void }) {
  const { d, change, msg, submit } = useDraft<Row>(draftOf(p), PACKAGE_PLACES);
  const save = submit(async () => {
    const r = await call<{ package: Package; changed: boolean; created: boolean }>(
      "PUT", `/api/v1/packages/${encodeURIComponent(String(d.code))}`, bodyOfPackage(d));
    saved(r.package);
    return r.changed || r.created ? t("pk_saved_version", { n: r.package.version }) : t("pk_unchanged");
  });
  return (
    <form class="editor" onSubmit={save} data-testid="package-form">
      <div class="row wrap">
        <Input f={{ path: "code", label: "pk_code" }} row={d} change={change} />
        <Input f={{ path: "kind", label: "pk_kind", options: PACKAGE_KINDS }} row={d} change={change} />
      </div>
      <div class="row wrap">{BI("name", "pk_name_vi", "pk_name_en").map((f) => <Input key={f.path} f={f} row={d} change={change} />)}</div>
      <div class="row wrap">{BI("summary", "pk_summary_vi", "pk_summary_en", true).map((f) => <Input key={f.path} f={f} row={d} change={change} />)}</div>
      <div class="row wrap">
        <Input f={{ path: "price_vnd", label: "pk_price", kind: "number" }} row={d} change={change} />
        <Input f={{ path: "deposit_vnd", label: "pk_deposit", kind: "number" }} row={d} change={change} />
      </div>
      <Rows title="pk_entitlements" rows={d.entitlements as Row[]} fields={ENT_FIELDS} testid="pk-entitlements"
            blank={{ kind: "antenatal_visit", label: { vi: "", en: "" }, count: 1, service_codes: "" }}
            change={(rows) => change({ ...d, entitlements: rows })} />
      <Rows title="pk_excluded" rows={d.excluded as Row[]} fields={[{ path: "vi", label: "lang_vi" }, { path: "en", label: "lang_en" }]}
            blank={{ vi: "", en: "" }} testid="pk-excluded" change={(rows) => change({ ...d, excluded: rows })} />
      <label class="check"><input type="checkbox" checked={d.active !== false}
                                  onChange={(e) => change({ ...d, active: (e.currentTarget as HTMLInputElement).checked })} />
        <span>{t("pk_active")}</span></label>
      <Status msg={msg} />
      <button class="primary" type="submit">{t("save")}</button>
    </form>
  );
}

export function Packages() {
  const l = useSignal(lang);
  const [items, load] = useItems<Package>("/api/v1/packages");
  const [open, setOpen] = useState<string | null>(null);  // a code, "" for a new one
  const money = (n: number) => new Intl.NumberFormat(l, { style: "currency", currency: "VND" }).format(n);
  return (
    <section class="card" data-testid="admin-packages" aria-busy={items === null}>
      <h2>{t("pk_title")}</h2>
      <p class="note">{t("pk_note")}</p>
      <ul>
        {(items ?? []).map((p) => (
          <li key={p.code}>
            <strong>{p.name[l]}</strong> · {money(p.price_vnd)} · {t("pk_version", { n: p.version })}
            {p.active ? "" : ` · ${t("pk_inactive")}`}{" "}
            <button class="small" onClick={() => setOpen(open === p.code ? null : p.code)}>{t("pk_edit")}</button>
            {open === p.code && <PackageForm p={p} saved={load} />}
          </li>
        ))}
      </ul>
      {open === "" ? <PackageForm p={null} saved={load} />
        : <button onClick={() => setOpen("")} data-testid="pk-new">{t("pk_new")}</button>}
    </section>
  );
}

// --- the antenatal schedule template ---

const APPLIES: [string, Key][] = [["all", "ms_applies_all"], ["singleton", "ms_applies_singleton"], ["multiple", "ms_applies_multiple"]];
const CONTACT_FIELDS: Field[] = [
  { path: "code", label: "pk_code" }, ...BI("name", "pk_name_vi", "pk_name_en"),
  { path: "from", label: "ms_from_week" }, { path: "to", label: "ms_to_week" },
  { path: "every_days", label: "ms_every_days", kind: "number", optional: true },
  { path: "service_code", label: "ms_service_code", optional: true }, { path: "applies_to", label: "ms_applies", options: APPLIES }];
const SETTINGS_PLACES: Record<string, Key> = {
  antenatal_schedule: "ms_schedule_rows", code: "pk_code", name: "pk_name", from: "ms_from_week", to: "ms_to_week",
  every_days: "ms_every_days", service_code: "ms_service_code", birth_file: "ms_birth_file", checklist: "ms_checklist",
  postnatal: "ms_postnatal", reexamination_day: "ms_reexam_day", vi: "lang_vi", en: "lang_en", label: "pk_label_vi"};

export function ScheduleTemplate() {
  const { d, setD, change, msg, submit } = useDraft<Row | null>(null, SETTINGS_PLACES);
  const [open, setOpen] = useState(false);
  useEffect(() => { call<Settings>("GET", "/api/v1/hospital/maternity").then((s) => setD(s as unknown as Row)).catch(() => {}); }, []);
  if (!d) return <section class="card" aria-busy="true"><h2>{t("ms_template_title")}</h2><p class="note">{t("loading")}</p></section>;
  const save = submit(async () => {
    setD(await call<Settings>("PUT", "/api/v1/hospital/maternity", d) as unknown as Row);
    return t("admin_saved");
  });
  const file = d.birth_file as Row;
  if (!open) {
    return (
      <section class="card" data-testid="admin-schedule-template">
        <h2>{t("ms_template_title")}</h2>
        <p class="note">{t("ms_template_note")}</p>
        <p>{t("ms_template_summary", { n: (d.antenatal_schedule as Row[]).length, from: String(file.from),
                                         day: Number((d.postnatal as Row).reexamination_day) })}</p>
        <button onClick={() => setOpen(true)} data-testid="ms-template-edit">{t("pk_edit")}</button>
      </section>
    );
  }
  return (
    <form class="card editor" onSubmit={save} data-testid="admin-schedule-template">
      <h2>{t("ms_template_title")}</h2>
      <p class="note">{t("ms_template_note")}</p>
      <Rows title="ms_schedule_rows" rows={d.antenatal_schedule as Row[]} fields={CONTACT_FIELDS} testid="ms-contacts"
            blank={{ code: "", name: { vi: "", en: "" }, from: "", to: "", applies_to: "all" }}
            change={(rows) => change({ ...d, antenatal_schedule: rows })} />
      <div class="row wrap"><Input f={{ path: "birth_file.from", label: "ms_birth_file_from" }} row={d} change={change} /></div>
      <Rows title="ms_checklist" rows={file.checklist as Row[]} testid="ms-checklist"
            fields={[{ path: "code", label: "pk_code" }, ...BI("label", "pk_label_vi", "pk_label_en")]}
            blank={{ code: "", label: { vi: "", en: "" } }} change={(rows) => change({ ...d, birth_file: { ...file, checklist: rows } })} />
      <fieldset class="rows">
        <legend>{t("ms_postnatal")}</legend>
        <div class="row wrap">
          <Input f={{ path: "postnatal.reexamination_day", label: "ms_reexam_day", kind: "number" }} row={d} change={change} />
          <Input f={{ path: "postnatal.discharge_service", label: "ms_discharge_service", optional: true }} row={d} change={change} />
          <Input f={{ path: "postnatal.reexamination_mother_service", label: "ms_reexam_mother_service", optional: true }} row={d} change={change} />
          <Input f={{ path: "postnatal.reexamination_baby_service", label: "ms_reexam_baby_service", optional: true }} row={d} change={change} />
        </div>
      </fieldset>
      <Status msg={msg} />
      <button class="primary" type="submit">{t("save")}</button>
    </form>
  );
}

// --- classes and courses ---

// The UTC offset ("+07:00") of a time zone at a local date and time.
export function offsetIn(zone: string, date: string, time: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "numeric",
                                                   day: "numeric", hour: "numeric", minute: "numeric" }).formatToParts(guess);
  const part = (k: string) => Number(parts.find((p) => p.type === k)?.value ?? 0);
  const minutes = (Date.UTC(part("year"), part("month") - 1, part("day"), part("hour"), part("minute")) - guess) / 60000;
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const SESSION_FIELDS: Field[] = [
  ...BI("title", "pk_name_vi", "pk_name_en"), { path: "date", label: "co_date", kind: "date" },
  { path: "from", label: "co_from", kind: "time" }, { path: "until", label: "co_until", kind: "time" },
  { path: "room_seats", label: "co_room_seats", kind: "number" }, { path: "online_seats", label: "co_online_seats", kind: "number", optional: true },
  { path: "min_to_run", label: "co_min", kind: "number", optional: true }, { path: "place", label: "co_place", optional: true },
  { path: "leader", label: "co_leader", optional: true }, { path: "online_url", label: "co_online_url", kind: "url", optional: true }];
const AUDIENCES: [string, Key][] = [["pregnancy", "co_audience_pregnancy"], ["postpartum", "co_audience_postpartum"], ["all", "co_audience_all"]];
const COURSE_PLACES: Record<string, Key> = {
  title: "pk_name", number: "co_number", description: "co_description", cohort: "co_cohort", due_from: "co_due_from",
  due_to: "co_due_to", companions_allowed: "co_companions", waitlist_limit: "co_waitlist", sessions: "co_sessions",
  start: "co_from", end: "co_until", room_seats: "co_room_seats", online_seats: "co_online_seats", min_to_run: "co_min",
  place: "co_place", leader: "co_leader", online_url: "co_online_url", vi: "lang_vi", en: "lang_en"};

function courseDraft(c: Course | null): Row {
  if (!c) {
    return { title: { vi: "", en: "" }, number: "", audience: "pregnancy", companions_allowed: 1, waitlist_limit: 30, sessions: [] };
  }
  const { id: _id, status: _s, starts_at: _a, started: _st, eligible: _e, enrolment: _en, sessions, ...rest } = c;
  return {
    ...rest, cohort: c.cohort ?? { due_from: "", due_to: "" },
    sessions: sessions.map((s) => ({
      title: s.title, date: s.start.slice(0, 10), from: s.start.slice(11, 16), until: s.end.slice(11, 16),
      room_seats: s.room_seats, online_seats: s.online_seats, min_to_run: s.min_to_run, place: s.place,
      ...(s.leader ? { leader: s.leader } : {}), ...(s.online_url ? { online_url: s.online_url } : {}) })),
  };
}
function courseBody(d: Row, zone: string): Row {
  const cohort = d.cohort as { due_from?: string; due_to?: string } | undefined;
  const description = d.description as { vi?: string; en?: string } | undefined;
  return {
    ...d, number: d.number || undefined,
    cohort: cohort?.due_from || cohort?.due_to ? cohort : undefined,
    description: description?.vi || description?.en ? description : undefined,
    sessions: (d.sessions as Row[]).map(({ date, from, until, ...s }) => {
      const day = String(date ?? "");
      const at = (time: unknown) => `${day}T${String(time ?? "")}:00${day && time ? offsetIn(zone, day, String(time)) : ""}`;
      return { ...s, start: at(from), end: at(until) };
    }),
  };
}

function CourseForm({ c, zone, saved }: { c: Course | null; zone: string; saved: (c: Course) => void }) {
  const { d, change, msg, submit } = useDraft<Row>(courseDraft(c), COURSE_PLACES);
  const [id] = useState(() => c?.id ?? crypto.randomUUID());  // a new course saved twice is saved once
  const save = submit(async () => {
    const r = await call<{ course: Course }>("PUT", `/api/v1/hospital/courses/${id}`, courseBody(d, zone));
    saved(r.course);
    return t("admin_saved");
  });
  return (
    <form class="editor" onSubmit={save} data-testid="course-form">
      <div class="row wrap">
        {BI("title", "pk_name_vi", "pk_name_en").map((f) => <Input key={f.path} f={f} row={d} change={change} />)}
        <Input f={{ path: "number", label: "co_number", optional: true }} row={d} change={change} />
      </div>
      <div class="row wrap">{BI("description", "co_description_vi", "co_description_en", true).map((f) => <Input key={f.path} f={f} row={d} change={change} />)}</div>
      <div class="row wrap">
        <Input f={{ path: "audience", label: "co_audience", options: AUDIENCES }} row={d} change={change} />
        <Input f={{ path: "cohort.due_from", label: "co_due_from", kind: "date", optional: true }} row={d} change={change} />
        <Input f={{ path: "cohort.due_to", label: "co_due_to", kind: "date", optional: true }} row={d} change={change} />
        <Input f={{ path: "companions_allowed", label: "co_companions", kind: "number" }} row={d} change={change} />
        <Input f={{ path: "waitlist_limit", label: "co_waitlist", kind: "number" }} row={d} change={change} />
      </div>
      <Rows title="co_sessions" rows={d.sessions as Row[]} fields={SESSION_FIELDS} testid="co-sessions"
            blank={{ title: { vi: "", en: "" }, date: "", from: "08:00", until: "10:00", room_seats: 30, online_seats: 0, min_to_run: 0 }}
            change={(rows) => change({ ...d, sessions: rows })} />
      <Status msg={msg} />
      <button class="primary" type="submit">{t("save")}</button>
    </form>
  );
}

export function Courses({ zone }: { zone: string }) {
  const l = useSignal(lang);
  const [items, load] = useItems<Course>("/api/v1/courses");
  const [open, setOpen] = useState<string | null>(null);  // a course id, "" for a new one
  return (
    <section class="card" data-testid="admin-courses" aria-busy={items === null}>
      <h2>{t("co_title")}</h2>
      <p class="note">{t("co_note")}</p>
      <ul>
        {(items ?? []).map((c) => (
          <li key={c.id}>
            <strong>{c.number ? `${c.number} · ` : ""}{c.title[l]}</strong> · {t("co_session_count", { n: c.sessions.length })}{" "}
            <button class="small" onClick={() => setOpen(open === c.id ? null : c.id)}>{t("pk_edit")}</button>
            {open === c.id && <CourseForm c={c} zone={zone} saved={load} />}
          </li>
        ))}
      </ul>
      {open === "" ? <CourseForm c={null} zone={zone} saved={load} />
        : <button onClick={() => setOpen("")} data-testid="co-new">{t("co_new")}</button>}
    </section>
  );
}
