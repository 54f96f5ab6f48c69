// The admin's Zalo card (docs/zalo.md): switch ZNS on, the Official Account's access token (never
// shown again once saved), a template per purpose — its id, its approved text with <parameters>,
// and for each parameter the value Tia fills it with and its length limit — and the messages Zalo
// could not deliver (when, what, Zalo's code, and whether a text went instead).
import { useEffect, useState } from "preact/hooks";
import { call } from "../api";
import { t, timeOfDay, type Key } from "../i18n";
import { problem, Status, useItems } from "./admin_schedule";
import type { MessageIncident as Incident, ZaloSettings } from "../wire";
type Param = { value: string; max: number };
type Template = { template_id: string; text: string; params: Record<string, Param> };
const PURPOSES = ["appointment", "reminder", "team_replied", "code"] as const;
type Purpose = (typeof PURPOSES)[number];

// The <name>s of a template's text, in order, each once.
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/<([a-z0-9_]{1,30})>/g)].map((m) => m[1]))];
}

function TemplateFields({ purpose, values, tmpl, change }: {
  purpose: Purpose; values: string[]; tmpl: Template; change: (t: Template) => void;
}) {
  const names = placeholders(tmpl.text);
  const setText = (text: string) => {
    const params: Record<string, Param> = {};
    for (const n of placeholders(text)) params[n] = tmpl.params[n] ?? { value: values.includes(n) ? n : values[0], max: 30 };
    change({ ...tmpl, text, params });
  };
  const setParam = (name: string, p: Partial<Param>) => change({ ...tmpl, params: { ...tmpl.params, [name]: { ...tmpl.params[name], ...p } } });
  return (
    <fieldset data-purpose={purpose}>
      <legend>{t(`zalo_purpose_${purpose}` as Key)}</legend>
      <label>{t("zalo_template_id")}<input value={tmpl.template_id} inputMode="numeric"
        onInput={(e) => change({ ...tmpl, template_id: (e.target as HTMLInputElement).value })} name={`${purpose}_template_id`} /></label>
      <label>{t("zalo_template_text")}<textarea rows={3} value={tmpl.text} name={`${purpose}_text`}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} /></label>
      {names.length > 0 && (
        <ul class="zalo-params">
          {names.map((n) => (
            <li key={n}>
              <code>&lt;{n}&gt;</code>
              <div class="sides">
                <label>{t("zalo_param_value")}
                  <select aria-label={`${n}: ${t("zalo_param_value")}`} value={tmpl.params[n]?.value}
                    onChange={(e) => setParam(n, { value: (e.target as HTMLSelectElement).value })}>
                    {values.map((v) => <option key={v} value={v}>{t(`zalo_value_${v}` as Key)}</option>)}
                  </select>
                </label>
                <label>{t("zalo_param_max")}
                  <input type="number" min={1} max={400} aria-label={`${n}: ${t("zalo_param_max")}`} value={tmpl.params[n]?.max}
                    onInput={(e) => setParam(n, { max: Number((e.target as HTMLInputElement).value) })} />
                </label>
              </div>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

function Incidents() {
  const [items] = useItems<Incident>("/api/v1/hospital/message-incidents");
  return (
    <div data-testid="zalo-incidents">
      <h3>{t("zalo_incidents")}</h3>
      {items === null && <p class="note">{t("loading")}</p>}
      {items?.length === 0 && <p class="note">{t("zalo_incidents_none")}</p>}
      <ul>
        {(items ?? []).map((x, i) => (
          <li key={i}>
            {timeOfDay(Date.parse(x.at))} · {x.kind} · {x.code !== 0 ? `${x.code} ` : ""}{x.detail}
            {" · "}{t(x.fallback === "sms" ? "zalo_fallback_sms" : "zalo_fallback_none")}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Zalo() {
  const [loaded, setLoaded] = useState<ZaloSettings | null>(null);
  const [enabled, setEnabled] = useState(false);
  const [token, setToken] = useState("");
  const [templates, setTemplates] = useState<Record<Purpose, Template>>({} as Record<Purpose, Template>);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const take = (s: ZaloSettings) => {
    setLoaded(s);
    setEnabled(s.enabled);
    const all = {} as Record<Purpose, Template>;
    for (const p of PURPOSES) {
      const x = s.templates[p];
      all[p] = x ? { template_id: x.template_id, text: x.text, params: x.params as Record<string, Param> } : { template_id: "", text: "", params: {} };
    }
    setTemplates(all);
  };
  useEffect(() => { call<ZaloSettings>("GET", "/api/v1/hospital/zalo").then(take).catch(() => {}); }, []);
  if (!loaded) return null;
  const save = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = { enabled, templates: {} };
    if (token) body.access_token = token;
    for (const p of PURPOSES) {
      const x = templates[p];
      if (x.template_id || x.text) (body.templates as Record<string, Template>)[p] = x;
    }
    try {
      take(await call<ZaloSettings>("PUT", "/api/v1/hospital/zalo", body));
      setToken("");
      setMsg({ ok: true, text: t("admin_saved") });
    } catch (err) {
      setMsg({ ok: false, text: problem(err) });
    }
  };
  return (
    <section class="card" data-testid="zalo" aria-labelledby="zalo-title">
      <h2 id="zalo-title">{t("zalo_title")}</h2>
      <p class="note">{t("zalo_note")}</p>
      <form onSubmit={save} onInput={() => setMsg(null)}>
        <label class="check"><input type="checkbox" checked={enabled} onChange={() => setEnabled(!enabled)} name="zalo_enabled" />
          <span>{t("zalo_enabled")}</span></label>
        <label>{t("zalo_token")}
          <input type="password" autocomplete="off" value={token} name="zalo_token"
            placeholder={loaded.access_token_set ? t("zalo_token_saved") : ""} onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
        </label>
        {PURPOSES.map((p) => (
          <TemplateFields key={p} purpose={p} values={loaded.values[p] ?? []} tmpl={templates[p]}
            change={(x) => setTemplates({ ...templates, [p]: x })} />
        ))}
        <Status msg={msg} />
        <button class="primary" type="submit">{t("zalo_save")}</button>
      </form>
      <Incidents />
    </section>
  );
}
