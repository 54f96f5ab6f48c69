import { useState } from "preact/hooks";
import { isoLocal } from "../api";
import { t } from "../i18n";
import { enqueue } from "../outbox";

// A nappy in two taps: wet, dirty or both, then save. Wet nappies tell the symptom check whether
// the baby is getting enough milk for his age.
export function Nappy({ done }: { done: () => void }) {
  const [wet, setWet] = useState(false);
  const [dirty, setDirty] = useState(false);
  async function save() {
    await enqueue({ kind: "nappy", id: crypto.randomUUID(), body: { occurred_at: isoLocal(Date.now()), wet, dirty } });
    done();
  }
  return (
    <main class="screen nappy">
      <h1>{t("nappy_title")}</h1>
      <div class="sides">
        <button class={`big-button${wet ? " primary" : ""}`} aria-pressed={wet} onClick={() => setWet(!wet)}>{t("wet")}</button>
        <button class={`big-button${dirty ? " primary" : ""}`} aria-pressed={dirty} onClick={() => setDirty(!dirty)}>{t("dirty")}</button>
      </div>
      <button class="primary big-button" disabled={!wet && !dirty} onClick={save}>{t("save")}</button>
    </main>
  );
}
