import { logout } from "../api";
import { lang, setLang, t, type Lang } from "../i18n";
import { useSignal } from "../state";

export function Settings() {
  const l = useSignal(lang);
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
      <button class="big-button" onClick={() => void logout()}>{t("sign_out")}</button>
    </main>
  );
}
