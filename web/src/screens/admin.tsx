// The hospital admin's screen: the emergency number, the hotline and the consultation team's
// hours and published reply window; holidays; rooms, services and providers (admin_schedule.tsx);
// reply templates; every break-glass access to the hospital's mothers (who, why, until when); and
// staff accounts (admin_staff.tsx); the audit log (admin_audit.tsx); the maternity programme's packages,
// antenatal schedule and courses (admin_programme.tsx); Zalo's templates and what it could not deliver
// (admin_zalo.tsx). The server validates everything; its errors name the field.
import { ReviewsDue } from "./reader_questions";
import { useEffect, useState } from "preact/hooks";
import { call } from "../api";
import { lang, t, timeOfDay } from "../i18n";
import { useSignal } from "../state";
import { AuditLog } from "./admin_audit";
import { Courses, Packages, ScheduleTemplate } from "./admin_programme";
import { StaffAccounts } from "./admin_staff";
import { Zalo } from "./admin_zalo";
import { Holidays, Schedule, problem, type Hours, type Settings } from "./admin_schedule";
import type { BreakGlassGrant, ReplyTemplate } from "../wire";
import { ProblemLine, problemText } from "../problem";

type Template = ReplyTemplate;
type Grant = BreakGlassGrant;

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
// One daily window ("07:00"-"21:00") or around the clock (both empty).
function daily(h: Hours[] | undefined): [string, string] {
  return h && h.length > 0 ? [h[0].start, h[0].end] : ["", ""];
}
function toHours(start: string, end: string): Hours[] {
  return start && end ? [{ days: ALL_DAYS, start, end }] : [];
}

function SettingsForm({ s, saved }: { s: Settings | null; saved: (s: Settings) => void }) {
  const [msg, setMsg] = useState("");
  const save = async (e: Event) => {
    e.preventDefault();
    const f = e.currentTarget as HTMLFormElement;
    const v = (n: string) => (f.elements.namedItem(n) as HTMLInputElement).value;
    const body = {
      time_zone: s?.time_zone ?? "Asia/Ho_Chi_Minh", holidays: s?.holidays ?? [],
      emergency_number: v("emergency"),
      hotline: { number: v("hotline"), hours: toHours(v("hotline_start"), v("hotline_end")) },
      consultation: { hours: toHours(v("team_start"), v("team_end")), routine_reply_hours: Number(v("routine")) },
    };
    try {
      saved(await call<Settings>("PUT", "/api/v1/hospital/settings", body));
      setMsg(t("admin_saved"));
    } catch (err) {
      setMsg(problem(err));
    }
  };
  const [hs, he] = daily(s?.hotline.hours);
  const [ts, te] = daily(s?.consultation?.hours);
  return (
    <form class="card" onSubmit={save} onInput={() => setMsg("")}>
      <h2>{t("admin_contact")}</h2>
      <label>{t("admin_emergency")}<input name="emergency" required defaultValue={s?.emergency_number ?? "115"} /></label>
      <label>{t("admin_hotline")}<input name="hotline" required defaultValue={s?.hotline.number ?? ""} /></label>
      <p class="note">{t("admin_hours_note")}</p>
      <div class="row">
        <label>{t("admin_hotline_from")}<input name="hotline_start" type="time" defaultValue={hs} /></label>
        <label>{t("admin_to")}<input name="hotline_end" type="time" defaultValue={he} /></label>
      </div>
      <div class="row">
        <label>{t("admin_team_from")}<input name="team_start" type="time" defaultValue={ts} /></label>
        <label>{t("admin_to")}<input name="team_end" type="time" defaultValue={te} /></label>
      </div>
      <label>{t("admin_routine")}<input name="routine" type="number" min="1" max="168" required
                                         defaultValue={String(s?.consultation?.routine_reply_hours ?? 48)} /></label>
      {msg && <p role="status" data-testid="admin-status">{msg}</p>}
      <button class="primary" type="submit">{t("save")}</button>
    </form>
  );
}

