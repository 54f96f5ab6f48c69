// Her pregnancy with the hospital: registering online (dates, a dating scan, the package, her
// contact and consent), then her file — the due date and how it was dated, her antenatal contacts
// to book, what of her package is used, the birth file, the birth — and one tap when the pregnancy
// has ended. The server checks everything; the form names the field it refused.
import { useEffect, useState } from "preact/hooks";
import { call, motherPath } from "../api";
import { lang, longDate, t, type Key } from "../i18n";
import { ProblemLine, problemText } from "../problem";
import { useSignal } from "../state";
import { forgetWeek } from "../week";
import { slotTime } from "./booking";
import type { Package, PregnancyFile } from "../wire";

// "15.500.000 ₫" / "15,500,000 ₫".
export function dong(amount: number): string {
  return `${new Intl.NumberFormat(lang.get() === "vi" ? "vi-VN" : "en-US").format(amount)} ₫`;
}

function shortDate(iso: string): string {
  return new Intl.DateTimeFormat(lang.get(), { day: "numeric", month: "numeric", timeZone: "UTC" }).format(Date.parse(iso));
}

function PackageChoice({ p, checked, onChoose }: { p: Package; checked: boolean; onChoose: () => void }) {
  const l = useSignal(lang);
  return (
    <label class="check package-choice">
      <input type="radio" name="package" value={p.id} checked={checked} onChange={onChoose} required />
      <span>
        <strong>{p.name[l]}</strong> · {dong(p.price_vnd)}
        <span class="note"> · {p.entitlements.map((e) => `${e.count} × ${e.label[l]}`).join(", ")}</span>
      </span>
    </label>
  );
}

function RegisterForm({ file, done }: { file: PregnancyFile | null; done: (f: PregnancyFile) => void }) {
  const l = useSignal(lang);
  const reg = file?.registration;
  const [packages, setPackages] = useState<Package[] | null>(null);
  const [chosen, setChosen] = useState(reg?.package_id ?? "");
  const [by, setBy] = useState<"last_period" | "due_date">(reg?.due_date ? "due_date" : "last_period");
  const [error, setError] = useState("");
  useEffect(() => {
    call<{ items: Package[] }>("GET", "/api/v1/packages").then((r) => setPackages(r.items)).catch(() => setError(t("needs_connection")));
  }, []);
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const body: Record<string, unknown> = {
      package_id: chosen, fetuses: Number(text("fetuses") || "1"),
      contact: { phone: text("phone"), ...(text("email") ? { email: text("email") } : {}) },
      consent: { programme: f.get("consent") === "on", version: "programme-2026-12" },
    };
    body[by === "due_date" ? "due_date" : "last_period_date"] = text("date");
    if (text("scan_date")) body.scan = { date: text("scan_date"), gestation: `${text("scan_weeks") || "0"}+${text("scan_days") || "0"}` };
    if (text("note")) body.note = text("note");
    try {
      const r = await call<PregnancyFile>("PUT", motherPath("/pregnancy"), body);
      forgetWeek();
      done(r);
    } catch (err) {
      setError(problemText(err));
    }
  };
  const scan = reg?.scan;
  return (
    <form class="card" onSubmit={submit} data-testid="register-pregnancy">
      <h2>{t("reg_title")}</h2>
      <p class="note">{t("reg_intro")}</p>
      <fieldset>
        <legend>{t("reg_dates")}</legend>
        <label class="check"><input type="radio" name="by" checked={by === "last_period"} onChange={() => setBy("last_period")} /><span>{t("reg_by_lmp")}</span></label>
        <label class="check"><input type="radio" name="by" checked={by === "due_date"} onChange={() => setBy("due_date")} /><span>{t("reg_by_due")}</span></label>
        <label>{t(by === "due_date" ? "reg_due_date" : "reg_lmp")}
          <input type="date" name="date" required data-testid="reg-date" defaultValue={(by === "due_date" ? reg?.due_date : reg?.last_period_date) ?? ""} />
        </label>
      </fieldset>
      <details open={!!scan}>
        <summary>{t("reg_scan")}</summary>
        <label>{t("reg_scan_date")}<input type="date" name="scan_date" defaultValue={scan?.date ?? ""} /></label>
        <div class="sides">
          <label>{t("reg_scan_weeks")}<input type="number" name="scan_weeks" min={6} max={44} defaultValue={scan?.gestation.split("+")[0] ?? ""} /></label>
          <label>{t("reg_scan_days")}<input type="number" name="scan_days" min={0} max={6} defaultValue={scan?.gestation.split("+")[1] ?? ""} /></label>
        </div>
      </details>
      <label>{t("reg_fetuses")}
        <select name="fetuses" defaultValue={String(reg?.fetuses ?? 1)}>
          {[1, 2, 3, 4].map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <fieldset data-testid="reg-packages">
        <legend>{t("reg_package")}</legend>
        {packages === null && <p class="note">{t("loading")}</p>}
        {packages?.map((p) => <PackageChoice key={p.id} p={p} checked={chosen === p.id} onChoose={() => setChosen(p.id)} />)}
        {packages?.length === 0 && <p class="note">{t("reg_no_packages")}</p>}
      </fieldset>
      <label>{t("reg_phone")}<input type="tel" name="phone" required autocomplete="tel" defaultValue={reg?.contact.phone ?? ""} data-testid="reg-phone" /></label>
      <label>{t("reg_email")}<input type="email" name="email" autocomplete="email" defaultValue={reg?.contact.email ?? ""} /></label>
      <label>{t("reg_note")}<textarea name="note" rows={2} defaultValue={reg?.note ?? ""} /></label>
      <label class="check"><input type="checkbox" name="consent" required /><span>{t("reg_consent")}</span></label>
      <ProblemLine text={error} />
      <button class="primary big-button" type="submit" lang={l}>{t(file ? "reg_send_again" : "reg_send")}</button>
    </form>
  );
}

