// The hospital's bookable set-up, for its admins: holidays, rooms, services with every booking
// rule, providers (weekly plan with breaks, dated changes, services offered) and a provider's
// calendar link for her phone. The server validates everything and its errors name the field;
// they are shown as they come, nothing is fixed up here. An item is sent back whole, as stored,
// with the fields changed, so nothing an admin did not touch is lost.
import { useEffect, useState } from "preact/hooks";
import { call } from "../api";
import { lang, t, type Key } from "../i18n";
import { useSignal } from "../state";
import type { HospitalSettings, Provider as StoredProvider, Room as StoredRoom, Service as StoredService } from "../wire";
import { problemText } from "../problem";

export type Settings = HospitalSettings;
export type Hours = NonNullable<NonNullable<Settings["hotline"]>["hours"]>[number];
export type Holiday = NonNullable<Settings["holidays"]>[number];
// What an admin edits: a stored item, or a new one (no updated_at yet).
type Stored = { id: string; updated_at?: string };
type Draft<T extends Stored> = Omit<T, "updated_at"> & Stored;
export type Room = Draft<StoredRoom>;
export type Service = Draft<StoredService>;
export type Provider = Draft<StoredProvider>;
type DayPlan = NonNullable<NonNullable<Provider["weekly"]>[Day]>;
type Exception = NonNullable<Provider["exceptions"]>[number];

type Day = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
const DAYS: Day[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const KINDS = ["lactation_consult", "same_day_lactation_clinic", "postpartum_check", "antenatal_class", "nutrition_consult", "other"];
const MODALITIES = ["in_person", "video", "phone"];
// The service's booking rules, each a whole number of minutes, days or seats.
type RuleKey = "duration_min" | "step_min" | "buffer_before_min" | "buffer_after_min" | "capacity" | "min_notice_min" |
  "max_days_ahead" | "cancel_window_min" | "reschedule_window_min";
const RULES: [RuleKey, Key][] = [
  ["duration_min", "admin_duration"], ["step_min", "admin_step"], ["buffer_before_min", "admin_buffer_before"],
  ["buffer_after_min", "admin_buffer_after"], ["capacity", "admin_capacity"], ["min_notice_min", "admin_notice"],
  ["max_days_ahead", "admin_ahead"], ["cancel_window_min", "admin_cancel_window"],
  ["reschedule_window_min", "admin_reschedule_window"],
];

// What is PUT back: the stored item without the fields the server adds.
function bodyOf(x: Stored): Record<string, unknown> {
  const { id: _id, updated_at: _at, ...body } = x as Stored & Record<string, unknown>;
  return body;
}
export function problem(err: unknown): string {
  return problemText(err);
}
function dayName(d: Day): string {  // 2026-11-30 is a Monday
  const date = Date.UTC(2026, 10, 30 + DAYS.indexOf(d));
  return new Intl.DateTimeFormat(lang.get(), { weekday: "long", timeZone: "UTC" }).format(date);
}
function fields(form: HTMLFormElement) {
  const f = new FormData(form);
  return { text: (n: string) => String(f.get(n) ?? ""), on: (n: string) => f.get(n) === "on", all: (n: string) => f.getAll(n).map(String) };
}

// Loads a hospital collection; null until it has arrived.
export function useItems<T>(path: string): [T[] | null, () => void] {
  const [items, setItems] = useState<T[] | null>(null);
  const load = () => { call<{ items: T[] }>("GET", path).then((r) => setItems(r.items)).catch(() => setItems([])); };
  useEffect(load, []);
  return [items, load];
}

export function Status({ msg }: { msg: { ok: boolean; text: string } | null }) {
  if (!msg) return null;
  return msg.ok ? <p role="status">{msg.text}</p> : <p class="error" role="alert">{msg.text}</p>;
}

// A save that reports "Saved." or the server's words; `clear` (on the next edit) takes it away, so
// "Saved." never stands beside a value that has not been saved.
function useSave(): [{ ok: boolean; text: string } | null, (fn: () => Promise<unknown>) => Promise<void>, () => void] {
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setMsg({ ok: true, text: t("admin_saved") });
    } catch (err) {
      setMsg({ ok: false, text: problem(err) });
    }
  };
  return [msg, run, () => setMsg(null)];
}

