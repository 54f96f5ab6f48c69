-- Accounts as people expect (issue 13): signing in with a phone number and a one-time code, and a
-- forgotten password reset by a code sent by e-mail or SMS.
-- * users.phone: a number she confirmed with a code (E.164, "+84901234567"); one account each.
-- * account_codes: a code's hash, what it is for and where it went; it expires, allows a few
--   tries, and is used once. The code itself is never stored.
-- * outbox_messages: a message may belong to an account instead of a booking (the code's SMS or
--   e-mail); such a message expires, and its text is dropped once it is sent or given up.
ALTER TABLE users ADD COLUMN phone TEXT;
CREATE UNIQUE INDEX users_by_phone ON users(phone) WHERE phone IS NOT NULL;

CREATE TABLE account_codes (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('sign_in', 'password_reset', 'add_phone')),
  target TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  used_at BIGINT
);
CREATE INDEX account_codes_by_target ON account_codes(purpose, target, created_at);
CREATE INDEX account_codes_by_user ON account_codes(user_id);

ALTER TABLE outbox_messages ALTER COLUMN booking_id DROP NOT NULL;
ALTER TABLE outbox_messages ADD COLUMN user_id BIGINT REFERENCES users(id);
ALTER TABLE outbox_messages ADD COLUMN expires_at BIGINT;
ALTER TABLE outbox_messages ADD CONSTRAINT outbox_owner
  CHECK (booking_id IS NOT NULL OR user_id IS NOT NULL);
CREATE INDEX outbox_by_user ON outbox_messages(user_id) WHERE user_id IS NOT NULL;
