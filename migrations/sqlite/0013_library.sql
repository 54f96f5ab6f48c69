-- The health library (issue 14): people who write and review, articles, their numbered versions
-- through the review workflow (domain/article.h), and the search index of published text.

CREATE TABLE library_people (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  user_id INTEGER REFERENCES users(id),  -- the staff account, when the person has one
  profile TEXT NOT NULL,                 -- JSON {name, credentials, role {vi,en}, bio {vi,en}, photo}
  updated_at INTEGER NOT NULL,
  UNIQUE (hospital_id, user_id)
) STRICT;

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  slug TEXT NOT NULL,
  meta TEXT NOT NULL,  -- JSON, domain::ValidateArticleMeta
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (hospital_id, slug)
) STRICT;

CREATE TABLE article_versions (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id),
  number INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'approved', 'published', 'superseded')),
  content TEXT NOT NULL,  -- JSON, domain::ValidateVersionContent
  author_person_id INTEGER NOT NULL REFERENCES library_people(id),
  created_by INTEGER REFERENCES users(id),
  reviewer_person_id INTEGER REFERENCES library_people(id),
  reviewed_by INTEGER REFERENCES users(id),
  reviewed_languages TEXT,  -- JSON array
  review_note TEXT,         -- why a reviewer returned it
  next_review_due TEXT,     -- YYYY-MM-DD
  created_at INTEGER NOT NULL,
  submitted_at INTEGER,
  reviewed_at INTEGER,
  published_at INTEGER,
  superseded_at INTEGER,
  UNIQUE (article_id, number)
) STRICT;
CREATE INDEX article_versions_by_status ON article_versions(status, article_id);

-- What was approved never changes: only a draft's content is written.
CREATE TRIGGER article_versions_frozen BEFORE UPDATE OF content ON article_versions
WHEN OLD.status <> 'draft'
BEGIN
  SELECT RAISE(ABORT, 'only a draft version changes');
END;

-- One row per published version and language. `words` holds the folded tokens of title, summary
-- and body (domain/search_text.h), the only column FTS5 indexes; the rest is read back to rank.
CREATE VIRTUAL TABLE article_search USING fts5(
  words, title UNINDEXED, summary UNINDEXED, body UNINDEXED,
  version_id UNINDEXED, hospital_id UNINDEXED, lang UNINDEXED, slug UNINDEXED,
  tokenize = 'ascii'
);
