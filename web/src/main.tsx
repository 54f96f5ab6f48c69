import { render } from "preact";
import { restore } from "./api";
import { App } from "./app";
import { lang } from "./i18n";
import { startOutbox } from "./outbox";
import { applyPrefs } from "./prefs";
import { arm } from "./reminder";
import { startRouting } from "./route";
import "./styles.css";

document.documentElement.lang = lang.get();
applyPrefs();
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => void navigator.serviceWorker.register("/sw.js"));
}
startRouting();
void restore().then(() => {
  startOutbox();
  arm();
  render(<App />, document.getElementById("app")!);
});
