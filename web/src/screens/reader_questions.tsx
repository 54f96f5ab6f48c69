// Questions from readers under the library's articles. The mother's side (under an article read in
// the app): the approved questions with the team's answers, hers with their state, and a form to
// ask — a question with warning words is not published and she is offered a private consultation
// with her text. The staff's side (the workspace): the moderation queue.
import { useEffect, useRef, useState } from "preact/hooks";
import { call } from "../api";
import { lang, t, type Key } from "../i18n";
import { problemText } from "../problem";
import { navigate } from "../route";
import { useSignal } from "../state";
import type { AskedQuestion, ReaderQuestion } from "../wire";

// The consultation form picks this up once (screens/consult.tsx): her words are never lost.
export const DRAFT_KEY = "tia.consult.draft";

function Answer({ q }: { q: ReaderQuestion }) {
  if (!q.answer) return null;
  return <p class="answer"><strong>{t("rq_answered_by", { name: q.answer.by.name, role: q.answer.by.role })}</strong> {q.answer.text}</p>;
}

export function ArticleQuestions({ hospital, slug, approved }: { hospital: string; slug: string; approved: ReaderQuestion[] }) {
  const l = useSignal(lang);
  const path = `/api/v1/library/${encodeURIComponent(hospital)}/articles/${encodeURIComponent(slug)}/questions`;
  const [items, setItems] = useState(approved);
  const [mine, setMine] = useState<ReaderQuestion[]>([]);
  const [held, setHeld] = useState<AskedQuestion | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  // The offer of a private consultation is what matters now: brought into view, not left below.
  const heldRef = useRef<HTMLDivElement>(null);
  useEffect(() => { if (held) heldRef.current?.scrollIntoView({ block: "center" }); }, [held]);
  const load = () => call<{ items: ReaderQuestion[]; mine: ReaderQuestion[] }>("GET", `${path}?lang=${l}`)
    .then((r) => { setItems(r.items); setMine(r.mine); }).catch(() => {});
  useEffect(() => { void load(); }, [path, l]);
  async function submit(e: Event) {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const text = (form.elements.namedItem("question") as HTMLTextAreaElement).value;
    setBusy(true);
    setStatus("");
    setHeld(null);
    try {
      const r = await call<AskedQuestion>("POST", path, { text });
      if (r.status === "held") {
        setHeld(r);
      } else {
        form.reset();
        setStatus(t("rq_waiting"));
        void load();
      }
    } catch (err) {
      setStatus(problemText(err));
    } finally {
      setBusy(false);
    }
  }
  const askPrivately = () => {
    sessionStorage.setItem(DRAFT_KEY, held?.consultation?.message ?? "");
    navigate("consult-new");
  };
  return (
    <section class="questions" aria-labelledby="rq-title" data-testid="reader-questions">
      <h2 id="rq-title">{t("rq_title")}</h2>
      {items.length === 0 && <p class="note">{t("rq_none")}</p>}
      {items.map((q) => (
        <div class="question" key={q.id} data-testid="rq-public">
          <p class="asked">{q.text}</p>
          <Answer q={q} />
        </div>
      ))}
      {mine.length > 0 && <>
        <h3>{t("rq_mine")}</h3>
        {mine.map((q) => (
          <div class="question" key={q.id} data-testid="rq-mine">
            <p class="asked">{q.text}</p>
            <p class="note">{t(`rq_status_${q.status}` as Key)}{q.reason ? `: ${q.reason}` : ""}</p>
            <Answer q={q} />
          </div>
        ))}
      </>}
      <form onSubmit={submit}>
        <label>{t("rq_ask")}<textarea name="question" rows={3} required minLength={10} maxLength={1000} /></label>
        <p class="note">{t("rq_public_note")}</p>
        <button class="big-button" type="submit" disabled={busy}>{t("rq_send")}</button>
      </form>
      {status && <p role="status" data-testid="rq-status">{status}</p>}
      {held && (
        <div class="card warning" role="alert" data-testid="rq-held" ref={heldRef}>
          <p>{t("rq_held", { what: (held.reasons ?? []).map((r) => t(`rq_reason_${r}` as Key)).join(", ") })}</p>
          <button class="primary big-button" onClick={askPrivately} data-testid="rq-consult">{t("rq_ask_privately")}</button>
        </div>
      )}
    </section>
  );
}

// The workspace's moderation queue: pending questions to approve, reject (with a reason the mother
// sees) or mark as spam; approved ones without an answer to answer.
export function ModerationQueue() {
  useSignal(lang);
  const [pending, setPending] = useState<ReaderQuestion[]>([]);
  const [unanswered, setUnanswered] = useState<ReaderQuestion[]>([]);
  const [error, setError] = useState("");
  const load = () => {
    call<{ items: ReaderQuestion[] }>("GET", `/api/v1/hospital/questions?status=pending&lang=${lang.get()}`).then((r) => setPending(r.items)).catch(() => {});
    call<{ items: ReaderQuestion[] }>("GET", `/api/v1/hospital/questions?status=approved&lang=${lang.get()}`)
      .then((r) => setUnanswered(r.items.filter((q) => !q.answer))).catch(() => {});
  };
  useEffect(load, []);
  const act = async (q: ReaderQuestion, action: string, body: Record<string, string> = {}) => {
    setError("");
    try {
      await call("POST", `/api/v1/hospital/questions/${q.id}/${action}?lang=${lang.get()}`, body);
      load();
    } catch (err) {
      setError(problemText(err));
    }
  };
  const field = (e: Event, name: string) => ((e.currentTarget as HTMLElement).closest("li")!.querySelector(`[name=${name}]`) as HTMLTextAreaElement).value;
  return (
    <section class="card moderation" aria-labelledby="mod-title" data-testid="moderation">
      <h2 id="mod-title">{t("rq_queue", { n: pending.length })}</h2>
      {error && <p class="error" role="alert">{error}</p>}
      <ul>
        {pending.map((q) => (
          <li key={q.id} data-testid="mod-pending">
            <p class="note">{q.article}</p>
            <p class="asked">{q.text}</p>
            <div class="sides">
              <button onClick={() => void act(q, "approve")} data-testid="mod-approve">{t("rq_approve")}</button>
              <button onClick={() => void act(q, "spam")}>{t("rq_spam")}</button>
            </div>
            <label>{t("rq_reason")}<input name="reason" maxLength={500} /></label>
            <button onClick={(e) => void act(q, "reject", { reason: field(e, "reason") })}>{t("rq_reject")}</button>
          </li>
        ))}
      </ul>
      {unanswered.length > 0 && <h3>{t("rq_to_answer")}</h3>}
      <ul>
        {unanswered.map((q) => (
          <li key={q.id} data-testid="mod-unanswered">
            <p class="note">{q.article}</p>
            <p class="asked">{q.text}</p>
            <label>{t("rq_answer")}<textarea name="answer" rows={3} maxLength={4000} /></label>
            <button class="primary" onClick={(e) => void act(q, "answer", { text: field(e, "answer") })} data-testid="mod-answer">{t("rq_send_answer")}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
