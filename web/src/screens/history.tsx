import { useEffect, useState } from "preact/hooks";
import { BarChart, PointChart } from "../charts";
import { dayLabel, feedSeries, fetchCharts, intervalPoints, minuteSeries, painPoints, pumpSeries, range, temperaturePoints, type Charts } from "../history";
import { lang, t } from "../i18n";
import { prefs, tempIn, tempLabel, volumeLabel } from "../prefs";
import { useSignal } from "../state";

const RANGES = [7, 14, 30];

// The charts of her log over `days` days: feeds, minutes, intervals, pumping, temperatures, pain.
// On her history screen, and in her record for the clinician reading it.
export function LogCharts({ days }: { days: number }) {
  const p = useSignal(prefs);
  const [charts, setCharts] = useState<Charts | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    setError(false);
    fetchCharts(days).then(setCharts).catch(() => setError(true));
  }, [days]);
  const labels = charts?.per_day.map((d) => dayLabel(d.date)) ?? [];
  return (
    <>
      {error && <p class="error" role="alert">{t("needs_connection")}</p>}
      {charts && (
        <>
          <BarChart testid="chart-feeds" title={t("feeds_per_day")} unit={t("feeds_unit")} labels={labels} series={feedSeries(charts)} />
          <BarChart title={t("minutes_per_day")} unit={t("min")} labels={labels} series={minuteSeries(charts)} />
          <PointChart title={t("feed_intervals")} unit={t("h")} {...range(charts)} points={intervalPoints(charts)}
                      classes={[{ name: t("feed_intervals"), cls: "s-total" }]} empty={t("nothing_logged")} />
          <BarChart testid="chart-pump" title={t("pump_per_day")} unit={volumeLabel(p.volume)} labels={labels} series={pumpSeries(charts)} stacked />
          <PointChart testid="chart-temp" title={t("temperature")} unit={tempLabel(p.temp)} {...range(charts)} points={temperaturePoints(charts)}
                      classes={[{ name: t("temperature"), cls: "s-temp" }]} min={p.temp === "c" ? 36 : 96}
                      reference={{ value: tempIn(38, p.temp), label: t("fever_line", { v: `${tempIn(38, p.temp)} ${tempLabel(p.temp)}` }) }}
                      empty={t("nothing_logged")} />
          <PointChart testid="chart-pain" title={t("pain_over_time")} unit="0–10" {...range(charts)} points={painPoints(charts)} max={10}
                      classes={[{ name: t("left"), cls: "s-left" }, { name: t("right"), cls: "s-right" }]} empty={t("nothing_logged")} />
        </>
      )}
    </>
  );
}

export function History({ go }: { go: (screen: string) => void }) {
  const l = useSignal(lang);
  const [days, setDays] = useState(7);
  return (
    <main class="screen history" data-lang={l}>
      <h1>{t("history")}</h1>
      <div class="segmented" role="group" aria-label={t("period")}>
        {RANGES.map((n) => (
          <button key={n} aria-pressed={days === n} class={days === n ? "primary" : ""} onClick={() => setDays(n)}>
            {t("last_n_days", { n })}
          </button>
        ))}
      </div>
      <button class="big-button" onClick={() => go("summary")}>{t("summary_for_clinician")}</button>
      <button class="big-button" onClick={() => go("log")}>{t("log_by_day")}</button>
      <LogCharts days={days} />
    </main>
  );
}
