// Questions from readers under the library's articles. The mother's side (under an article read in
// the app): the approved questions with the team's answers, hers with their state, and a form to
// ask — a question with warning words is not published and she is offered a private consultation
// with her text. The staff's side (the workspace): the moderation queue.
import { useEffect, useRef, useState } from "preact/hooks";
import { call, me } from "../api";
import { lang, t, type Key } from "../i18n";
import { problemText } from "../problem";
import { navigate } from "../route";
import { useSignal } from "../state";
import type { ArticleList, AskedQuestion, ReaderQuestion } from "../wire";

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

// The library's pages that need staff: versions waiting for a clinician's review (she reads each
// language and approves it, naming the languages she reviewed, or returns it with a note; the API
// refuses her own versions), approved versions for the administrator to publish, and published
// pages past their next review date (the page itself says so to readers too).
type Version = ArticleList["items"][number]["versions"][number];
function ReviewVersion({ slug, v, admin, done }: { slug: string; v: Version; admin: boolean; done: () => void }) {
  const [full, setFull] = useState<Version | null>(null);
  const [error, setError] = useState("");
  const base = `/api/v1/hospital/articles/${slug}/versions/${v.number}`;
  const open = () => { if (!full) call<Version>("GET", base).then(setFull).catch((e) => setError(problemText(e))); };
  const act = async (action: string, body: Record<string, unknown>) => {
    setError("");
    try { await call("POST", `${base}/${action}`, body); done(); } catch (e) { setError(problemText(e)); }
  };
  const langs = Object.keys(full?.content?.texts ?? {});
  const picked = (e: Event) => [...(e.currentTarget as HTMLElement).closest("details")!.querySelectorAll<HTMLInputElement>("input[name=lang]:checked")].map((i) => i.value);
  const note = (e: Event) => ((e.currentTarget as HTMLElement).closest("details")!.querySelector("textarea[name=note]") as HTMLTextAreaElement).value;
  return (
    <details onToggle={open} data-testid="review-version">
      <summary>{slug} · v{v.number} · {t(`lib_status_${v.status}` as Key)}</summary>
      {full?.content && Object.entries(full.content.texts).map(([l, text]) => text && (
        <article key={l} lang={l} class="review-text">
          <h3>{text.title}</h3>
          <p class="lede">{text.summary}</p>
          <div class="prose" dangerouslySetInnerHTML={{ __html: text.html }} />
        </article>
      ))}
      {error && <p class="error" role="alert">{error}</p>}
      {full && v.status === "in_review" && !admin && <>
        <fieldset>
          <legend>{t("lib_reviewed_langs")}</legend>
          {langs.map((l) => <label class="check" key={l}><input type="checkbox" name="lang" value={l} defaultChecked /><span>{l === "vi" ? "Tiếng Việt" : "English"}</span></label>)}
        </fieldset>
        <button class="primary" onClick={(e) => void act("approve", { languages: picked(e) })} data-testid="review-approve">{t("lib_approve")}</button>
        <label>{t("lib_return_note")}<textarea name="note" rows={2} maxLength={1000} /></label>
        <button onClick={(e) => void act("return", { note: note(e) })}>{t("lib_return")}</button>
      </>}
      {full && v.status === "approved" && admin && (
        <button class="primary" onClick={() => void act("publish", {})} data-testid="review-publish">{t("lib_publish")}</button>
      )}
    </details>
  );
}

export function ReviewsDue({ admin = false }: { admin?: boolean }) {
  const l = useSignal(lang);
  const [list, setList] = useState<ArticleList | null>(null);
  const load = () => { call<ArticleList>("GET", "/api/v1/hospital/articles").then(setList).catch(() => {}); };
  useEffect(load, []);
  if (!list) return null;
  const want = admin ? "approved" : "in_review";
  const waiting = list.items.flatMap((i) => i.versions.filter((v) => v.status === want).map((v) => ({ slug: i.slug, v })));
  const overdue = list.items.filter((i) => i.overdue);
  return (
    <section class="card" aria-labelledby="reviews-title" data-testid="reviews-due">
      <h2 id="reviews-title">{t(admin ? "lib_to_publish" : "lib_reviews", { n: waiting.length })}</h2>
      {overdue.length > 0 && (
        <div class="warning" data-testid="reviews-overdue">
          <p><strong>{t("lib_overdue", { n: overdue.length })}</strong></p>
          <ul>{overdue.map((i) => <li key={i.slug}><a href={`/library/${me.get()?.hospital?.code ?? ""}/${l}/${i.slug}`}>{i.title ?? i.slug}</a></li>)}</ul>
        </div>
      )}
      {waiting.map(({ slug, v }) => <ReviewVersion key={`${slug}/${v.number}`} slug={slug} v={v} admin={admin} done={load} />)}
    </section>
  );
}
