import { useEffect, useState } from "preact/hooks";
import { call, joinAsCaregiver, login, register, resetPassword, resetTarget, signInWithCode } from "../api";
import { t } from "../i18n";
import { ProblemLine, problemText } from "../problem";
import { invitedCode } from "../route";
import type { Hospital } from "../wire";

type Mode = "register" | "login" | "join" | "phone" | "reset";

// The 6 digits of a one-time code (the phone offers the one just received by SMS).
export function CodeField() {
  return (
    <label>
      {t("code")}
      <input name="code" inputMode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} required />
    </label>
  );
}

// A phone number as she types it, with an example of the form under it (the server accepts
// spaces, dots, dashes, +84 and 0084).
export function PhoneField({ name }: { name: string }) {
  return (
    <label>
      {t("phone_number")}
      <input name={name} type="tel" inputMode="tel" autocomplete="tel" required aria-describedby={`${name}-example`} />
      <span class="note" id={`${name}-example`}>{t("phone_example")}</span>
    </label>
  );
}

// Seconds until another code may be asked for (the server sends at most one a minute).
function useCountdown(): [number, (s: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const id = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(id);
  }, [left]);
  return [left, setLeft];
}

// A code sent by SMS or e-mail, then typed: step one asks where to send it, step two takes the
// code (and for a forgotten password the new one). The server answers alike whether or not an
// account has that number or address, and so does this screen.
function CodeFlow({ purpose, onDone }: { purpose: "phone" | "reset"; onDone?: () => void }) {
  const [sentTo, setSentTo] = useState("");
  const [error, setError] = useState("");
  const [left, setLeft] = useCountdown();
  const [busy, setBusy] = useState(false);

  async function send(to: string) {
    setError("");
    setBusy(true);
    try {
      const path = purpose === "phone" ? "/api/v1/auth/code" : "/api/v1/auth/password-reset";
      const r = await call<{ resend_after_s: number }>("POST", path, purpose === "phone" ? { phone: to } : resetTarget(to));
      setSentTo(to);
      setLeft(r.resend_after_s);
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    } finally {
      setBusy(false);
    }
  }
  async function finish(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const code = String(f.get("code") ?? "");
    setError("");
    setBusy(true);
    try {
      if (purpose === "phone") await signInWithCode(sentTo, code);
      else await resetPassword(sentTo, code, String(f.get("new_password") ?? ""));
      onDone?.();
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    } finally {
      setBusy(false);
    }
  }

  if (!sentTo) {
    return (
      <form key="to" onSubmit={(e) => { e.preventDefault(); void send(String(new FormData(e.target as HTMLFormElement).get("to") ?? "")); }}>
        <h2>{purpose === "phone" ? t("phone_sign_in") : t("forgot_password")}</h2>
        <p class="note">{purpose === "phone" ? t("phone_sign_in_note") : t("forgot_password_note")}</p>
        {purpose === "phone"
          ? <PhoneField name="to" />
          : <label>{t("email_or_phone")}<input name="to" autocomplete="username" required /></label>}
        <ProblemLine text={error} />
        <button class="primary" type="submit" disabled={busy}>{t("send_code")}</button>
      </form>
    );
  }
  return (
    <form key="code" onSubmit={finish}>
      <h2>{purpose === "phone" ? t("phone_sign_in") : t("forgot_password")}</h2>
      <p role="status" data-testid="code-sent">{t("code_sent", { to: sentTo })}</p>
      <CodeField />
      {purpose === "reset" && (
        <label>{t("new_password")}<input name="new_password" type="password" minLength={12} required autocomplete="new-password" /></label>
      )}
      <ProblemLine text={error} />
      <button class="primary" type="submit" disabled={busy}>{purpose === "phone" ? t("sign_in") : t("set_password_sign_in")}</button>
      <div class="sides">
        <button type="button" disabled={left > 0 || busy} onClick={() => void send(sentTo)}>
          {left > 0 ? t("resend_in", { s: left }) : t("resend_code")}
        </button>
        <button type="button" onClick={() => { setSentTo(""); setError(""); }}>
          {purpose === "phone" ? t("other_number") : t("other_address")}
        </button>
      </div>
    </form>
  );
}