export function Holidays({ settings, saved }: { settings: Settings | null; saved: (s: Settings) => void }) {
  const [msg, run, clear] = useSave();
  const list = settings?.holidays ?? [];
  const put = (holidays: Holiday[]) => run(async () => {
    if (!settings) throw new Error(t("admin_settings_first"));
    saved(await call<Settings>("PUT", "/api/v1/hospital/settings", { ...settings, holidays }));
  });
  const add = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const v = fields(form);
    void put([...list, { date: v.text("date"), name: v.text("name") }].sort((a, b) => a.date.localeCompare(b.date)))
      .then(() => form.reset());
  };
  return (
    <section class="card" data-testid="holidays" onInput={clear}>
      <h2>{t("admin_holidays")}</h2>
      {!settings && <p class="note">{t("admin_settings_first")}</p>}
      <ul>
        {list.map((h) => (
          <li key={h.date}>{h.date} · {h.name}{" "}
            <button class="small" onClick={() => void put(list.filter((x) => x.date !== h.date))}>{t("admin_remove")}</button>
          </li>
        ))}
      </ul>
      <form class="row" onSubmit={add}>
        <label>{t("admin_holiday_date")}<input name="date" type="date" required /></label>
        <label>{t("admin_holiday_name")}<input name="name" required /></label>
        <button type="submit">{t("admin_add")}</button>
      </form>
      <Status msg={msg} />
    </section>
  );
}

export function Rooms({ rooms, reload }: { rooms: Room[] | null; reload: () => void }) {
  const [msg, run, clear] = useSave();
  const put = (id: string, body: Record<string, unknown>) =>
    run(() => call("PUT", `/api/v1/hospital/rooms/${id}`, body)).then(reload);
  const add = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const v = fields(form);
    void put(crypto.randomUUID(), { name: v.text("name"), capacity: Number(v.text("capacity")) }).then(() => form.reset());
  };
  return (
    <section class="card" data-testid="rooms" onInput={clear}>
      <h2>{t("admin_rooms")}</h2>
      <ul>
        {(rooms ?? []).map((r) => (
          <li key={r.id}>
            {/* Saved with its own button, like every other section: nothing changes on a keystroke. */}
            <form class="row" data-testid="room" onSubmit={(e) => {
              e.preventDefault();
              const v = fields(e.currentTarget as HTMLFormElement);
              void put(r.id, { ...bodyOf(r), capacity: Number(v.text("capacity")), active: v.on("active") });
            }}>
              <span>{r.name}</span>
              <label>{t("admin_capacity")}<input name="capacity" type="number" min="1" max="500" defaultValue={String(r.capacity)} required /></label>
              <label class="check"><input type="checkbox" name="active" defaultChecked={r.active} /><span>{t("admin_active")}</span></label>
              <button type="submit">{t("save")}</button>
            </form>
          </li>
        ))}
      </ul>
      <form class="row" onSubmit={add}>
        <label>{t("admin_room_name")}<input name="name" required /></label>
        <label>{t("admin_capacity")}<input name="capacity" type="number" min="1" max="500" defaultValue="1" required /></label>
        <button type="submit">{t("admin_add")}</button>
      </form>
      <Status msg={msg} />
    </section>
  );
}

