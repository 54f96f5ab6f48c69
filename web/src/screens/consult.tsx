// Asking the hospital's team: her conversations (unread replies marked), a question (from a
// symptom-check result or on her own) with an optional photo, then the thread — when the team will
// reply, the hotline when it cannot wait, replies arriving live, and the close-out with its care plan.
import { DRAFT_KEY } from "./reader_questions";
import { useEffect, useRef, useState } from "preact/hooks";
import { call, me, upload } from "../api";
import { backTo, navigate } from "../route";
import { lang, t, timeOfDay, type Key } from "../i18n";
import { photoUrl, useLive } from "../live";
import { useSignal } from "../state";
import type { CloseOut, Consultation, Message } from "../wire";
import { problemText } from "../problem";
import { disablePush, enablePush, pushState } from "../push";

export type { CloseOut, Message };
// The answers about one consultation carry its thread.
export type Thread = Consultation & Required<Pick<Consultation, "messages" | "mother">>;

// A photo from the thread, loaded with the session into memory.
export function Photo({ url, alt }: { url: string; alt: string }) {
  const [src, setSrc] = useState("");
  useEffect(() => {
    let made = "";
    photoUrl(url).then((u) => { made = u; setSrc(u); }).catch(() => setSrc(""));
    return () => { if (made) URL.revokeObjectURL(made); };
  }, [url]);
  return src ? <img class="thread-photo" src={src} alt={alt} data-testid="thread-photo" /> : <p class="note">{alt}</p>;
}

export function Messages({ thread, me }: { thread: Thread; me: string }) {
  return (
    <ol class="thread" data-testid="thread">
      {thread.messages.map((m) => (
        <li key={m.id} class={`msg ${m.author.id === me ? "mine" : "theirs"} ${m.kind}`} data-testid={`msg-${m.kind}`}>
          <p class="note">{m.author.name} · {timeOfDay(Date.parse(m.created_at))}{m.kind === "note" && ` · ${t("ws_internal_tag")}`}</p>
          {m.text && <p>{m.text}</p>}
          {m.photo && <Photo url={m.photo.url} alt={t("photo")} />}
          {m.close_out && <CloseOutCard c={m.close_out} />}
        </li>
      ))}
    </ol>
  );
}

function CloseOutCard({ c }: { c: CloseOut }) {
  const steps = c.care_plan.steps ?? [];  // a close-out may have a summary and no steps
  return (
    <section class="card" data-testid="close-out">
      <h3>{t(`co_${c.outcome}` as Key)}</h3>
      <p>{c.care_plan.summary}</p>
      {steps.length > 0 && <ol>{steps.map((s) => <li key={s}>{s}</li>)}</ol>}
      {c.care_plan.recheck_in_hours && <p>{t("recheck_in", { n: c.care_plan.recheck_in_hours })}</p>}
      {c.contact && <a class="emergency-call" href={`tel:${c.contact.emergency}`}>{t("call_emergency", { num: c.contact.emergency })}</a>}
    </section>
  );
}