export function Auth() {
  // A shared link (/?invite=CODE) opens "join" with the code filled in.
  const invited = invitedCode;
  const [mode, setMode] = useState<Mode>(invited ? "join" : "register");
  const [hospitals, setHospitals] = useState<Hospital[]>([]);
  const [error, setError] = useState("");
  useEffect(() => {
    call<{ items: Hospital[] }>("GET", "/api/v1/hospitals").then((r) => setHospitals(r.items)).catch(() => {});
  }, []);
  const go = (m: Mode) => { setError(""); setMode(m); };
  // Her account was just erased on this phone: say so once.
  const [erased] = useState(() => sessionStorage.getItem("tia.erased") === "1");
  useEffect(() => sessionStorage.removeItem("tia.erased"), []);

  async function submit(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const get = (k: string) => String(f.get(k) ?? "");
    setError("");
    try {
      if (mode === "register") await register(get("email"), get("password"), get("name"), get("hospital"));
      else if (mode === "join") await joinAsCaregiver(get("invite_code"), get("email"), get("password"), get("name"));
      else await login(get("email"), get("password"));
    } catch (err) {
      setError(problemText(err));
    }
  }

  return (
    <main class="screen auth">
      <h1>{t("app_name")}</h1>
      <p class="tagline">{t("tagline")}</p>
      {erased && <p role="status" class="card" data-testid="erased">{t("account_erased")}</p>}
      {mode === "phone" || mode === "reset" ? (
        <CodeFlow key={mode} purpose={mode} />
      ) : (
        <form onSubmit={submit}>
          {mode === "join" && (
            <label>{t("invite_code")}<input name="invite_code" required autocomplete="off" autoCapitalize="characters" spellcheck={false} defaultValue={invited} /></label>
          )}
          <label>
            {t("email")}
            <input name="email" type="email" autocomplete="username" required />
          </label>
          <label>
            {t("password")}
            <input name="password" type="password" minLength={12} required
                   autocomplete={mode === "login" ? "current-password" : "new-password"} />
          </label>
          {mode === "join" && (
            <label>{t("your_name")}<input name="name" required autocomplete="name" /></label>
          )}
          {mode === "register" && (
            <>
              <label>
                {t("your_name")}
                <input name="name" required autocomplete="name" />
              </label>
              <label>
                {t("hospital")}
                <select name="hospital" required>
                  {hospitals.map((h) => <option value={h.code}>{h.name}</option>)}
                </select>
              </label>
              <label class="check">
                <input name="consent" type="checkbox" required />
                <span>{t("consent")}</span>
              </label>
            </>
          )}
          <ProblemLine text={error} />
          <button class="primary" type="submit">{mode === "login" ? t("sign_in") : t("register")}</button>
        </form>
      )}
      {mode === "login" && (
        <>
          <button class="link" type="button" onClick={() => go("phone")}>{t("use_phone_code")}</button>
          <button class="link" type="button" onClick={() => go("reset")}>{t("forgot_password")}</button>
        </>
      )}
      {mode === "phone" || mode === "reset" ? (
        <button class="link" type="button" onClick={() => go("login")}>{t("back_to_sign_in")}</button>
      ) : (
        <button class="link" type="button" onClick={() => go(mode === "register" ? "login" : "register")}>
          {mode === "register" ? t("have_account") : t("no_account")}
        </button>
      )}
      {mode !== "join" && mode !== "phone" && mode !== "reset" && (
        <button class="link" type="button" onClick={() => go("join")}>{t("have_invite")}</button>
      )}
    </main>
  );
}