function ServiceForm({ s, rooms, saved }: { s: Service; rooms: Room[]; saved: () => void }) {
  const [msg, run, clear] = useSave();
  const save = (e: Event) => {
    e.preventDefault();
    const v = fields(e.currentTarget as HTMLFormElement);
    const body: Record<string, unknown> = {
      ...bodyOf(s), name: { en: v.text("name_en"), vi: v.text("name_vi") }, modality: v.text("modality"),
      requires_approval: v.on("requires_approval"), same_day: v.on("same_day"), active: v.on("active"),
      room_ids: v.all("room_ids"),
    };
    for (const [key] of RULES) body[key] = Number(v.text(key));
    void run(() => call("PUT", `/api/v1/hospital/services/${s.id}`, body)).then(saved);
  };
  return (
    <form onSubmit={save} data-testid={`service-${s.code}`} onInput={clear}>
      <div class="row">
        <label>{t("admin_name_vi")}<input name="name_vi" required defaultValue={s.name.vi} /></label>
        <label>{t("admin_name_en")}<input name="name_en" required defaultValue={s.name.en} /></label>
      </div>
      <label>{t("admin_modality")}
        <select name="modality" defaultValue={s.modality}>
          {MODALITIES.map((m) => <option key={m} value={m}>{t(`admin_mod_${m}` as Key)}</option>)}
        </select>
      </label>
      <div class="rule-grid">
        {RULES.map(([key, label]) => (
          <label key={key}>{t(label)}<input name={key} type="number" min="0" required defaultValue={String(s[key] ?? 0)} /></label>
        ))}
      </div>
      <label class="check"><input type="checkbox" name="requires_approval" defaultChecked={Boolean(s.requires_approval)} /><span>{t("admin_approval")}</span></label>
      <label class="check"><input type="checkbox" name="same_day" defaultChecked={Boolean(s.same_day)} /><span>{t("admin_same_day")}</span></label>
      <label class="check"><input type="checkbox" name="active" defaultChecked={s.active} /><span>{t("admin_offered")}</span></label>
      {rooms.length > 0 && (
        <fieldset>
          <legend>{t("admin_service_rooms")}</legend>
          {rooms.map((r) => (
            <label class="check" key={r.id}>
              <input type="checkbox" name="room_ids" value={r.id} defaultChecked={s.room_ids.includes(r.id)} />
              <span>{r.name}{r.active ? "" : ` (${t("admin_not_in_use")})`}</span>
            </label>
          ))}
        </fieldset>
      )}
      <Status msg={msg} />
      <button class="primary" type="submit">{t("save")}</button>
    </form>
  );
}

export function Services({ services, rooms, reload }: { services: Service[] | null; rooms: Room[]; reload: () => void }) {
  const l = useSignal(lang);
  const [msg, run, clear] = useSave();
  const add = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const v = fields(form);
    void run(() => call("PUT", `/api/v1/hospital/services/${crypto.randomUUID()}`, {
      code: v.text("code"), name: { en: v.text("name_en"), vi: v.text("name_vi") }, kind: v.text("kind"),
      modality: v.text("modality"), duration_min: Number(v.text("duration_min")),
    })).then(() => { form.reset(); reload(); });
  };
  return (
    <section class="card" data-testid="services" onInput={clear}>
      <h2>{t("admin_services")}</h2>
      {(services ?? []).map((s) => (
        <details key={s.id}>
          <summary>{s.name[l]} · {s.duration_min} {t("min")} · {t(s.active ? "admin_offered" : "admin_not_offered")}</summary>
          <ServiceForm s={s} rooms={rooms} saved={reload} />
        </details>
      ))}
      <details>
        <summary>{t("admin_add_service")}</summary>
        <form onSubmit={add}>
          <div class="row">
            <label>{t("admin_code")}<input name="code" required /></label>
            <label>{t("admin_duration")}<input name="duration_min" type="number" min="5" max="480" defaultValue="30" required /></label>
          </div>
          <div class="row">
            <label>{t("admin_name_vi")}<input name="name_vi" required /></label>
            <label>{t("admin_name_en")}<input name="name_en" required /></label>
          </div>
          <div class="row">
            <label>{t("admin_kind")}
              <select name="kind">{KINDS.map((k) => <option key={k} value={k}>{t(`admin_kind_${k}` as Key)}</option>)}</select>
            </label>
            <label>{t("admin_modality")}
              <select name="modality">{MODALITIES.map((m) => <option key={m} value={m}>{t(`admin_mod_${m}` as Key)}</option>)}</select>
            </label>
          </div>
          <Status msg={msg} />
          <button type="submit">{t("admin_add")}</button>
        </form>
      </details>
    </section>
  );
}

