import { useEffect, useState } from "preact/hooks";
import { clock, t } from "../i18n";
import { enqueue } from "../outbox";
import { useSignal } from "../state";
import { activeSide, discard, feed, finish, isPaused, start, switchSide, togglePause, totals } from "../timer";

export function FeedTimer({ done }: { done: () => void }) {
  const f = useSignal(feed);
  const [, tick] = useState(0);
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
      <button class="primary big-button" onClick={save}>{t("finish")}</button>
      <button class="link" onClick={() => { discard(); done(); }}>{t("cancel")}</button>
    </main>
  );
}
