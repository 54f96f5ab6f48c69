-- Zalo, the channel Vietnamese families read (issue 16):
-- * outbox_messages: a third channel, 'zalo' (a ZNS request: template id and data as JSON, with
--   the text message to send instead if Zalo refuses it). SQLite cannot change a CHECK: the
--   table is rebuilt.
-- * zalo_settings: a hospital's Official Account access token (kept apart: never shown again)
--   and its templates with their parameter mapping (canonical JSON, tia/domain/zalo).
-- * message_incidents: what the hospital sees of a message a channel could not deliver: when,
--   its kind, the channel's code and what it means, and what Tia did instead. No phone number,
--   no name, no text.
CREATE TABLE outbox_messages_new (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER REFERENCES bookings(id),
  user_id INTEGER REFERENCES users(id),
  kind TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'zalo')),
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
INSERT INTO outbox_messages_new (id, booking_id, user_id, kind, channel, recipient, subject, body,
  due_at, expires_at, status, attempts, next_attempt_at, claimed_until, last_error, sent_at)
  SELECT id, booking_id, user_id, kind, channel, recipient, subject, body, due_at, expires_at,
  status, attempts, next_attempt_at, claimed_until, last_error, sent_at FROM outbox_messages;
DROP TABLE outbox_messages;
ALTER TABLE outbox_messages_new RENAME TO outbox_messages;
CREATE INDEX outbox_due ON outbox_messages(status, next_attempt_at);
CREATE INDEX outbox_by_user ON outbox_messages(user_id) WHERE user_id IS NOT NULL;

CREATE TABLE zalo_settings (
  hospital_id INTEGER PRIMARY KEY REFERENCES hospitals(id),
  body TEXT NOT NULL,
  access_token TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id)
) STRICT;

CREATE TABLE message_incidents (
  id INTEGER PRIMARY KEY,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  code INTEGER NOT NULL,
  detail TEXT NOT NULL,
  fallback TEXT NOT NULL
) STRICT;
CREATE INDEX message_incidents_by_hospital ON message_incidents(hospital_id, at);