const STATUS: Record<string, Key> = { submitted: "reg_submitted", needs_info: "reg_needs_info", confirmed: "reg_confirmed", withdrawn: "reg_withdrawn" };

function ContactItem({ c, go }: { c: PregnancyFile["contacts"][number]; go: (s: string) => void }) {
  const l = useSignal(lang);
  return (
    <li class={`contact ${c.status}`} data-testid="contact" data-code={c.code}>
      <p><strong>{c.name[l]}</strong></p>
      <p class="note">{t("reg_window", { from: shortDate(c.from), to: shortDate(c.to), g1: c.from_gestation, g2: c.to_gestation })}</p>
      <p data-testid="contact-status">{t(`cs_${c.status}` as Key)}{c.booking ? ` · ${slotTime(c.booking.start)}` : ""}</p>
      {c.reminder?.status === "pending" && c.status === "upcoming" && !c.booking && (
        <p class="note" data-testid="contact-reminder">{t("reg_reminder", { date: shortDate(c.from) })}</p>
      )}
      {c.status === "due" && c.service_id && (
        <button class="small" onClick={() => go(`booking:${c.service_id}`)}>{t("book_visit")}</button>
      )}
    </li>
  );
}

// Her contacts: what is due and the next two first; the rest of the pregnancy folded away.
function Contacts({ file, go }: { file: PregnancyFile; go: (s: string) => void }) {
  const shown = file.contacts.filter((c) => c.status !== "before_registration");
  const firstAhead = shown.findIndex((c) => c.status === "due" || c.status === "upcoming");
  const cut = firstAhead < 0 ? shown.length : Math.min(shown.length, firstAhead + 3);
  return (
    <section class="card" aria-labelledby="contacts" data-testid="contacts">
      <h2 id="contacts">{t("reg_schedule")}</h2>
      <ol class="contacts">{shown.slice(0, cut).map((c) => <ContactItem key={c.code} c={c} go={go} />)}</ol>
      {cut < shown.length && (
        <details>
          <summary>{t("reg_schedule_more", { n: shown.length - cut })}</summary>
          <ol class="contacts" start={cut + 1}>{shown.slice(cut).map((c) => <ContactItem key={c.code} c={c} go={go} />)}</ol>
        </details>
      )}
    </section>
  );
}

