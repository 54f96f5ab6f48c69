-- Questions from readers under a library article (issue 14 item 4). Each waits for moderation:
-- pending, then approved (public, with a clinician's answer when she gives one), rejected (with a
-- reason only the asker sees) or spam. The asker is never shown; her e-mail never leaves the users
-- table. A question with personal health details or warning words is never stored here: the
-- mother is offered a private consultation with her text instead (domain/question.h).

CREATE TABLE article_questions (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
  article_id BIGINT NOT NULL REFERENCES articles(id),
  asker_user_id BIGINT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,  -- plain text, shown escaped
  status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
  reason TEXT,         -- why it was rejected (the asker only)
  moderated_by BIGINT REFERENCES users(id),
  moderated_at BIGINT,
  answer TEXT,
  answered_by BIGINT REFERENCES users(id),
  answered_at BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX article_questions_article ON article_questions (article_id, status, created_at);
CREATE INDEX article_questions_queue ON article_questions (hospital_id, status, created_at);
CREATE INDEX article_questions_asker ON article_questions (asker_user_id, created_at);
