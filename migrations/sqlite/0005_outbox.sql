-- A durable outbox for messages to people (issue 5): booking confirmations and reminders. A row
-- is written in the same transaction as the booking change that causes it; a worker claims due
-- rows one at a time (compare-and-set on status), sends them, and marks them sent or schedules a
-- retry, so a message goes out once even with several server processes, and one bad address
-- never stops the others. The text holds no health details: a time, a place, "open Tia".
CREATE TABLE outbox_messages (
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
  UNIQUE (booking_id, kind, channel)
) STRICT;
CREATE INDEX outbox_due ON outbox_messages(status, next_attempt_at);