// "HH:MM" as the server takes it: a text field, since a time input cannot hold "24:00" (midnight
// at the end of a day a clinic works around the clock).
function Clock({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <label>{label}<input name={name} defaultValue={value} inputMode="numeric" placeholder="HH:MM" size={5}
                         pattern="([01][0-9]|2[0-3]):[0-5][0-9]|24:00" /></label>
  );
}

// One day's hours with every break it has, and one empty break row to add another.
function DayRow({ d, plan }: { d: Day; plan: DayPlan | undefined }) {
  const breaks = [...(plan?.breaks ?? []), { start: "", end: "" }];
  return (
    <fieldset class="day-row">
      <legend>{dayName(d)}</legend>
      <label class="check"><input type="checkbox" name={`${d}_on`} defaultChecked={Boolean(plan)} /><span>{t("admin_works")}</span></label>
      <div class="row">
        <Clock name={`${d}_start`} label={t("admin_from")} value={plan?.start ?? "07:30"} />
        <Clock name={`${d}_end`} label={t("admin_to")} value={plan?.end ?? "16:30"} />
      </div>
      {breaks.map((b, i) => (
        <div class="row" key={i}>
          <Clock name={`${d}_break_start`} label={t("admin_break")} value={b.start} />
          <Clock name={`${d}_break_end`} label={t("admin_to")} value={b.end} />
        </div>
      ))}
    </fieldset>
  );
}

function CalendarLink({ p }: { p: Provider }) {
  const [url, setUrl] = useState("");
  const [msg, setMsg] = useState("");
  const make = async () => {
    try {
      const r = await call<{ path: string }>("POST", `/api/v1/hospital/providers/${p.id}/calendar-feed`);
      setUrl(location.origin + r.path);
      setMsg("");
    } catch (err) { setMsg(problem(err)); }
  };
  const revoke = async () => {
    try {
      const r = await call<{ revoked: number }>("DELETE", `/api/v1/hospital/providers/${p.id}/calendar-feed`);
      setUrl("");
      setMsg(t("admin_feed_revoked", { n: r.revoked }));
    } catch (err) { setMsg(problem(err)); }
  };
  return (
    <div class="calendar-link" data-testid="calendar-link">
      <p class="note">{t("admin_feed_note")}</p>
      {url && <label>{t("admin_feed")}<input readOnly value={url} onFocus={(e) => (e.target as HTMLInputElement).select()} /></label>}
      {msg && <p role="status">{msg}</p>}
      <div class="row">
        <button type="button" onClick={() => void make()}>{t("admin_feed_new")}</button>
        <button type="button" onClick={() => void revoke()}>{t("admin_feed_revoke")}</button>
      </div>
    </div>
  );
}

