// "Bring your log from another app" (docs/imports.md): she picks Huckleberry's or Baby Buddy's
// export, says where she was when she logged it (and, for Baby Buddy, the units of its bare
// amounts), sees what would be added and every row that would not be with its reason, and then
// imports it. Importing the same file again adds nothing: the server derives each record's id
// from the row.
import { useState } from "preact/hooks";
import { motherPath, saveFile, upload } from "../api";
import { t, type Key } from "../i18n";
import { prefs } from "../prefs";
import { ProblemLine, problemText } from "../problem";
import type { ImportSummary as Summary } from "../wire";

// Zones a mother in Viet Nam is likely to have logged in; her phone's own first when it differs.
const ZONES = ["Asia/Ho_Chi_Minh", "Asia/Bangkok", "Asia/Singapore", "Asia/Seoul", "Asia/Tokyo", "Australia/Sydney",
               "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles"];

function zones(): string[] {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return here && !ZONES.includes(here) ? [ZONES[0], here, ...ZONES.slice(1)] : ZONES;
}

export function ImportLog() {
  const [format, setFormat] = useState<"huckleberry" | "babybuddy">("huckleberry");
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Summary | null>(null);
  const [done, setDone] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [zone, setZone] = useState(ZONES[0]);
  const [volume, setVolume] = useState(prefs.get().volume);
  const [temp, setTemp] = useState(prefs.get().temp);
  const [weight, setWeight] = useState<"kg" | "lb">(prefs.get().volume === "oz" ? "lb" : "kg");
  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError("");
    try {
      const q = new URLSearchParams({ format, time_zone: zone, dry_run: String(dryRun) });
      if (format === "babybuddy") {
        q.set("volume_unit", volume);
        q.set("temperature_unit", temp);
        q.set("weight_unit", weight);
      }
      const r = await upload<Summary>(motherPath(`/imports?${q}`), file, "POST");
      if (dryRun) {
        setPreview(r);
      } else {
        setPreview(null);
        setDone(t("import_done", { n: r.added }));
      }
    } catch (err) {
      setError(problemText(err, "needs_connection"));
    } finally {
      setBusy(false);
    }
  };
  const changed = () => { setPreview(null); setDone(""); setError(""); };
  const fresh = preview ? Object.values(preview.counts).reduce((n, c) => n + c.new, 0) : 0;
  return (
    <section class="card" aria-labelledby="import-title" data-testid="import">
      <h2 id="import-title">{t("import_title")}</h2>
      <p class="note">{t("import_note")}</p>
      <form onSubmit={(e) => { e.preventDefault(); void send(true); }} onChange={changed}>
        <label>{t("import_app")}
          <select value={format} onChange={(e) => setFormat((e.target as HTMLSelectElement).value as typeof format)}>
            <option value="huckleberry">Huckleberry</option>
            <option value="babybuddy">Baby Buddy</option>
          </select>
        </label>
        <label>{t("import_file")}
          <input type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required onChange={(e) => setFile((e.target as HTMLInputElement).files?.[0] ?? null)} />
        </label>
        <label>{t("import_zone")}
          <select value={zone} onChange={(e) => setZone((e.target as HTMLSelectElement).value)}>
            {zones().map((z) => <option key={z} value={z}>{z === "Asia/Ho_Chi_Minh" ? t("zone_vn") : z.replace("_", " ")}</option>)}
          </select>
        </label>
        {format === "babybuddy" && (
          <fieldset>
            <legend>{t("import_units")}</legend>
            <div class="sides">
              <select aria-label="mL / oz" value={volume} onChange={(e) => setVolume((e.target as HTMLSelectElement).value as typeof volume)}>
                <option value="ml">mL</option><option value="oz">oz</option>
              </select>
              <select aria-label="°C / °F" value={temp} onChange={(e) => setTemp((e.target as HTMLSelectElement).value as typeof temp)}>
                <option value="c">°C</option><option value="f">°F</option>
              </select>
              <select aria-label="kg / lb" value={weight} onChange={(e) => setWeight((e.target as HTMLSelectElement).value as typeof weight)}>
                <option value="kg">kg</option><option value="lb">lb</option>
              </select>
            </div>
          </fieldset>
        )}
        <button class="big-button" type="submit" disabled={!file || busy}>{t("import_preview")}</button>
      </form>
      <ProblemLine text={error} />
      {preview && (
        <div data-testid="import-preview">
          {fresh > 0 ? (
            <>
              <h3>{t("import_will_add")}</h3>
              <ul>
                {Object.entries(preview.counts).filter(([, c]) => c.new > 0 || c.already > 0).map(([k, c]) => (
                  <li key={k}><strong>{c.new}</strong> {t(`import_kind_${k.replace(/-/g, "_")}` as Key)}
                    {c.already > 0 && <span class="note"> · {t("import_already", { n: c.already })}</span>}</li>
                ))}
              </ul>
            </>
          ) : <p role="status">{t("import_nothing_new")}</p>}
          {preview.skipped.length > 0 && (
            <details>
              <summary>{t("import_skipped", { n: preview.skipped.length })}</summary>
              <ul class="import-skipped">
                {preview.skipped.map((s) => <li key={s.line}>{t("import_line", { n: s.line })}: {s.reason}</li>)}
              </ul>
              {preview.rejected_csv && (
                <button type="button" class="link" onClick={() => saveFile(new Blob([preview.rejected_csv!], { type: "text/csv;charset=utf-8" }), "tia-not-imported.csv")}>
                  {t("import_rejected")}
                </button>
              )}
            </details>
          )}
          {fresh > 0 && (
            <button class="primary big-button" type="button" disabled={busy} onClick={() => void send(false)}>
              {t("import_confirm", { n: fresh })}
            </button>
          )}
        </div>
      )}
      {done && <p role="status">{done}</p>}
    </section>
  );
}
