// Small SVG charts: no library, crisp in print, colours from the stylesheet (so dark mode and
// the CSP need nothing inline), and every chart carries its numbers as a table for screen readers
// and for the clinician.
import type { ComponentChildren } from "preact";
import { lang, t } from "./i18n";

const W = 340;
const H = 170;
const PAD = { left: 34, right: 8, top: 10, bottom: 24 };
const plotW = W - PAD.left - PAD.right;
const plotH = H - PAD.top - PAD.bottom;

export interface Series { name: string; cls: string; values: number[] }

// A "nice" upper bound and 3-5 ticks for 0..max.
function ticks(max: number, min = 0): number[] {
  const span = Math.max(max - min, 1e-9);
  const raw = span / 4;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => span / s <= 5)!;
  const out: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 0.999; v += step) out.push(Math.round(v * 100) / 100);
  return out;
}

const nf = () => new Intl.NumberFormat(lang.get(), { maximumFractionDigits: 1 });

function Frame({ label, yTicks, y, children }: { label: string; yTicks: number[]; y: (v: number) => number; children: ComponentChildren }) {
  return (
    <svg class="chart-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {yTicks.map((v) => (
        <g key={v}>
          <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
          <text class="axis" x={PAD.left - 4} y={y(v) + 4} text-anchor="end">{nf().format(v)}</text>
        </g>
      ))}
      {children}
    </svg>
  );
}

function Legend({ series }: { series: { name: string; cls: string }[] }) {
  return (
    <ul class="legend" aria-hidden="true">
      {series.map((s) => <li key={s.name}><span class={`swatch ${s.cls}`} />{s.name}</li>)}
    </ul>
  );
}

function Table({ head, rows }: { head: string[]; rows: (string | number)[][] }) {
  return (
    <details class="chart-table">
      <summary>{t("as_table")}</summary>
      <table>
        <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{typeof c === "number" ? nf().format(c) : c}</td>)}</tr>)}</tbody>
      </table>
    </details>
  );
}

// Bars per day, one bar per series side by side (or stacked).
export function BarChart({ title, unit, labels, series, stacked = false, testid }: {
  title: string; unit: string; labels: string[]; series: Series[]; stacked?: boolean; testid?: string;
}) {
  const totals = labels.map((_, i) => series.reduce((a, s) => a + s.values[i], 0));
  const max = Math.max(1, ...(stacked ? totals : series.flatMap((s) => s.values)));
  const yTicks = ticks(max);
  const top = yTicks[yTicks.length - 1];
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const slot = plotW / labels.length;
  const barW = Math.max(2, (slot * 0.8) / (stacked ? 1 : series.length));
  const every = Math.ceil(labels.length / 6);  // at most 6 date labels fit under 340 units
  const summary = `${title} (${unit}): ` + labels.map((l, i) => `${l} ${series.map((s) => `${s.name} ${nf().format(s.values[i])}`).join(", ")}`).join("; ");
  return (
    <figure class="chart" data-testid={testid}>
      <figcaption>{title} <span class="note">({unit})</span></figcaption>
      <Frame label={summary} yTicks={yTicks} y={y}>
        {labels.map((l, i) => {
          const x0 = PAD.left + i * slot + slot * 0.1;
          let base = 0;
          return (
            <g key={l}>
              {series.map((s, k) => {
                const v = s.values[i];
                const x = stacked ? x0 : x0 + k * barW;
                const y1 = y(base + v);
                const h = y(base) - y1;
                if (stacked) base += v;
                return v > 0 ? <rect key={s.name} class={`col ${s.cls}`} x={x} y={y1} width={stacked ? slot * 0.8 : barW} height={h} /> : null;
              })}
              {i % every === 0 && <text class="axis" x={x0 + slot * 0.4} y={H - 8} text-anchor="middle">{l}</text>}
            </g>
          );
        })}
      </Frame>
      <Legend series={series} />
      <Table head={[t("date"), ...series.map((s) => s.name)]} rows={labels.map((l, i) => [l, ...series.map((s) => s.values[i])])} />
    </figure>
  );
}

export interface Point { at: number; value: number; cls: string; note?: string }

// Points over time (with a line through each class), for intervals, temperatures and pain.
export function PointChart({ title, unit, from, to, points, classes, min = 0, max, reference, testid, empty }: {
  title: string; unit: string; from: number; to: number; points: Point[]; classes: { name: string; cls: string }[];
  min?: number; max?: number; reference?: { value: number; label: string }; testid?: string; empty: string;
}) {
  const vals = points.map((p) => p.value).concat(reference ? [reference.value] : []);
  const yTicks = ticks(max ?? Math.max(1, ...vals), min);
  const lo = yTicks[0];
  const hi = yTicks[yTicks.length - 1];
  const y = (v: number) => PAD.top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const x = (ms: number) => PAD.left + ((ms - from) / Math.max(1, to - from)) * plotW;
  const fmt = new Intl.DateTimeFormat(lang.get(), { day: "numeric", month: "numeric", hour: "2-digit", minute: "2-digit" });
  const day = new Intl.DateTimeFormat(lang.get(), { day: "numeric", month: "numeric" });
  const hasNote = points.some((p) => p.note);
  const summary = points.length === 0 ? `${title}: ${empty}`
    : `${title} (${unit}): ` + points.map((p) => `${fmt.format(p.at)} ${nf().format(p.value)}${p.note ? ` ${p.note}` : ""}`).join("; ");
  return (
    <figure class="chart" data-testid={testid}>
      <figcaption>{title} <span class="note">({unit})</span></figcaption>
      {points.length === 0 ? <p class="note">{empty}</p> : (
        <>
          <Frame label={summary} yTicks={yTicks} y={y}>
            {reference && (
              <g>
                <line class="reference" x1={PAD.left} x2={W - PAD.right} y1={y(reference.value)} y2={y(reference.value)} />
                <text class="axis" x={W - PAD.right} y={y(reference.value) - 3} text-anchor="end">{reference.label}</text>
              </g>
            )}
            {classes.map((c) => {
              const ps = points.filter((p) => p.cls === c.cls);
              return (
                <g key={c.cls}>
                  {ps.length > 1 && <polyline class={`line ${c.cls}`} points={ps.map((p) => `${x(p.at)},${y(p.value)}`).join(" ")} />}
                  {ps.map((p) => <circle key={p.at} class={`dot ${c.cls}`} cx={x(p.at)} cy={y(p.value)} r="4" />)}
                </g>
              );
            })}
            <text class="axis" x={PAD.left} y={H - 8}>{day.format(from)}</text>
            <text class="axis" x={W - PAD.right} y={H - 8} text-anchor="end">{day.format(to)}</text>
          </Frame>
          {classes.length > 1 && <Legend series={classes} />}
          <Table head={[t("time"), unit, ...(hasNote ? [t("detail")] : [])]}
                 rows={points.map((p) => [fmt.format(p.at), p.value, ...(hasNote ? [p.note ?? ""] : [])])} />
        </>
      )}
    </figure>
  );
}
