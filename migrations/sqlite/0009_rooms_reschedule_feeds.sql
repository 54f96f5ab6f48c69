-- Booking, continued (issue 5): rooms, moving a booking, and calendar feeds by capability URL.
-- * rooms: a hospital's rooms (canonical JSON bodies checked by tia/domain/scheduling). A service
--   held in person may need one of its rooms; a booking then takes a room as well as a provider.
-- * bookings.room_id: the room a booking takes (NULL when its service needs none).
-- * outbox_messages: a moved booking needs its reminders again, for the new time, even when the
--   old ones were already sent. A message is now one per booking, kind, channel and due time;
--   sending stays once per message. SQLite cannot change a table's UNIQUE: the table is rebuilt.
-- * calendar_feeds: a provider's calendar for a calendar app, which cannot sign in. Only the
--   hash of the token is kept (the URL is shown once); a feed can be revoked.
CREATE TABLE rooms (
  id INTEGER PRIMARY KEY,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  public_id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id)
) STRICT;

ALTER TABLE bookings ADD COLUMN room_id INTEGER REFERENCES rooms(id);
CREATE INDEX bookings_by_room ON bookings(room_id, busy_from) WHERE room_id IS NOT NULL;

CREATE TABLE outbox_messages_new (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings(id),
  kind TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  recipient TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  claimed_until INTEGER,
  last_error TEXT,
  sent_at INTEGER,
  UNIQUE (booking_id, kind, channel, due_at)
) STRICT;
INSERT INTO outbox_messages_new SELECT id, booking_id, kind, channel, recipient, subject, body,
  due_at, status, attempts, next_attempt_at, claimed_until, last_error, sent_at FROM outbox_messages;
DROP TABLE outbox_messages;
ALTER TABLE outbox_messages_new RENAME TO outbox_messages;
CREATE INDEX outbox_due ON outbox_messages(status, next_attempt_at);

CREATE TABLE calendar_feeds (
  id INTEGER PRIMARY KEY,
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  revoked_at INTEGER
) STRICT;
CREATE INDEX calendar_feeds_by_provider ON calendar_feeds(provider_id);
