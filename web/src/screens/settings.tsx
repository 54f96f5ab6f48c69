import { useEffect, useState } from "preact/hooks";
import { ApiError, call, logout, me, motherPath } from "../api";
import { lang, setLang, t, type Key, type Lang } from "../i18n";
import { prefs, setPrefs, type Prefs } from "../prefs";
import { useSignal } from "../state";
import { protocol } from "../protocol";
import type { Caregiver, ProfileRecord } from "../wire";
import { ProblemLine, problemText } from "../problem";
import { Notifications } from "./consult";

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

// Her profile: what the symptom check needs to know about her and the baby (days since birth,
// a caesarean, implants). Saved with her language and units, so they follow her to a new phone.
function AboutYou() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [status, setStatus] = useState("");
  useEffect(() => {
    call<Profile>("GET", motherPath("/profile")).then(setProfile).catch((e) => setProfile(e instanceof ApiError && e.status === 404 ? {} : null));
  }, []);
  if (profile === null) return <p class="note">{t("needs_connection")}</p>;
  async function save(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const body: Profile = { ...profile };  // what other screens or the clinic set stays
    for (const k of ["id", "kind", "recorded_at", "updated_at", "version", "baby_birth_date", "delivery_type"]) delete body[k];
    const birth = String(f.get("baby_birth_date") ?? "");
    if (birth) body.baby_birth_date = birth;
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
      setStatus(t("saved"));
    } catch (err) {
      setStatus(problemText(err, "needs_connection"));
    }
  }
  return (
    <form onSubmit={save} aria-labelledby="about-you">
      <h2 id="about-you">{t("about_you")}</h2>
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
      {mother && <section class="card"><AboutYou /></section>}
      {mother && <Caregivers />}
      {mother && <Notifications />}
      <button class="big-button" onClick={() => void logout()}>{t("sign_out")}</button>
    </main>
  );
}
