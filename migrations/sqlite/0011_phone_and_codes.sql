-- Accounts as people expect (issue 13): signing in with a phone number and a one-time code, and a
-- forgotten password reset by a code sent by e-mail or SMS.
-- * users.phone: a number she confirmed with a code (E.164, "+84901234567"); one account each.
-- * account_codes: a code's hash, what it is for and where it went; it expires, allows a few
--   tries, and is used once. The code itself is never stored.
-- * outbox_messages: a message may belong to an account instead of a booking (the code's SMS or
--   e-mail); such a message expires, and its text is dropped once it is sent or given up.
--   SQLite cannot drop a NOT NULL: the table is rebuilt.
ALTER TABLE users ADD COLUMN phone TEXT;
CREATE UNIQUE INDEX users_by_phone ON users(phone) WHERE phone IS NOT NULL;

CREATE TABLE account_codes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('sign_in', 'password_reset', 'add_phone')),
  target TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  used_at INTEGER
) STRICT;
CREATE INDEX account_codes_by_target ON account_codes(purpose, target, created_at);
CREATE INDEX account_codes_by_user ON account_codes(user_id);

CREATE TABLE outbox_messages_new (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER REFERENCES bookings(id),
  user_id INTEGER REFERENCES users(id),
  kind TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  expires_at INTEGER,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  claimed_until INTEGER,
  last_error TEXT,
  sent_at INTEGER,
  CHECK (booking_id IS NOT NULL OR user_id IS NOT NULL),
  UNIQUE (booking_id, kind, channel, due_at)
) STRICT;
INSERT INTO outbox_messages_new (id, booking_id, kind, channel, recipient, subject, body, due_at,
  status, attempts, next_attempt_at, claimed_until, last_error, sent_at)
  SELECT id, booking_id, kind, channel, recipient, subject, body, due_at, status, attempts,
  next_attempt_at, claimed_until, last_error, sent_at FROM outbox_messages;
DROP TABLE outbox_messages;
ALTER TABLE outbox_messages_new RENAME TO outbox_messages;
CREATE INDEX outbox_due ON outbox_messages(status, next_attempt_at);
CREATE INDEX outbox_by_user ON outbox_messages(user_id) WHERE user_id IS NOT NULL;
