-- Zalo, the channel Vietnamese families read (issue 16):
-- * outbox_messages: a third channel, 'zalo' (a ZNS request: template id and data as JSON, with
--   the text message to send instead if Zalo refuses it).
-- * zalo_settings: a hospital's Official Account access token (kept apart: never shown again)
--   and its templates with their parameter mapping (canonical JSON, tia/domain/zalo).
-- * message_incidents: what the hospital sees of a message a channel could not deliver: when,
--   its kind, the channel's code and what it means, and what Tia did instead. No phone number,
--   no name, no text.
ALTER TABLE outbox_messages DROP CONSTRAINT outbox_messages_channel_check,
  ADD CONSTRAINT outbox_messages_channel_check CHECK (channel IN ('email', 'sms', 'zalo'));

CREATE TABLE zalo_settings (
  hospital_id BIGINT PRIMARY KEY REFERENCES hospitals(id),
  body TEXT NOT NULL,
  access_token TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users(id)
);

CREATE TABLE message_incidents (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
  at BIGINT NOT NULL,
  channel TEXT NOT NULL,
  kind TEXT NOT NULL,
  code BIGINT NOT NULL,
  detail TEXT NOT NULL,
  fallback TEXT NOT NULL
);
CREATE INDEX message_incidents_by_hospital ON message_incidents(hospital_id, at);
