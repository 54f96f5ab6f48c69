// Asking the hospital's team: a question (from a symptom-check result or on her own) with an
// optional photo, then the thread — when the team will reply, the hotline when it cannot wait,
// replies arriving live, and the close-out with its care plan.
import { useEffect, useState } from "preact/hooks";
import { call, me, upload } from "../api";
import { lang, t, timeOfDay, type Key } from "../i18n";
import { photoUrl, useLive } from "../live";
import { useSignal } from "../state";
import type { CloseOut, Consultation, Message } from "../wire";
import { problemText } from "../problem";

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
      <label>{t("consult_question")}<textarea name="message" rows={5} required maxLength={4000} /></label>
      <label>{t("consult_photo")}<input name="photo" type="file" accept="image/jpeg,image/png" /></label>
      <p class="note">{t("consult_photo_note")}</p>
      {error && <p class="error" role="alert" data-testid="consult-error">{error}</p>}
      <button class="primary big-button" type="submit" disabled={busy}>{t("consult_send")}</button>
    </form>
  );
}

export function Consult({ checkId }: { checkId: string | null }) {
  useSignal(lang);
  const user = useSignal(me);
  const [thread, setThread] = useState<Thread | null>(null);
  const [loaded, setLoaded] = useState(checkId !== null);
  // Without a result to ask about: her latest open consultation, if any.
  useEffect(() => {
    if (checkId !== null) return;
    call<{ items: Thread[] }>("GET", "/api/v1/consultations").then(async (r) => {
      const open = r.items.find((c) => c.status === "open");
      if (open) setThread(await call<Thread>("GET", `/api/v1/consultations/${open.id}`));
    }).catch(() => {}).finally(() => setLoaded(true));
  }, []);
  const refresh = () => { if (thread) call<Thread>("GET", `/api/v1/consultations/${thread.id}`).then(setThread).catch(() => {}); };
  useLive((e) => { if (!e || e.id === thread?.id) refresh(); }, [thread?.id]);
  const reply = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const box = form.elements.namedItem("text") as HTMLTextAreaElement;
    const file = (form.elements.namedItem("photo") as HTMLInputElement).files?.[0];
    if (!thread) return;
    if (box.value.trim()) {
      setThread(await call<Thread>("PUT", `/api/v1/consultations/${thread.id}/messages/${crypto.randomUUID()}`, { text: box.value }));
    }
    if (file) setThread(await upload<Thread>(`/api/v1/consultations/${thread.id}/photos/${crypto.randomUUID()}`, file));
    form.reset();
  };
  if (!loaded) return <main class="screen" />;
  return (
    <main class="screen consult">
      <h1>{t("consult_title")}</h1>
      {!thread && <Compose checkId={checkId} opened={setThread} />}
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

