import { forgetWeek } from "../week";
import { useEffect, useState } from "preact/hooks";
import { ApiError, call, callFile, logout, me, motherPath, saveFile, setMe } from "../api";
import { forgetThisPhone } from "../outbox";
import { navigate } from "../route";
import { lang, setLang, t, type Key, type Lang } from "../i18n";
import { prefs, setPrefs, type Prefs } from "../prefs";
import { useSignal } from "../state";
import { protocol } from "../protocol";
import type { Caregiver, ProfileRecord } from "../wire";
import { ProblemLine, problemText } from "../problem";
import { CodeField, PhoneField } from "./auth";
import { Notifications } from "./consult";
import { ImportLog } from "./import";

function Choice<K extends keyof Prefs>({ name, legend, value, options }: {
  name: K; legend: Key; value: Prefs[K]; options: [Prefs[K], string][];
}) {
  return (
    <fieldset>
      <legend>{t(legend)}</legend>
      {options.map(([v, label]) => (
        <label class="check" key={String(v)}>
          <input type="radio" name={name} checked={value === v} onChange={() => setPrefs({ [name]: v } as Partial<Prefs>)} />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}

// The symptom check's yes/no questions that her profile keeps (the care protocol's own words).
const profileQuestions = () => protocol().doc.questions.filter((q) => q.profile && q.form === "yes_no");

// {} before it is set; keyed also by the profile keys of the protocol's questions.
type Profile = Partial<ProfileRecord> & Record<string, unknown>;

// Her profile as stored, read once for the cards that edit parts of it (each save sends the whole
// profile, so one card never drops what another set).
function ProfileCards() {
  const [profile, setProfile] = useState<Profile | null | undefined>(undefined);
  useEffect(() => {
    call<Profile>("GET", motherPath("/profile")).then(setProfile).catch((e) => setProfile(e instanceof ApiError && e.status === 404 ? {} : null));
  }, []);
  if (profile === undefined) return null;
  if (profile === null) return <section class="card"><p class="note">{t("needs_connection")}</p></section>;
  return (
    <>
      <section class="card"><AboutYou profile={profile} setProfile={setProfile} /></section>
      <Messages profile={profile} setProfile={setProfile} />
    </>
  );
}

// The stored profile without what the server adds, as the body of a PUT.
function bodyOf(profile: Profile): Profile {
  const body: Profile = { ...profile };  // what other screens or the clinic set stays
  for (const k of ["id", "kind", "recorded_at", "updated_at", "version"]) delete body[k];
  return body;
}

type Channel = "email" | "sms" | "zalo";

// How the hospital reaches her: e-mail, text message, Zalo (one or more), and the number texts
// and Zalo go to. Until she chooses: e-mail, and texts when she gave a number.
function Messages({ profile, setProfile }: { profile: Profile; setProfile: (p: Profile) => void }) {
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");
  const chosen: Channel[] = (profile.message_channels as Channel[] | undefined) ?? (profile.phone ? ["email", "sms"] : ["email"]);
  async function save(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const body = bodyOf(profile);
    const phone = String(f.get("message_phone") ?? "").trim();
    if (phone) body.phone = phone;
    else delete body.phone;
    body.message_channels = (["email", "sms", "zalo"] as Channel[]).filter((c) => f.get(`channel_${c}`) === "on");
    setError("");
    setStatus("");
    try {
      setProfile(await call<Profile>("PUT", motherPath("/profile"), body));
      setStatus(t("saved"));
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
  }
  return (
    <section class="card" aria-labelledby="messages-by">
      <form onSubmit={save} data-testid="message-channels">
        <h2 id="messages-by">{t("messages_by")}</h2>
        <p class="note">{t("messages_by_note")}</p>
        <fieldset>
          <legend>{t("messages_channels")}</legend>
          {(["zalo", "sms", "email"] as Channel[]).map((c) => (
            <label class="check" key={c}>
              <input type="checkbox" name={`channel_${c}`} defaultChecked={chosen.includes(c)} />
              <span>{t(`channel_${c}` as Key)}</span>
            </label>
          ))}
        </fieldset>
        <label>
          {t("messages_phone")}
          <input name="message_phone" type="tel" inputMode="tel" autocomplete="tel" defaultValue={profile.phone ?? me.get()?.phone ?? ""}
            aria-describedby="message-phone-note" />
          <span class="note" id="message-phone-note">{t("messages_phone_note")}</span>
        </label>
        <ProblemLine text={error} />
        <button class="primary big-button" type="submit">{t("save")}</button>
        {status && !error && <p role="status">{status}</p>}
      </form>
    </section>
  );
}

// Her profile: what the symptom check needs to know about her and the baby (days since birth,
// a caesarean, implants). Saved with her language and units, so they follow her to a new phone.
function AboutYou({ profile, setProfile }: { profile: Profile; setProfile: (p: Profile) => void }) {
  const [status, setStatus] = useState("");
  async function save(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const body = bodyOf(profile);
    for (const k of ["baby_birth_date", "delivery_type", "due_date", "last_period_date"]) delete body[k];
    for (const k of ["due_date", "last_period_date", "baby_birth_date"] as const) {
      const v = String(f.get(k) ?? "");
      if (v) body[k] = v;
    }
    if (f.get("delivery_type")) body.delivery_type = String(f.get("delivery_type")) as ProfileRecord["delivery_type"];
    body.first_baby = f.get("first_baby") === "on";
    // The symptom check's questions about her that are kept here (asked once): yes, no, or not said.
    for (const q of profileQuestions()) {
      const v = f.get(q.profile!);
      if (v === "yes" || v === "no") body[q.profile!] = v === "yes";
    }
    body.language = lang.get();
    body.units = { volume: prefs.get().volume, temperature: prefs.get().temp };
    try {
      setProfile(await call<Profile>("PUT", motherPath("/profile"), body));
      forgetWeek();  // her dates may have changed
      setStatus(t("saved"));
    } catch (err) {
      setStatus(problemText(err, "needs_connection"));
    }
  }
  return (
    <form onSubmit={save} aria-labelledby="about-you">
      <h2 id="about-you">{t("about_you")}</h2>
      <label>{t("due_date")}<input type="date" name="due_date" defaultValue={profile.due_date ?? ""} /></label>
      <label>{t("last_period_date")}<input type="date" name="last_period_date" defaultValue={profile.last_period_date ?? ""} /></label>
      <p class="note">{t("dating_note")}</p>
      <label>{t("baby_birth_date")}<input type="date" name="baby_birth_date" defaultValue={profile.baby_birth_date ?? ""} /></label>
      <fieldset>
        <legend>{t("delivery_type")}</legend>
        {(["vaginal", "caesarean"] as const).map((d) => (
          <label class="check" key={d}><input type="radio" name="delivery_type" value={d} defaultChecked={profile.delivery_type === d} /><span>{t(`dt_${d}` as Key)}</span></label>
        ))}
      </fieldset>
      <label class="check"><input type="checkbox" name="first_baby" defaultChecked={profile.first_baby === true} /><span>{t("first_baby")}</span></label>
      {profileQuestions().map((q) => (
        <fieldset key={q.id} data-profile={q.profile}>
          <legend>{lang.get() === "vi" ? q.text.vi : q.text.en}</legend>
          <div class="yes-no">
            {(["yes", "no"] as const).map((v) => (
              <label class="check" key={v}><input type="radio" name={q.profile!} value={v}
                defaultChecked={profile[q.profile!] === (v === "yes")} /><span>{t(v === "yes" ? "answer_yes" : "answer_no")}</span></label>
            ))}
          </div>
        </fieldset>
      ))}
      <button class="primary big-button" type="submit">{t("save")}</button>
      {status && <p role="status">{status}</p>}
    </form>
  );
}

type Grant = Caregiver;

// The code as she reads it out ("7KQM-3XFD"), a link that opens the app on "join" with it filled
// in, sent through the phone's share sheet (or copied), and as a QR code for a phone beside hers.
function Invitation({ code, until }: { code: string; until: string }) {
  const shown = code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
  const link = `${location.origin}/?invite=${encodeURIComponent(code)}`;
  const [Qr, setQr] = useState<typeof import("../qr").QrCode | null>(null);
  const [copied, setCopied] = useState(false);
  async function share() {
    const text = t("invite_share_text", { code: shown });
    if (navigator.share) {
      await navigator.share({ title: t("app_name"), text, url: link }).catch(() => {});
    } else {
      await navigator.clipboard?.writeText(`${text} ${link}`).then(() => setCopied(true)).catch(() => {});
    }
  }
  return (
    <div class="invite" role="status" data-testid="invite-code">
      <p>{t("invite_code_is")} <strong class="code">{shown}</strong></p>
      <p class="note">{t("valid_until", { time: until })}</p>
      <div class="sides">
        <button type="button" onClick={() => void share()} data-testid="invite-share">{t("share")}</button>
        <button type="button" onClick={() => void import("../qr").then((m) => setQr(() => m.QrCode))} data-testid="invite-show-qr">{t("show_qr")}</button>
      </div>
      {copied && <p class="note">{t("copied")}</p>}
      {Qr && <Qr text={link} label={t("invite_qr_label", { code: shown })} />}
    </div>
  );
}

// Sharing with a partner or grandmother: an invitation code she reads out or sends; revocable.
function Caregivers() {
  const [grants, setGrants] = useState<Grant[] | null>(null);
  const [invite, setInvite] = useState<{ invite_code: string; expires_at: string } | null>(null);
  const [error, setError] = useState("");
  const load = () => call<{ items: Grant[] }>("GET", motherPath("/caregivers")).then((r) => setGrants(r.items)).catch(() => setGrants(null));
  useEffect(() => { void load(); }, []);
  async function create(e: Event) {
    e.preventDefault();
    const scope = new FormData(e.target as HTMLFormElement).get("scope");
    try {
      setInvite(await call("POST", motherPath("/caregivers"), { scope }, { "Idempotency-Key": crypto.randomUUID() }));
      setError("");
      void load();
    } catch {
      setError(t("needs_connection"));
    }
  }
  async function revoke(id: string) {
    await call("DELETE", motherPath(`/caregivers/${id}`)).catch(() => setError(t("needs_connection")));
    void load();
  }
  const when = new Intl.DateTimeFormat(lang.get(), { day: "numeric", month: "numeric", hour: "2-digit", minute: "2-digit" });
  return (
    <section aria-labelledby="caregivers" class="card">
      <h2 id="caregivers">{t("caregivers")}</h2>
      <p class="note">{t("caregivers_note")}</p>
      {grants && grants.filter((g) => g.status !== "revoked").length > 0 && (
        <ul class="grants">
          {grants.filter((g) => g.status !== "revoked").map((g) => (
            <li key={g.id}>
              <span>{g.caregiver?.display_name ?? t("invited")} · {t(`scope_${g.scope}` as Key)}</span>
              <button onClick={() => void revoke(g.id)}>{t("stop_sharing")}</button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={create}>
        <fieldset>
          <legend>{t("share_what")}</legend>
          {(["baby", "baby_and_mother"] as const).map((s, i) => (
            <label class="check" key={s}><input type="radio" name="scope" value={s} defaultChecked={i === 0} /><span>{t(`scope_${s}` as Key)}</span></label>
          ))}
        </fieldset>
        <button class="big-button" type="submit">{t("invite_caregiver")}</button>
      </form>
      {invite && <Invitation code={invite.invite_code} until={when.format(Date.parse(invite.expires_at))} />}
      <ProblemLine text={error} />
    </section>
  );
}

// A Vietnamese number as people write it at home ("+84912345678" -> "0912 345 678"); others as stored.
function phoneAsDialled(e164: string): string {
  const m = /^\+84(\d{3})(\d{3})(\d{3})$/.exec(e164);
  return m ? `0${m[1]} ${m[2]} ${m[3]}` : e164;
}

// The number she signs in with: added with her password and a code sent to it, or removed.
function PhoneSignIn() {
  const user = useSignal(me);
  const [sentTo, setSentTo] = useState("");
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");
  async function send(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const phone = String(f.get("phone") ?? "");
    setError("");
    try {
      await call("POST", "/api/v1/auth/phone", { phone, password: String(f.get("password") ?? "") });
      setSentTo(phone);
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
  }
  async function confirm(e: Event) {
    e.preventDefault();
    const code = String(new FormData(e.target as HTMLFormElement).get("code") ?? "");
    setError("");
    try {
      const updated = await call<NonNullable<typeof user>>("POST", "/api/v1/auth/phone/confirm", { phone: sentTo, code });
      setMe({ ...me.get()!, phone: updated.phone });
      setSentTo("");
      setStatus(t("phone_saved"));
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
  }
  async function remove() {
    setError("");
    try {
      await call("DELETE", "/api/v1/auth/phone");
      setMe({ ...me.get()!, phone: null });
      setStatus(t("phone_removed"));
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
  }
  return (
    <section aria-labelledby="phone-sign-in" class="card">
      <h2 id="phone-sign-in">{t("phone_sign_in")}</h2>
      {user?.phone ? (
        <div class="grants">
          <p data-testid="signin-phone">{t("phone_is", { phone: phoneAsDialled(user.phone) })}</p>
          <button type="button" onClick={() => void remove()}>{t("remove_phone")}</button>
        </div>
      ) : sentTo ? (
        <form key="code" onSubmit={confirm}>
          <p role="status">{t("code_sent_to_phone", { to: sentTo })}</p>
          <CodeField />
          <button class="primary big-button" type="submit">{t("confirm_phone")}</button>
          <button type="button" class="link" onClick={() => setSentTo("")}>{t("other_number")}</button>
        </form>
      ) : (
        <form key="phone" onSubmit={send}>
          <p class="note">{t("phone_sign_in_settings_note")}</p>
          <PhoneField name="phone" />
          <label>{t("your_password")}<input name="password" type="password" autocomplete="current-password" required /></label>
          <button class="big-button" type="submit">{t("send_code")}</button>
        </form>
      )}
      <ProblemLine text={error} />
      {status && !error && <p role="status">{status}</p>}
    </section>
  );
}

// The kinds of record her CSV export has a table for (docs/export.md).
const CSV_KINDS = ["feeds", "pumps", "breast-checks", "temperatures", "care-actions", "nappies", "infants",
                   "infant-concerns", "infant-weights", "notes"];

// Her data is hers: a copy of everything (JSON) or a table per kind of record (CSV), and erasing the account, each after she confirms
// her password (the server asks for a sign-in confirmed in the last few minutes).
function YourData() {
  const [asking, setAsking] = useState<"" | "export" | "erase">("");
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");
  async function go(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    setError("");
    try {
      await call("POST", "/api/v1/auth/reauthenticate", { password: String(f.get("password") ?? "") });
      if (asking === "export") {
        // Everything as JSON, or one kind of record as a CSV table for a spreadsheet.
        const what = String(f.get("format") ?? "json");
        const day = new Date().toISOString().slice(0, 10);
        if (what === "json") {
          const data = await call("GET", motherPath("/export"));
          saveFile(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), `tia-${day}.json`);
        } else {
          saveFile(await callFile(motherPath(`/export/csv/${what}`)), `tia-${what}-${day}.csv`);
        }
        setAsking("");
        setStatus(t(what === "json" ? "export_done" : "export_csv_done"));
      } else {
        await call("DELETE", motherPath(""));
        sessionStorage.setItem("tia.erased", "1");  // the sign-in screen says so once
        await forgetThisPhone();
        navigate("home", { replace: true });
      }
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    }
  }
  return (
    <section aria-labelledby="your-data" class="card">
      <h2 id="your-data">{t("your_data")}</h2>
      {asking ? (
        <form onSubmit={go} data-testid={`confirm-${asking}`}>
          {asking === "erase" && <p class="warning">{t("erase_warning")}</p>}
          {asking === "export" && (
            <label>{t("export_format")}
              <select name="format">
                <option value="json">{t("export_json")}</option>
                {CSV_KINDS.map((k) => <option key={k} value={k}>{t(`export_csv_${k.replace(/-/g, "_")}` as Key)}</option>)}
              </select>
            </label>
          )}
          <label>{t("confirm_with_password")}<input name="password" type="password" autocomplete="current-password" required /></label>
          {asking === "erase" && (
            <label class="check"><input type="checkbox" name="understood" required /><span>{t("erase_understood")}</span></label>
          )}
          <button class={asking === "erase" ? "danger big-button" : "primary big-button"} type="submit">
            {asking === "erase" ? t("erase_account") : t("download_my_data")}
          </button>
          <button type="button" class="link" onClick={() => { setAsking(""); setError(""); }}>{t("not_now")}</button>
        </form>
      ) : (
        <>
          <p class="note">{t("your_data_note")}</p>
          <div class="your-data-actions">
            <button class="big-button" type="button" onClick={() => { setStatus(""); setAsking("export"); }}>{t("download_my_data")}</button>
            <button class="big-button danger-outline" type="button" onClick={() => { setStatus(""); setAsking("erase"); }}>{t("erase_account")}</button>
          </div>
        </>
      )}
      <ProblemLine text={error} />
      {status && !error && <p role="status">{status}</p>}
    </section>
  );
}

export function Settings() {
  const l = useSignal(lang);
  const p = useSignal(prefs);
  const mother = me.get()?.role === "mother";
  return (
    <main class="screen settings">
      <h1>{t("settings")}</h1>
      <fieldset>
        <legend>{t("language")}</legend>
        {(["vi", "en"] as Lang[]).map((code) => (
          <label class="check" key={code}>
            <input type="radio" name="lang" value={code} checked={l === code} onChange={() => setLang(code)} />
            <span>{code === "vi" ? "Tiếng Việt" : "English"}</span>
          </label>
        ))}
      </fieldset>
      <Choice name="volume" legend="unit_volume" value={p.volume} options={[["ml", "mL"], ["oz", "oz"]]} />
      <Choice name="temp" legend="unit_temp" value={p.temp} options={[["c", "°C"], ["f", "°F"]]} />
      <Choice name="theme" legend="theme" value={p.theme} options={[["auto", t("theme_auto")], ["light", t("theme_light")], ["dark", t("theme_dark")]]} />
      <label class="check">
        <input type="checkbox" checked={p.nursery} onChange={() => setPrefs({ nursery: !p.nursery })} />
        <span>{t("nursery_mode")}<br /><span class="note">{t("nursery_note")}</span></span>
      </label>
      {mother && <ProfileCards />}
      {mother && <Caregivers />}
      {mother && <Notifications />}
      {(mother || me.get()?.role === "caregiver") && <PhoneSignIn />}
      {mother && <ImportLog />}
      {mother && <YourData />}
      {/* Signed out, the next sign-in (perhaps someone else's) starts on home, not here. */}
      <button class="big-button" onClick={() => void logout().finally(() => navigate("home", { replace: true }))}>{t("sign_out")}</button>
    </main>
  );
}
