import { useEffect, useState } from "preact/hooks";
import { call, joinAsCaregiver, login, register } from "../api";
import { t } from "../i18n";
import { ProblemLine, problemText } from "../problem";
import { invitedCode } from "../route";
import type { Hospital } from "../wire";

export function Auth() {
  // A shared link (/?invite=CODE) opens "join" with the code filled in.
  const invited = invitedCode;
  const [mode, setMode] = useState<"register" | "login" | "join">(invited ? "join" : "register");
  const [hospitals, setHospitals] = useState<Hospital[]>([]);
  const [error, setError] = useState("");
  useEffect(() => {
    call<{ items: Hospital[] }>("GET", "/api/v1/hospitals").then((r) => setHospitals(r.items)).catch(() => {});
  }, []);

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
      <button class="link" type="button" onClick={() => setMode(mode === "register" ? "login" : "register")}>
        {mode === "register" ? t("have_account") : t("no_account")}
      </button>
      {mode !== "join" && <button class="link" type="button" onClick={() => setMode("join")}>{t("have_invite")}</button>}
    </main>
  );
}
