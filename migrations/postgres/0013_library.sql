-- The health library (issue 14): people who write and review, articles, their numbered versions
-- through the review workflow (domain/article.h), and the search index of published text.

CREATE TABLE library_people (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
  user_id BIGINT REFERENCES users(id),  -- the staff account, when the person has one
  profile TEXT NOT NULL,                -- JSON {name, credentials, role {vi,en}, bio {vi,en}, photo}
  updated_at BIGINT NOT NULL,
  UNIQUE (hospital_id, user_id)
);

CREATE TABLE articles (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
  slug TEXT NOT NULL,
  meta TEXT NOT NULL,  -- JSON, domain::ValidateArticleMeta
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (hospital_id, slug)
);

CREATE TABLE article_versions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles(id),
  number BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'approved', 'published', 'superseded')),
  content TEXT NOT NULL,  -- JSON, domain::ValidateVersionContent
  author_person_id BIGINT NOT NULL REFERENCES library_people(id),
  created_by BIGINT REFERENCES users(id),
  reviewer_person_id BIGINT REFERENCES library_people(id),
  reviewed_by BIGINT REFERENCES users(id),
  reviewed_languages TEXT,  -- JSON array
  review_note TEXT,         -- why a reviewer returned it
  next_review_due TEXT,     -- YYYY-MM-DD
  created_at BIGINT NOT NULL,
  submitted_at BIGINT,
  reviewed_at BIGINT,
  published_at BIGINT,
  superseded_at BIGINT,
  UNIQUE (article_id, number)
);
CREATE INDEX article_versions_by_status ON article_versions(status, article_id);

-- What was approved never changes: only a draft's content is written.
CREATE FUNCTION article_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND NEW.content IS DISTINCT FROM OLD.content THEN
    RAISE EXCEPTION 'only a draft version changes';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER article_versions_frozen BEFORE UPDATE ON article_versions
  FOR EACH ROW EXECUTE FUNCTION article_versions_frozen();

-- One row per published version and language. `words` holds the folded tokens of title, summary
-- and body (domain/search_text.h): plain ASCII words, so the `simple` configuration indexes the
-- same words SQLite's FTS5 does; the rest is read back to rank.
CREATE TABLE article_search (
  version_id BIGINT NOT NULL REFERENCES article_versions(id),
  hospital_id BIGINT NOT NULL,
  lang TEXT NOT NULL,
  slug TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  words TEXT NOT NULL,
  tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, words)) STORED,
  PRIMARY KEY (version_id, lang)
);
CREATE INDEX article_search_words ON article_search USING GIN (tsv);
CREATE INDEX article_search_by_hospital ON article_search(hospital_id, lang);
