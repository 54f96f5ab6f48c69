// A page of the hospital's library read inside the app: the same reviewed article or week card as
// the public page (/library/...), with who wrote and reviewed it and when. A page she has opened
// is kept on the phone, so she can read it again offline.
import { useEffect, useState } from "preact/hooks";
import { call, me } from "../api";
import { lang, longDate as day, t } from "../i18n";
import { navigate } from "../route";
import { keep, kept, useSignal } from "../state";
import type { LibraryIndex, LibraryPage, LibrarySearch } from "../wire";
import { ArticleQuestions } from "./reader_questions";

const KEY = "tia.read.";

export function Read({ slug }: { slug: string }) {
  const l = useSignal(lang);
  const user = useSignal(me);
  const hospital = user?.hospital?.code ?? "";
  const key = `${KEY}${hospital}/${slug}/${l}`;
  const [page, setPage] = useState<LibraryPage | null>(() => kept<LibraryPage>(key));
  const [state, setState] = useState<"loading" | "ok" | "offline" | "missing">("loading");
  useEffect(() => {
    setPage(kept<LibraryPage>(key));
    setState("loading");
    call<LibraryPage>("GET", `/api/v1/library/${encodeURIComponent(hospital)}/articles/${encodeURIComponent(slug)}?lang=${l}`)
      .then((p) => { keep(key, p); setPage(p); setState("ok"); })
      .catch((e) => setState(e?.status === 404 ? "missing" : "offline"));
  }, [key]);
  if (!page) {
    return (
      <main class="screen">
        <p class={state === "loading" ? "note" : "error"} role="status" data-testid="read-state">
          {t(state === "loading" ? "loading" : state === "missing" ? "read_missing" : "needs_connection")}
        </p>
      </main>
    );
  }
  return (
    <main class="screen read" data-testid="read">
      <article>
        <h1>{page.title}</h1>
        <p class="lede">{page.summary}</p>
        <div class="byline" data-testid="read-byline">
          {page.author && <p>{t("read_by", { name: page.author.name })}</p>}
          {page.reviewer && <p>{t("read_reviewed", { name: page.reviewer.name, date: day(page.last_reviewed) })}</p>}
          <p>{t("read_next_review", { date: day(page.next_review_due) })}</p>
          {state === "offline" && <p class="note" data-testid="read-offline">{t("read_offline")}</p>}
        </div>
        {page.overdue && <p class="warning" role="note">{t("read_overdue")}</p>}
        {!page.translation_reviewed && <p class="warning" role="note">{t("read_unreviewed")}</p>}
        {/* Rendered by the server from CommonMark in safe mode: raw HTML and unsafe links are dropped. */}
        <div class="prose" dangerouslySetInnerHTML={{ __html: page.html }} />
        {page.references.length > 0 && (
          <section aria-labelledby="refs">
            <h2 id="refs">{t("read_references")}</h2>
            <ol class="refs">
              {page.references.map((r) => (
                <li key={r.n}>{r.url ? <a href={r.url} rel="noopener" target="_blank">{r.title}</a> : r.title}
                  {r.publisher ? `. ${r.publisher}` : ""}. {t("read_accessed", { date: day(r.accessed) })}</li>
              ))}
            </ol>
          </section>
        )}
        {page.related.length > 0 && (
          <nav aria-labelledby="related">
            <h2 id="related">{t("read_related")}</h2>
            <ul class="related">
              {page.related.map((r) => (
                <li key={r.slug}><button class="link" onClick={() => navigate(`read:${r.slug}`)}>{r.title}</button></li>
              ))}
            </ul>
          </nav>
        )}
      </article>
      {user?.role === "mother" && hospital && <ArticleQuestions hospital={hospital} slug={slug} approved={page.questions} />}
    </main>
  );
}

// The hospital's library in the app: its articles by topic, and search as she types (diacritics
// optional: "tac tia sua" finds "tắc tia sữa"). The list is kept on the phone for offline reading.
export function Library() {
  const l = useSignal(lang);
  const user = useSignal(me);
  const hospital = encodeURIComponent(user?.hospital?.code ?? "");
  const key = `${KEY}index/${hospital}/${l}`;
  const [index, setIndex] = useState<LibraryIndex | null>(() => kept<LibraryIndex>(key));
  const [q, setQ] = useState("");
  const [hits, setHits] = useState<LibrarySearch["items"] | null>(null);
  useEffect(() => {
    call<LibraryIndex>("GET", `/api/v1/library/${hospital}/articles?lang=${l}`).then((i) => { keep(key, i); setIndex(i); }).catch(() => {});
  }, [key]);
  useEffect(() => {
    if (q.trim().length < 2) { setHits(null); return; }
    const timer = setTimeout(() => {
      call<LibrarySearch>("GET", `/api/v1/library/${hospital}/search?lang=${l}&q=${encodeURIComponent(q)}`)
        .then((r) => setHits(r.items)).catch(() => setHits(null));
    }, 200);
    return () => clearTimeout(timer);
  }, [q, l]);
  const articles = (index?.items ?? []).filter((i) => i.kind === "article");
  const topics = (index?.topics ?? []).filter((tp) => articles.some((a) => a.topic === tp.id));
  return (
    <main class="screen library" data-testid="library">
      <h1>{t("library_title")}</h1>
      <label>{t("library_search")}
        <input type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} data-testid="library-search" />
      </label>
      {hits !== null ? (
        <ul class="entries" data-testid="library-hits">
          {hits.length === 0 && <li class="note">{t("library_none")}</li>}
          {hits.map((h) => (
            <li key={h.slug}><button class="link" onClick={() => navigate(`read:${h.slug}`)}>{h.title}</button><p class="note">{h.summary}</p></li>
          ))}
        </ul>
      ) : !index ? <p class="note" role="status">{t("needs_connection")}</p> : topics.map((tp) => (
        <section key={tp.id} aria-labelledby={`topic-${tp.id}`}>
          <h2 id={`topic-${tp.id}`}>{tp.name}</h2>
          <ul class="entries">
            {articles.filter((a) => a.topic === tp.id).map((a) => (
              <li key={a.slug}><button class="link" onClick={() => navigate(`read:${a.slug}`)}>{a.title}</button></li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