function Compose({ checkId, opened }: { checkId: string | null; opened: (t: Thread) => void }) {
  // A question held back from the library's public page arrives here with her words.
  const [draft] = useState(() => {
    const d = sessionStorage.getItem(DRAFT_KEY) ?? "";
    sessionStorage.removeItem(DRAFT_KEY);
    return d;
  });
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const text = (form.elements.namedItem("message") as HTMLTextAreaElement).value;
    const file = (form.elements.namedItem("photo") as HTMLInputElement).files?.[0];
    setBusy(true);
    setError("");
    try {
      const id = crypto.randomUUID();
      let th = await call<Thread>("PUT", `/api/v1/consultations/${id}`,
                                  { message: text, ...(checkId ? { symptom_check_id: checkId } : {}) });
      if (file) th = await upload<Thread>(`/api/v1/consultations/${id}/photos/${crypto.randomUUID()}`, file);
      opened(th);
    } catch (err) {
      setError(problemText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      <label>{t("consult_question")}<textarea name="message" rows={5} required maxLength={4000} defaultValue={draft} /></label>
      <label>{t("consult_photo")}<input name="photo" type="file" accept="image/jpeg,image/png" /></label>
      <p class="note">{t("consult_photo_note")}</p>
      {error && <p class="error" role="alert" data-testid="consult-error">{error}</p>}
      <button class="primary big-button" type="submit" disabled={busy}>{t("consult_send")}</button>
    </form>
  );
}

// Notifications when the team replies and the app is closed: on or off, and why not when the
// browser cannot or she blocked them. `offer` shows only the button to turn them on (in a thread).
export function Notifications({ offer = false }: { offer?: boolean }) {
  useSignal(lang);
  const state = useSignal(pushState);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  if (offer && state !== "off") return null;
  const toggle = async () => {
    setBusy(true);
    setError("");
    try {
      if (state === "on") await disablePush();
      else await enablePush();
    } catch (err) {
      const key = err instanceof Error && err.message.startsWith("push_") ? err.message : "";
      setError(key ? t(key as Key) : problemText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="notify" data-testid="notifications">
      <h2 id="notify">{t("push_title")}</h2>
      {state === "unsupported" && <p class="note">{t("push_unsupported")}</p>}
      {state === "blocked" && <p class="note">{t("push_blocked")}</p>}
      {(state === "off" || state === "on") && (
        <>
          <p class="note">{t(state === "on" ? "push_on" : "push_explain")}</p>
          <button class={state === "on" ? "" : "primary"} onClick={() => void toggle()} disabled={busy} data-testid="push-toggle">
            {t(state === "on" ? "push_turn_off" : "push_turn_on")}
          </button>
        </>
      )}
      {error && <p class="error" role="alert" data-testid="push-error">{error}</p>}
    </section>
  );
}

// A thread: what the team said, the reply clock, the hotline when it cannot wait. Opening it (and
// every live update while it is on screen) marks the team's messages read.
export function ThreadScreen({ id }: { id: string }) {
  useSignal(lang);
  const user = useSignal(me);
  const [thread, setThread] = useState<Thread | null>(null);
  const [error, setError] = useState("");
  const readUpTo = useRef("");  // the newest message already marked read from this screen
  const shown = (th: Thread) => {
    setThread(th);
    const newest = th.messages[th.messages.length - 1]?.id ?? "";
    if (document.visibilityState === "visible" && newest !== readUpTo.current) {
      readUpTo.current = newest;
      call("POST", `/api/v1/consultations/${th.id}/read`).catch(() => { readUpTo.current = ""; });
    }
  };
  const refresh = () => {
    call<Thread>("GET", `/api/v1/consultations/${id}`).then((th) => { setError(""); shown(th); })
      .catch((err) => setError(problemText(err)));
  };
  useEffect(refresh, [id]);
  useLive((e) => { if (!e || e.id === id) refresh(); }, [id]);
  const reply = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const box = form.elements.namedItem("text") as HTMLTextAreaElement;
    const file = (form.elements.namedItem("photo") as HTMLInputElement).files?.[0];
    try {
      if (box.value.trim()) {
        shown(await call<Thread>("PUT", `/api/v1/consultations/${id}/messages/${crypto.randomUUID()}`, { text: box.value }));
      }
      if (file) shown(await upload<Thread>(`/api/v1/consultations/${id}/photos/${crypto.randomUUID()}`, file));
      form.reset();
      setError("");
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <main class="screen consult">
      <p class="back"><button class="link" onClick={() => backTo("consult")} data-testid="to-threads">← {t("consult_all")}</button></p>
      <h1>{t("consult_title")}</h1>
      {error && <p class="error" role="alert" data-testid="consult-error">{error}</p>}
      {!thread && !error && <p class="note" role="status">{t("loading")}</p>}
      {thread && (
        <>
          {thread.status === "open" && thread.awaiting === "clinician" && (
            <p class="big" data-testid="reply-by">{t("consult_reply_by", { time: timeOfDay(Date.parse(thread.deadline_at)) })}</p>
          )}
          {(thread.out_of_hours || thread.priority === "same_day") && thread.contact?.hotline && (
            <a class="hotline big-button" href={`tel:${thread.contact.hotline}`}>
              {t(thread.out_of_hours ? "consult_out_of_hours" : "consult_cannot_wait")} {thread.contact.hotline}
            </a>
          )}
          <Messages thread={thread} me={user?.id ?? ""} />
          {thread.status === "open" && thread.awaiting === "clinician" && <Notifications offer />}
          {thread.status === "open" && (
            <form class="card" onSubmit={reply}>
              <label>{t("consult_reply")}<textarea name="text" rows={3} maxLength={4000} /></label>
              <label>{t("consult_photo")}<input name="photo" type="file" accept="image/jpeg,image/png" /></label>
              <button class="primary" type="submit">{t("consult_send")}</button>
            </form>
          )}
        </>
      )}
    </main>
  );
}

function stateOf(c: Consultation): string {
  if (c.status === "closed") return t("consult_state_closed");
  if (c.awaiting === "mother") return t("consult_state_replied");
  return t("consult_reply_by", { time: timeOfDay(Date.parse(c.deadline_at)) });
}

// Her conversations with the team, newest first, the ones with unread replies marked; a new
// question from here. With none yet, the question form itself.
export function Conversations({ go }: { go: (to: string) => void }) {
  useSignal(lang);
  const [items, setItems] = useState<Consultation[] | null>(null);
  const [error, setError] = useState("");
  const load = () => {
    call<{ items: Consultation[] }>("GET", "/api/v1/consultations")
      .then((r) => { setError(""); setItems(r.items); })
      .catch((err) => setError(problemText(err)));
  };
  useEffect(load, []);
  useLive(() => load(), []);
  // Back from her first thread comes here, to the list it is now in.
  const opened = (th: Thread) => navigate(`thread:${th.id}`);
  return (
    <main class="screen consult">
      <h1>{t(items && items.length > 0 ? "consult_list_title" : "consult_title")}</h1>
      {error && <p class="error" role="alert" data-testid="consult-error">{error}</p>}
      {items === null && !error && <p class="note" role="status">{t("loading")}</p>}
      {items !== null && items.length === 0 && <Compose checkId={null} opened={opened} />}
      {items !== null && items.length > 0 && (
        <>
          <button class="primary big-button wide" onClick={() => go("consult-new")} data-testid="consult-new">{t("consult_new")}</button>
          <ul class="threads" data-testid="threads">
            {items.map((c) => (
              <li key={c.id}>
                <button class={`thread-row${(c.unread ?? 0) > 0 ? " unread" : ""}`} data-testid="thread-row"
                        data-unread={String(c.unread ?? 0)} onClick={() => go(`thread:${c.id}`)}>
                  <span class="thread-preview">{c.preview || t("photo")}</span>
                  <span class="note">{stateOf(c)}{c.last_message_at && !(c.status === "open" && c.awaiting === "clinician")
                    ? ` · ${timeOfDay(Date.parse(c.last_message_at))}` : ""}</span>
                  {(c.unread ?? 0) > 0 && <span class="badge" data-testid="unread">{t("consult_unread", { n: c.unread ?? 0 })}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}

// A new question: on her own, or about one of her symptom-check results.
export function NewQuestion({ checkId }: { checkId: string | null }) {
  useSignal(lang);
  return (
    <main class="screen consult">
      <h1>{t("consult_title")}</h1>
      <Compose checkId={checkId} opened={(th) => navigate(`thread:${th.id}`, { replace: true })} />
    </main>
  );
}