function ProviderForm({ p, services, saved }: { p: Provider; services: Service[]; saved: () => void }) {
  const l = useSignal(lang);
  const [msg, run, clear] = useSave();
  const [exceptions, setExceptions] = useState<Exception[]>(p.exceptions ?? []);
  const save = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const v = fields(form);
    const weekly: Partial<Record<Day, DayPlan>> = {};
    for (const d of DAYS) {
      if (!v.on(`${d}_on`)) continue;
      const starts = v.all(`${d}_break_start`), ends = v.all(`${d}_break_end`);
      const breaks = starts.map((start, i) => ({ start, end: ends[i] })).filter((b) => b.start || b.end);
      weekly[d] = { start: v.text(`${d}_start`), end: v.text(`${d}_end`), breaks };
    }
    void run(() => call("PUT", `/api/v1/hospital/providers/${p.id}`, {
      ...bodyOf(p), name: v.text("name"), title: v.text("title") || undefined, time_zone: v.text("time_zone"),
      service_ids: v.all("service_ids"), active: v.on("active"), weekly, exceptions,
    })).then(saved);
  };
  const addException = (e: Event) => {
    e.preventDefault();
    const v = fields(e.currentTarget as HTMLFormElement);
    const x: Exception = v.on("off") ? { date: v.text("date"), off: true }
      : { date: v.text("date"), start: v.text("start"), end: v.text("end"), breaks: [] };
    setExceptions([...exceptions.filter((y) => y.date !== x.date), x].sort((a, b) => a.date.localeCompare(b.date)));
  };
  return (
    <div data-testid={`provider-${p.name}`}>
      <form onSubmit={save} onInput={clear}>
        <div class="row">
          <label>{t("admin_provider_name")}<input name="name" required defaultValue={p.name} /></label>
          <label>{t("admin_provider_title")}<input name="title" defaultValue={p.title ?? ""} /></label>
        </div>
        <label>{t("admin_time_zone")}<input name="time_zone" required defaultValue={p.time_zone} /></label>
        <fieldset>
          <legend>{t("admin_offers")}</legend>
          {services.map((s) => (
            <label class="check" key={s.id}>
              <input type="checkbox" name="service_ids" value={s.id} defaultChecked={p.service_ids.includes(s.id)} /><span>{s.name[l]}</span>
            </label>
          ))}
        </fieldset>
        {DAYS.map((d) => <DayRow key={d} d={d} plan={p.weekly[d]} />)}
        <fieldset>
          <legend>{t("admin_exceptions")}</legend>
          <ul data-testid="exceptions">
            {exceptions.map((x) => (
              <li key={x.date}>{x.date} · {"off" in x ? t("admin_day_off") : `${x.start}–${x.end}`}{" "}
                <button type="button" class="small" onClick={() => setExceptions(exceptions.filter((y) => y.date !== x.date))}>
                  {t("admin_remove")}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
        <label class="check"><input type="checkbox" name="active" defaultChecked={p.active} /><span>{t("admin_active")}</span></label>
        <Status msg={msg} />
        <button class="primary" type="submit">{t("save")}</button>
      </form>
      <form class="exception-form" onSubmit={addException}>
        <div class="row">
          <label>{t("admin_holiday_date")}<input name="date" type="date" required /></label>
          <label class="check"><input type="checkbox" name="off" defaultChecked /><span>{t("admin_day_off")}</span></label>
        </div>
        <div class="row">
          <Clock name="start" label={t("admin_from")} value="07:30" />
          <Clock name="end" label={t("admin_to")} value="11:30" />
        </div>
        <button type="submit">{t("admin_add_exception")}</button>
      </form>
      <CalendarLink p={p} />
    </div>
  );
}

export function Providers({ providers, services, reload }: { providers: Provider[] | null; services: Service[]; reload: () => void }) {
  const [msg, run, clear] = useSave();
  const add = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const v = fields(form);
    void run(() => call("PUT", `/api/v1/hospital/providers/${crypto.randomUUID()}`, {
      name: v.text("name"), time_zone: "Asia/Ho_Chi_Minh", service_ids: [], weekly: {},
    })).then(() => { form.reset(); reload(); });
  };
  return (
    <section class="card" data-testid="providers" onInput={clear}>
      <h2>{t("admin_providers")}</h2>
      {(providers ?? []).map((p) => (
        <details key={p.id}>
          <summary>{p.name}{p.title ? `, ${p.title}` : ""}{p.active ? "" : ` · ${t("admin_not_offered")}`}</summary>
          <ProviderForm p={p} services={services ?? []} saved={reload} />
        </details>
      ))}
      <form class="row" onSubmit={add}>
        <label>{t("admin_add_provider")}<input name="name" required /></label>
        <button type="submit">{t("admin_add")}</button>
      </form>
      <Status msg={msg} />
    </section>
  );
}

// Rooms, services and providers load together: services list rooms, providers list services.
export function Schedule() {
  const [rooms, loadRooms] = useItems<Room>("/api/v1/hospital/rooms");
  const [services, loadServices] = useItems<Service>("/api/v1/hospital/services");
  const [providers, loadProviders] = useItems<Provider>("/api/v1/hospital/providers");
  return (
    <>
      <Rooms rooms={rooms} reload={loadRooms} />
      <Services services={services} rooms={rooms ?? []} reload={loadServices} />
      <Providers providers={providers} services={services ?? []} reload={loadProviders} />
    </>
  );
}
