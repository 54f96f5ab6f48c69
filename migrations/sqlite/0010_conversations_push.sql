-- Conversations a mother can follow (issue 13): which of the team's messages she has read, and
-- Web Push notifications when the app is closed.
-- * consultations.mother_read_id: the last message of the thread she has seen; the team's
--   messages after it are unread.
-- * push_subscriptions: a browser's push endpoint and keys (RFC 8291), chosen by the client's id;
--   the language its notifications are written in.
-- * push_deliveries: notifications to send, claimed and retried like the outbox. The payload says
--   only that something happened (no health data reaches a push service or a lock screen).
-- * server_keys: keys Tia makes for itself once (the VAPID signing key, RFC 8292), shared by every
--   server on the same database.
ALTER TABLE consultations ADD COLUMN mother_read_id INTEGER;

CREATE TABLE push_subscriptions (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  endpoint TEXT NOT NULL,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('vi', 'en')),
  request_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX push_subscriptions_by_user ON push_subscriptions(user_id);

CREATE TABLE push_deliveries (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES push_subscriptions(id),
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  claimed_until INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
) STRICT;
CREATE INDEX push_due ON push_deliveries(status, next_attempt_at);
CREATE INDEX push_deliveries_by_subscription ON push_deliveries(subscription_id);

CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
