import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { me } from "./api";
import { lang, t } from "./i18n";
import { online, pending } from "./outbox";
import { leave, navigate, screen as route } from "./route";
import { Auth } from "./screens/auth";
import { Conversations, NewQuestion, ThreadScreen } from "./screens/consult";
import { Appointments, Booking } from "./screens/booking";
import { CheckIn } from "./screens/checkin";
import { FeedTimer } from "./screens/feed";
import { History } from "./screens/history";
import { Home } from "./screens/home";
import { Baby } from "./screens/baby";
import { Care } from "./screens/care";
import { Log } from "./screens/log";
import { Nappy } from "./screens/nappy";
import { Pump } from "./screens/pump";
import { Classes } from "./screens/classes";
import { Programme } from "./screens/programme";
import { Library, Read } from "./screens/read";
import { Settings } from "./screens/settings";
import { Summary } from "./screens/summary";
import { SymptomCheck } from "./screens/symptoms";
import { useSignal } from "./state";
import { feed } from "./timer";

// Staff screens load on demand, so a mother's phone never downloads them.
function StaffScreen({ role }: { role: string }) {
  const [Screen, setScreen] = useState<FunctionComponent | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const load = role === "clinician" ? import("./screens/workspace").then((m) => m.Workspace)
      : import("./screens/admin").then((m) => m.Admin);
    load.then((c) => setScreen(() => c)).catch(() => setFailed(true));
  }, [role]);
  if (Screen) return <Screen />;
  return <main class="screen"><p class={failed ? "error" : "note"} role={failed ? "alert" : "status"}>{t(failed ? "needs_connection" : "loading")}</p></main>;
}

export function App() {
  useSignal(lang);
  const user = useSignal(me);
  const queued = useSignal(pending);
  const isOnline = useSignal(online);
  const running = useSignal(feed);
  // The screen is the URL's (src/route.ts); a running feed opens on its timer.
  const screen = useSignal(route);
  useEffect(() => {
    if (running && route.get() === "home") navigate("feed");
  }, []);
  const setScreen = (to: string) => navigate(to);
  if (!user) return <Auth />;
  if (user.role === "clinician" || user.role === "hospital_admin") {
    return (
      <div class="shell wide">
        <header class="bar">
          <span>{t("app_name")} · {user.display_name}</span>
          <button class="link" onClick={() => setScreen("settings")}>{t("settings")}</button>
        </header>
        {screen === "settings" ? (
          <>
            <p class="back"><button class="link" onClick={leave}>← {t("back")}</button></p>
            <Settings />
          </>
        ) : <StaffScreen role={user.role} />}
      </div>
    );
  }
  const status = !isOnline ? t("sync_offline") : queued > 0 ? `${queued} ${t("sync_pending")}` : t("sync_all");
  return (
    <div class="shell">
      <header class="bar">
        <button class="link" onClick={() => setScreen("home")}>{t("app_name")}</button>
        <span class="sync" role="status" data-testid="sync-state">{status}</span>
        <button class="link" onClick={() => setScreen("settings")}>{t("settings")}</button>
      </header>
      {screen === "feed" && <FeedTimer done={leave} />}
      {screen === "settings" && <Settings />}
      {screen === "pump" && <Pump done={leave} />}
      {screen === "nappy" && <Nappy done={leave} />}
      {screen === "care" && <Care done={leave} />}
      {screen === "checkin" && <CheckIn done={leave} />}
      {screen === "symptoms" && <SymptomCheck done={leave} go={setScreen} />}
      {(screen === "booking" || screen === "booking-today" || screen.startsWith("booking:")) && (
        <Booking key={screen} sameDay={screen === "booking-today"} serviceId={screen.startsWith("booking:") ? screen.slice(8) : undefined}
                 done={() => navigate("appointments", { replace: true })} />
      )}
      {screen === "programme" && <Programme go={setScreen} />}
      {screen === "classes" && <Classes />}
      {screen === "appointments" && <Appointments go={setScreen} />}
      {screen === "consult" && <Conversations go={setScreen} />}
      {(screen === "consult-new" || screen.startsWith("consult:")) && (
        <NewQuestion key={screen} checkId={screen.startsWith("consult:") ? screen.slice(8) : null} />
      )}
      {screen.startsWith("thread:") && <ThreadScreen key={screen} id={screen.slice(7)} />}
      {screen.startsWith("read:") && <Read key={screen} slug={screen.slice(5)} />}
      {screen === "library" && <Library />}
      {screen === "history" && <History go={setScreen} />}
      {screen === "summary" && <Summary />}
      {screen === "log" && <Log />}
      {screen === "baby" && <Baby go={setScreen} />}
      {screen === "home" && <Home go={setScreen} />}
    </div>
  );
}
