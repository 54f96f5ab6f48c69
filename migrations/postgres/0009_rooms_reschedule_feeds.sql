-- Booking, continued (issue 5): rooms, moving a booking, and calendar feeds by capability URL.
-- * rooms: a hospital's rooms (canonical JSON bodies checked by tia/domain/scheduling). A service
--   held in person may need one of its rooms; a booking then takes a room as well as a provider.
-- * bookings.room_id: the room a booking takes (NULL when its service needs none).
-- * outbox_messages: a moved booking needs its reminders again, for the new time, even when the
--   old ones were already sent. A message is now one per booking, kind, channel and due time;
--   sending stays once per message.
-- * calendar_feeds: a provider's calendar for a calendar app, which cannot sign in. Only the
--   hash of the token is kept (the URL is shown once); a feed can be revoked.
CREATE TABLE rooms (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
  public_id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users(id)
);

ALTER TABLE bookings ADD COLUMN room_id BIGINT REFERENCES rooms(id);
CREATE INDEX bookings_by_room ON bookings(room_id, busy_from) WHERE room_id IS NOT NULL;

ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_booking_id_kind_channel_key,
  ADD CONSTRAINT outbox_messages_once UNIQUE (booking_id, kind, channel, due_at);

CREATE TABLE calendar_feeds (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  revoked_at BIGINT
);
CREATE INDEX calendar_feeds_by_provider ON calendar_feeds(provider_id);
