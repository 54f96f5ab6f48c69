import { useEffect, useState } from "preact/hooks";
import { clock, t, type Key } from "../i18n";
import { enqueue } from "../outbox";
import { prefs, volumeLabel, type Volume } from "../prefs";
import { useSignal } from "../state";
import { activeSide, addBottle, discard, feed, finish, isPaused, pastFeed, start, switchSide, togglePause, totals, type Milk, type Side } from "../timer";
import { ProblemLine } from "../problem";

const MILKS: Milk[] = ["expressed_breast_milk", "donor_milk", "formula"];

// Milk kind and amount in her unit; used for a top-up during a feed and in a past feed.
function BottleFields({ unit }: { unit: Volume }) {
  return (
    <div class="sides">
      <label>{t("milk")}
        <select name="milk">{MILKS.map((m) => <option key={m} value={m}>{t(`milk_${m}` as Key)}</option>)}</select>
      </label>
      <label>{t("amount")} ({volumeLabel(unit)})
        <input name="amount" type="number" inputMode="decimal" min="0" step="any" /></label>
    </div>
  );
}

function readBottle(f: FormData, unit: Volume): { milk: Milk; ml?: number; oz?: number } | undefined {
  const v = String(f.get("amount") ?? "").trim().replace(",", ".");
  if (v === "" || Number(v) <= 0) return undefined;
  return { milk: f.get("milk") as Milk, [unit]: Number(v) };
}

function TopUp() {
  const unit = useSignal(prefs).volume;
  const [open, setOpen] = useState(false);
  if (!open) return <button class="big-button" onClick={() => setOpen(true)}>{t("top_up")}</button>;
  return (
    <form class="card" onSubmit={(e) => {
      e.preventDefault();
      const b = readBottle(new FormData(e.target as HTMLFormElement), unit);
      if (b) addBottle({ ...b, at: Date.now() });
      setOpen(false);
    }}>
      <BottleFields unit={unit} />
      <button class="primary big-button" type="submit">{t("save")}</button>
    </form>
  );
}

// A feed she did not time: when it started, minutes on each side, an optional bottle.
function PastFeed({ done }: { done: () => void }) {
  const unit = useSignal(prefs).volume;
  const [error, setError] = useState("");
  const local = (ms: number) => new Date(ms - new Date(ms).getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  async function save(e: Event) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const startMs = Date.parse(String(f.get("start")));
    const minutes = { left: Number(f.get("left") || 0), right: Number(f.get("right") || 0) };
    const rec = pastFeed(startMs, f.get("first") as Side, minutes, readBottle(f, unit));
    if (!rec || Number.isNaN(startMs)) return setError(t("need_minutes"));
    if (startMs + (minutes.left + minutes.right) * 60000 > Date.now()) return setError(t("ends_in_future"));
    await enqueue({ kind: "feed", id: rec.id, body: rec.body });
    done();
  }
  return (
    <form onSubmit={save} aria-labelledby="past-feed">
      <h2 id="past-feed">{t("past_feed")}</h2>
      <label>{t("started_at")}<input name="start" type="datetime-local" required defaultValue={local(Date.now() - 30 * 60000)} max={local(Date.now())} /></label>
      <fieldset>
        <legend>{t("first_side")}</legend>
        {(["left", "right"] as Side[]).map((s, i) => (
          <label class="check" key={s}><input type="radio" name="first" value={s} defaultChecked={i === 0} /><span>{t(s)}</span></label>
        ))}
      </fieldset>
      <div class="sides">
        <label>{t("side_minutes", { side: t("left") })}<input name="left" type="number" inputMode="numeric" min="0" max="360" /></label>
        <label>{t("side_minutes", { side: t("right") })}<input name="right" type="number" inputMode="numeric" min="0" max="360" /></label>
      </div>
      <BottleFields unit={unit} />
      <ProblemLine text={error} />
      <button class="primary big-button" type="submit">{t("save")}</button>
    </form>
  );
}

export function FeedTimer({ done }: { done: () => void }) {
  const f = useSignal(feed);
  const unit = useSignal(prefs).volume;
  const [past, setPast] = useState(false);
  const [, tick] = useState(0);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    const id = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, []);

  async function save() {
    const rec = finish();
    if (rec) await enqueue({ kind: "feed", id: rec.id, body: rec.body });
    done();
  }

  if (!f || f.segments.length === 0) {
    return (
      <main class="screen feed">
        <h1>{t("feed_title")}</h1>
        <div class="sides">
          <button class="primary big-button" onClick={() => start("left")}>{t("start_left")}</button>
          <button class="primary big-button" onClick={() => start("right")}>{t("start_right")}</button>
        </div>
        {past ? <PastFeed done={done} /> : <button class="big-button" onClick={() => setPast(true)}>{t("past_feed")}</button>}
      </main>
    );
  }
  const tot = totals(f);
  const side = activeSide(f);
  const paused = isPaused(f);
  return (
    <main class="screen feed">
      <h1>{t("feed_title")}</h1>
      <p class="status" aria-live="polite">
        {paused ? t("paused") : side ? t(side) : ""}
      </p>
      <dl class="totals">
        <div><dt>{t("left")}</dt><dd data-testid="left-total">{clock(tot.left)}</dd></div>
        <div><dt>{t("right")}</dt><dd data-testid="right-total">{clock(tot.right)}</dd></div>
      </dl>
      <div class="sides">
        <button class="big-button" onClick={() => switchSide()}>{t("switch_side")}</button>
        <button class="big-button" onClick={() => togglePause()}>{paused ? t("resume") : t("pause")}</button>
      </div>
      {(f.bottles ?? []).length > 0 && (
        <p data-testid="top-ups">{t("top_ups")}: {f.bottles!.map((b) => `${b.ml ?? b.oz} ${volumeLabel(b.oz !== undefined ? "oz" : "ml")} ${t(`milk_${b.milk}` as Key)}`).join(", ")}</p>
      )}
      <TopUp key={unit} />
      <button class="primary big-button" onClick={save}>{t("finish")}</button>
      {/* Throwing a running feed away is far from "finish and save", and asks first. */}
      <div class="discard">
        {confirming ? (
          <div class="card warning" role="alertdialog" aria-labelledby="discard-q">
            <p id="discard-q">{t("discard_feed_q")}</p>
            <div class="sides">
              <button onClick={() => setConfirming(false)}>{t("keep_feed")}</button>
              <button data-testid="discard-yes" onClick={() => { discard(); done(); }}>{t("discard_feed")}</button>
            </div>
          </div>
        ) : <button class="link" data-testid="discard" onClick={() => setConfirming(true)}>{t("discard_feed")}</button>}
      </div>
    </main>
  );
}
