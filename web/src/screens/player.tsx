import { useEffect, useState } from "preact/hooks";
import { call } from "../api";
import { clock, lang, t } from "../i18n";
import { useSignal } from "../state";
import type { SelfCarePlan } from "../wire";

type Plan = SelfCarePlan;

// A short tone and a vibration when a step's timer ends (no sound file: CSP-clean WebAudio).
function signalEnd(): void {
  navigator.vibrate?.([300, 150, 300]);
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    osc.frequency.value = 660;
    osc.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.4);
  } catch {
    /* no audio: the vibration and the text still tell her */
  }
}

export function Player({ planId, done }: { planId: string; done: () => void }) {
  const l = useSignal(lang);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [i, setI] = useState(0);
  const [endAt, setEndAt] = useState<number | null>(null);
  const [ended, setEnded] = useState(false);
  const [, tick] = useState(0);
  useEffect(() => {
    call<Plan>("GET", `/api/v1/self-care-plans/${planId}?lang=${l}`).then(setPlan).catch(() => {});
  }, [planId, l]);
  useEffect(() => {
    if (endAt === null) return;
    const id = window.setInterval(() => {
      if (Date.now() >= endAt) {
        setEndAt(null);
        setEnded(true);
        signalEnd();
      }
      tick((n) => n + 1);
    }, 250);
    return () => clearInterval(id);
  }, [endAt]);
  if (!plan) return <main class="screen" />;
  const step = plan.steps[i];
  const go = (n: number) => { setI(n); setEndAt(null); setEnded(false); };
  return (
    <main class="screen player">
      <h1>{plan.title}</h1>
      <p class="note">{t("step_of", { i: i + 1, n: plan.steps.length })}</p>
      <section class="card">
        <p class="big" data-testid="step-text">{step.text}</p>
        {step.count && <p>{t("repeat_times", { n: step.count })}</p>}
        {step.safety && <p class="note">{step.safety}</p>}
        {step.minutes && endAt === null && !ended && (
          <button class="primary big-button" onClick={() => setEndAt(Date.now() + step.minutes! * 60000)}>
            {t("start_timer", { n: step.minutes })}
          </button>
        )}
        {endAt !== null && <p class="timer" data-testid="timer" aria-live="off">{clock(endAt - Date.now())}</p>}
        <p aria-live="assertive" data-testid="timer-done">{ended ? t("times_up") : ""}</p>
      </section>
      <div class="sides">
        <button class="big-button" disabled={i === 0} onClick={() => go(i - 1)}>{t("previous")}</button>
        {i + 1 < plan.steps.length
          ? <button class="primary big-button" onClick={() => go(i + 1)}>{t("next")}</button>
          : <button class="primary big-button" onClick={done}>{t("finished_plan")}</button>}
      </div>
      <section class="card">
        <h2>{t("do_not")}</h2>
        <ul>{plan.avoid.map((a) => <li key={a.what}><strong>{a.what}</strong>: {a.why}</li>)}</ul>
      </section>
    </main>
  );
}