function Templates() {
  const [items, setItems] = useState<Template[]>([]);
  const [error, setError] = useState("");
  const load = () => call<{ items: Template[] }>("GET", "/api/v1/hospital/reply-templates").then((r) => setItems(r.items)).catch(() => {});
  useEffect(() => { load(); }, []);
  const add = async (e: Event) => {
    e.preventDefault();
    const f = e.currentTarget as HTMLFormElement;
    const v = (n: string) => (f.elements.namedItem(n) as HTMLInputElement).value;
    try {
      await call("PUT", `/api/v1/hospital/reply-templates/${crypto.randomUUID()}`,
                 { title: v("title"), text: v("text"), language: v("language") });
      f.reset();
      setError("");
      load();
    } catch (err) {
      setError(problem(err));
    }
  };
  return (
    <section class="card" data-testid="reply-templates">
      <h2>{t("admin_templates")}</h2>
      <ul data-testid="templates">{items.map((x) => <li key={x.id}><strong>{x.title}</strong> ({x.language}): {x.text}</li>)}</ul>
      <form onSubmit={add}>
        <label>{t("admin_template_title")}<input name="title" required /></label>
        <label>{t("admin_template_text")}<textarea name="text" rows={3} required /></label>
        <label>{t("admin_template_language")}
          <select name="language"><option value="vi">Tiếng Việt</option><option value="en">English</option></select>
        </label>
        <ProblemLine text={error} />
        <button type="submit">{t("admin_add")}</button>
      </form>
    </section>
  );
}

function BreakGlass() {
  // null until the list has arrived: "none so far" is said only when the server said so.
  const [items, setItems] = useState<Grant[] | null>(null);
  const [error, setError] = useState("");
  useEffect(() => {
    call<{ items: Grant[] }>("GET", "/api/v1/hospital/break-glass")
      .then((r) => setItems(r.items))
      .catch((err) => setError(problemText(err)));
  }, []);
  return (
    <section class="card" data-testid="break-glass" aria-busy={items === null && !error}>
      <h2>{t("admin_break_glass")}</h2>
      <ProblemLine text={error} />
      {items === null && !error && <p class="note">{t("loading")}</p>}
      {items?.length === 0 && <p class="note">{t("admin_break_glass_none")}</p>}
      <ul>
        {(items ?? []).map((g) => (
          <li key={g.id} class={g.active ? "flag" : ""}>
            {timeOfDay(Date.parse(g.granted_at))} · {g.clinician.name} ({g.clinician.hospital}) · “{g.reason}”
            {" · "}{g.active ? t("admin_until", { time: timeOfDay(Date.parse(g.expires_at)) }) : t("admin_expired")}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Admin() {
  useSignal(lang);
  // One copy of the settings for the contact form and the holidays, so neither saves a stale one.
  // The forms appear once the stored settings are in, so nothing typed is replaced by them.
  const [settings, setSettings] = useState<Settings | null | undefined>(undefined);
  useEffect(() => {
    call<Settings | null>("GET", "/api/v1/hospital/settings").then(setSettings).catch(() => setSettings(null));
  }, []);
  return (
    <main class="screen admin">
      <h1>{t("admin_title")}</h1>
      <BreakGlass />
      <StaffAccounts />
      <AuditLog />
      {settings === undefined ? <section class="card" aria-busy="true"><p class="note">{t("loading")}</p></section> : (
        <>
          <SettingsForm s={settings} saved={setSettings} />
          <Holidays settings={settings} saved={setSettings} />
        </>
      )}
      <Schedule />
      <Packages />
      <ScheduleTemplate />
      <Courses zone={settings?.time_zone ?? "Asia/Ho_Chi_Minh"} />
      <Templates />
      <Zalo />
      <ReviewsDue admin />
    </main>
  );
}
