// The administrator's audit log: who did what to whose record, newest first, filtered by action,
// outcome, time and person (tap a name to see only that person), a page at a time. Each read of it
// is itself audited by the server.
import { useEffect, useRef, useState } from "preact/hooks";
import { call, isoLocal } from "../api";
import { lang, t, type Key } from "../i18n";
import { ProblemLine, problemText } from "../problem";
import { useSignal } from "../state";
import type { AuditTrail } from "../wire";

type Row = AuditTrail["items"][number];
interface Filter { action: string; outcome: string; from: string; to: string; person?: { id: string; name: string; as: "actor" | "subject" } }

// A code as her screen says it, or the code itself when the app has no word for it.
function word(prefix: string, code: string): string {
  const key = `${prefix}_${code}` as Key;
  const said = t(key);
  return said === undefined || said === key ? code : said;
}

export function AuditLog() {
  const l = useSignal(lang);
  const [filter, setFilter] = useState<Filter>({ action: "", outcome: "", from: "", to: "" });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [facets, setFacets] = useState<{ actions: string[]; outcomes: string[] }>({ actions: [], outcomes: [] });
  const [error, setError] = useState("");
  const latest = useRef(0);  // an answer to an earlier filter, arriving late, is dropped

  async function load(cursor: string | null) {
    const asked = ++latest.current;
    const p = new URLSearchParams({ limit: "50" });
    if (filter.action) p.set("action", filter.action);
    if (filter.outcome) p.set("outcome", filter.outcome);
    if (filter.from) p.set("from", isoLocal(Date.parse(`${filter.from}T00:00:00`)));
    if (filter.to) p.set("to", isoLocal(Date.parse(`${filter.to}T00:00:00`) + 86400000));
    if (filter.person) p.set(filter.person.as, filter.person.id);
    if (cursor) p.set("cursor", cursor);
    try {
      const r = await call<AuditTrail>("GET", `/api/v1/hospital/audit?${p}`);
      if (asked !== latest.current) return;
      setRows((old) => (cursor ? [...(old ?? []), ...r.items] : r.items));
      setNext(r.next_cursor ?? null);
      setFacets({ actions: r.actions, outcomes: r.outcomes });
      setError("");
    } catch (err) {
      setError(problemText(err));
    }
  }
  useEffect(() => { setRows(null); void load(null); }, [filter]);

  const set = (patch: Partial<Filter>) => setFilter({ ...filter, ...patch });
  const when = new Intl.DateTimeFormat(l, { day: "numeric", month: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const person = (p: Row["actor"], as: "actor" | "subject") => p
    ? <button type="button" class="link" onClick={() => set({ person: { id: p.id, name: p.name, as } })}>{p.name}</button>
    : null;
  return (
    <section class="card audit" data-testid="audit-log" aria-labelledby="audit-title">
      <h2 id="audit-title">{t("audit_title")}</h2>
      <div class="audit-filters">
        <label>{t("audit_action")}
          <select value={filter.action} onChange={(e) => set({ action: (e.target as HTMLSelectElement).value })}>
            <option value="">{t("audit_any")}</option>
            {facets.actions.map((a) => <option key={a} value={a}>{word("audit_a", a)}</option>)}
          </select>
        </label>
        <label>{t("audit_outcome")}
          <select value={filter.outcome} onChange={(e) => set({ outcome: (e.target as HTMLSelectElement).value })}>
            <option value="">{t("audit_any")}</option>
            {facets.outcomes.map((o) => <option key={o} value={o}>{word("audit_o", o)}</option>)}
          </select>
        </label>
        <label>{t("audit_from")}<input type="date" value={filter.from} onChange={(e) => set({ from: (e.target as HTMLInputElement).value })} /></label>
        <label>{t("audit_to")}<input type="date" value={filter.to} onChange={(e) => set({ to: (e.target as HTMLInputElement).value })} /></label>
      </div>
      {filter.person && (
        <p class="flag" data-testid="audit-person">
          {t(filter.person.as === "actor" ? "audit_only_by" : "audit_only_about", { name: filter.person.name })}{" "}
          <button type="button" onClick={() => set({ person: undefined })}>{t("audit_everyone")}</button>
        </p>
      )}
      <ProblemLine text={error} />
      {rows === null && !error && <p class="note">{t("loading")}</p>}
      {rows?.length === 0 && <p class="note">{t("audit_none")}</p>}
      {rows && rows.length > 0 && (
        <div class="table-scroll">
          <table class="audit-table">
            <thead><tr><th>{t("audit_when")}</th><th>{t("audit_who")}</th><th>{t("audit_action")}</th><th>{t("audit_about")}</th><th>{t("audit_outcome")}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.request_id + r.at + r.action + r.resource} data-testid="audit-row" data-outcome={r.outcome}>
                  <td>{when.format(Date.parse(r.at))}</td>
                  <td>{person(r.actor, "actor") ?? "–"}{r.actor_role && <span class="note"> · {word("audit_r", r.actor_role)}</span>}</td>
                  <td>{word("audit_a", r.action)} <code>{r.resource}</code></td>
                  <td>{person(r.subject, "subject") ?? "–"}</td>
                  <td>{word("audit_o", r.outcome)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next && <button type="button" class="big-button" onClick={() => void load(next)}>{t("audit_more")}</button>}
    </section>
  );
}
