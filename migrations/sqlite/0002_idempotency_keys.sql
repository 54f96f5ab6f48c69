-- Idempotency-Key for actions that are not a record PUT (research 2.5): the first answer is kept
-- with a fingerprint of the request and replayed for a resend; keys are kept 30 days.
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL REFERENCES users(id),
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, key)
) STRICT;
