// The hospital's staff accounts, for its administrator: invite a clinician or an administrator
// (she gets an e-mail with a code to choose her password), change a role, turn an account off
// (her sessions end at once) or back on, reset a password. Not her own account. The server audits
// every change.
import { useEffect, useState } from "preact/hooks";
import { call, me } from "../api";
import { t, type Key } from "../i18n";
import { ProblemLine, problemText } from "../problem";
import type { Staff } from "../wire";

const ROLES = ["clinician", "hospital_admin"] as const;

export function StaffAccounts() {
  const [items, setItems] = useState<Staff[] | null>(null);
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");
  const load = () => call<{ items: Staff[] }>("GET", "/api/v1/hospital/staff").then((r) => setItems(r.items)).catch((e) => setError(problemText(e)));
  useEffect(() => { void load(); }, []);
  async function act(run: () => Promise<unknown>, done: string) {
    setError("");
    setStatus("");
    try {
      await run();
      setStatus(done);
      void load();
    } catch (err) {
      setError(problemText(err));
    }
  }
  async function invite(e: Event) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    const body = { email: String(f.get("email") ?? ""), display_name: String(f.get("name") ?? ""), role: String(f.get("role") ?? "clinician") };
    await act(async () => { await call("POST", "/api/v1/hospital/staff", body); form.reset(); }, t("staff_invited", { email: body.email }));
  }
  const self = me.get()?.id;
  return (
    <section class="card staff" data-testid="staff-accounts" aria-labelledby="staff-title">
      <h2 id="staff-title">{t("staff_title")}</h2>
      <ProblemLine text={error} />
      {status && !error && <p role="status">{status}</p>}
      {items === null && !error && <p class="note">{t("loading")}</p>}
      <ul class="log-list">
        {(items ?? []).map((s) => (
          <li key={s.id} data-testid="staff-row" data-id={s.id}>
            <p><strong>{s.display_name}</strong> · {s.email}<br />
              <span class="note">{t(`audit_r_${s.role}` as Key)}{s.active ? "" : ` · ${t("staff_off")}`}</span></p>
            {s.id === self ? <p class="note">{t("staff_you")}</p> : (
              <div class="staff-actions">
                <label>{t("staff_role")}
                  <select value={s.role} onChange={(e) => void act(() => call("POST", `/api/v1/hospital/staff/${s.id}`, { role: (e.target as HTMLSelectElement).value }), t("admin_saved"))}>
                    {ROLES.map((r) => <option key={r} value={r}>{t(`audit_r_${r}` as Key)}</option>)}
                  </select>
                </label>
                <button type="button" onClick={() => void act(() => call("POST", `/api/v1/hospital/staff/${s.id}`, { active: !s.active }), s.active ? t("staff_turned_off", { name: s.display_name }) : t("admin_saved"))}>
                  {s.active ? t("staff_turn_off") : t("staff_turn_on")}
                </button>
                {s.active && (
                  <button type="button" onClick={() => void act(() => call("POST", `/api/v1/hospital/staff/${s.id}/password-reset`), t("staff_reset_sent", { email: s.email }))}>
                    {t("staff_reset")}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      <form class="staff-invite" onSubmit={invite} data-testid="staff-invite">
        <label>{t("email")}<input name="email" type="email" required autocomplete="off" /></label>
        <label>{t("staff_name")}<input name="name" required autocomplete="off" /></label>
        <label>{t("staff_role")}
          <select name="role">{ROLES.map((r) => <option key={r} value={r}>{t(`audit_r_${r}` as Key)}</option>)}</select>
        </label>
        <button class="primary" type="submit">{t("staff_invite")}</button>
      </form>
    </section>
  );
}