function FileView({ file, go, edit, ended }: { file: PregnancyFile; go: (s: string) => void; edit: () => void; ended: () => void }) {
  const l = useSignal(lang);
  const [confirmLoss, setConfirmLoss] = useState(false);
  const [error, setError] = useState("");
  const pkg = file.package;
  const loss = async () => {
    try {
      await call("POST", motherPath("/pause"), { reason: "pregnancy_loss" });
      forgetWeek();
      ended();
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <>
      <section class={`card status ${file.status}`} role="status" data-testid="reg-status">
        <p class="big">{t(STATUS[file.status])}</p>
        {file.staff_note && <p data-testid="staff-note">{t("reg_staff_note")}: {file.staff_note}</p>}
        {file.status !== "confirmed" && !file.outcome && <button onClick={edit}>{t("reg_edit")}</button>}
      </section>
      {!file.outcome && (
        <section class="card" data-testid="dating">
          <p class="big">{file.stage ? t("week_pregnant", { w: file.stage.weeks, d: file.stage.days }) : ""}</p>
          <p>{t("week_due", { date: longDate(file.dating.due_date) })}</p>
          {file.dating.dated_from && <p class="note">{t(`dated_${file.dating.dated_from}` as Key)}</p>}
        </section>
      )}
      {file.birth && (
        <section class="card" data-testid="birth">
          <h2>{t("birth_recorded")}</h2>
          <p>{file.birth.babies.map((b, i) => `${b.name ?? t("baby_n", { n: i + 1 })}: ${b.weight_g} g`).join(" · ")}</p>
        </section>
      )}
      {!file.outcome && <Contacts file={file} go={go} />}
      <section class="card" aria-labelledby="my-package" data-testid="my-package">
        <h2 id="my-package">{pkg.name[l]}</h2>
        <p>{dong(pkg.price_vnd)}{pkg.deposit_vnd > 0 ? ` · ${t("deposit")}: ${dong(pkg.deposit_vnd)}` : ""}</p>
        <ul>
          {pkg.entitlements.map((e, i) => (
            <li key={i} data-testid="entitlement">{e.label[l]}: {e.beds ? t("beds_nights", { b: e.beds, n: e.nights ?? 0 }) : t("used_of", { u: e.used ?? 0, n: e.count })}</li>
          ))}
        </ul>
        {pkg.excluded.length > 0 && <p class="note">{t("not_included")}: {pkg.excluded.map((x) => x[l]).join("; ")}</p>}
        {file.deposit_paid_vnd > 0 && <p data-testid="deposit-paid">{t("deposit_paid", { amount: dong(file.deposit_paid_vnd) })}</p>}
      </section>
      <section class="card" data-testid="birth-file">
        <h2>{t("birth_file")}</h2>
        {file.birth_file ? (
          <ul class="checklist">
            {file.birth_file.checklist.map((i) => <li key={i.code}>{i.done_at ? "✓ " : "○ "}{i.label[l]}</li>)}
          </ul>
        ) : <p class="note">{t("birth_file_opens", { date: longDate(file.birth_file_opens) })}</p>}
      </section>
      {!file.outcome && <button class="big-button wide" onClick={() => go("classes")} data-testid="open-classes">{t("classes_title")}</button>}
      {!file.outcome && (
        <section class="card quiet">
          {!confirmLoss ? <button class="link" onClick={() => setConfirmLoss(true)} data-testid="pregnancy-ended">{t("loss_tap")}</button> : (
            <>
              <p>{t("loss_confirm")}</p>
              <button class="primary" onClick={() => void loss()}>{t("loss_yes")}</button>
              <button onClick={() => setConfirmLoss(false)}>{t("cancel")}</button>
            </>
          )}
          <ProblemLine text={error} />
        </section>
      )}
    </>
  );
}

// Support after a loss (or while paused): people to call and to write to, nothing about babies.
export function Support({ go }: { go: (s: string) => void }) {
  return (
    <section class="card support" data-testid="support">
      <h2>{t("support_title")}</h2>
      <p>{t("support_text")}</p>
      <button class="big-button wide" onClick={() => go("consult-new")}>{t("ask_team")}</button>
      <button class="big-button wide" onClick={() => go("symptoms")}>{t("quick_symptoms")}</button>
    </section>
  );
}

export function Programme({ go }: { go: (s: string) => void }) {
  useSignal(lang);
  const [file, setFile] = useState<PregnancyFile | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [ended, setEnded] = useState(false);
  const [error, setError] = useState("");
  useEffect(() => {
    call<PregnancyFile | null>("GET", motherPath("/pregnancy")).then(setFile).catch(() => setError(t("needs_connection")));
  }, []);
  return (
    <main class="screen programme">
      <h1>{t("programme_title")}</h1>
      <ProblemLine text={error} />
      {file === undefined && !error && <p class="note">{t("loading")}</p>}
      {ended && <Support go={go} />}
      {!ended && (file === null || editing) && file !== undefined && (
        <RegisterForm file={file} done={(f) => { setFile(f); setEditing(false); }} />
      )}
      {!ended && file && !editing && <FileView file={file} go={go} edit={() => setEditing(true)} ended={() => setEnded(true)} />}
    </main>
  );
}
