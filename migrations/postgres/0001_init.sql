-- Tia schema, PostgreSQL dialect. Times are UTC epoch milliseconds (BIGINT).

CREATE TABLE hospitals (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE users (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('mother', 'caregiver', 'clinician', 'hospital_admin')),
  hospital_id BIGINT REFERENCES hospitals(id),
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  failed_logins BIGINT NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  password_changed_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE consents (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL,
  text_version TEXT NOT NULL,
  method TEXT NOT NULL,
  given_at BIGINT NOT NULL,
  withdrawn_at BIGINT
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  authenticated_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  idle_timeout_ms BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  revoked BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE caregiver_grants (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  mother_id BIGINT NOT NULL REFERENCES users(id),
  caregiver_id BIGINT REFERENCES users(id),
  invite_hash TEXT NOT NULL UNIQUE,
  scope TEXT NOT NULL CHECK (scope IN ('baby', 'baby_and_mother')),
  created_at BIGINT NOT NULL,
  invite_expires_at BIGINT NOT NULL,
  accepted_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX grants_by_caregiver ON caregiver_grants(caregiver_id);

CREATE TABLE records (
  mother_id BIGINT NOT NULL REFERENCES users(id),
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  occurred_at BIGINT NOT NULL,
  occurred_offset BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL,
  deleted BOOLEAN NOT NULL DEFAULT false,
  body TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  updated_by BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (mother_id, id)
);
CREATE INDEX records_by_time ON records(mother_id, kind, occurred_at, id);

CREATE TABLE record_history (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  mother_id BIGINT NOT NULL REFERENCES users(id),
  record_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  kind TEXT NOT NULL,
  occurred_at BIGINT NOT NULL,
  occurred_offset BIGINT NOT NULL,
  deleted BOOLEAN NOT NULL,
  body TEXT NOT NULL,
  changed_at BIGINT NOT NULL,
  changed_by BIGINT NOT NULL REFERENCES users(id),
  UNIQUE (mother_id, record_id, version)
);

CREATE TABLE audit_events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_role TEXT,
  hospital_id BIGINT,
  subject_id BIGINT,
  action TEXT NOT NULL,
  resource TEXT NOT NULL,
  outcome TEXT NOT NULL,
  client_ip TEXT NOT NULL,
  request_id TEXT NOT NULL
);
CREATE INDEX audit_by_subject ON audit_events(subject_id, at);
-- The audit log is append-only: the application role may insert and read, never change.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
