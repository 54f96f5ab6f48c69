-- Tia schema, SQLite dialect. Times are UTC epoch milliseconds; booleans INTEGER 0/1.

CREATE TABLE hospitals (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('mother', 'caregiver', 'clinician', 'hospital_admin')),
  hospital_id INTEGER REFERENCES hospitals(id),
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0,
  password_changed_at INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL,
  text_version TEXT NOT NULL,
  method TEXT NOT NULL,
  given_at INTEGER NOT NULL,
  withdrawn_at INTEGER
) STRICT;

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  authenticated_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  idle_timeout_ms INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX sessions_by_user ON sessions(user_id);

CREATE TABLE caregiver_grants (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  mother_id INTEGER NOT NULL REFERENCES users(id),
  caregiver_id INTEGER REFERENCES users(id),
  invite_hash TEXT NOT NULL UNIQUE,
  scope TEXT NOT NULL CHECK (scope IN ('baby', 'baby_and_mother')),
  created_at INTEGER NOT NULL,
  invite_expires_at INTEGER NOT NULL,
  accepted_at INTEGER,
  revoked_at INTEGER
) STRICT;
CREATE INDEX grants_by_caregiver ON caregiver_grants(caregiver_id);

CREATE TABLE records (
  mother_id INTEGER NOT NULL REFERENCES users(id),
  id TEXT NOT NULL,
  kind TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  occurred_offset INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  updated_by INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (mother_id, id)
) STRICT;
CREATE INDEX records_by_time ON records(mother_id, kind, occurred_at, id);

CREATE TABLE record_history (
  id INTEGER PRIMARY KEY,
  mother_id INTEGER NOT NULL REFERENCES users(id),
  record_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  occurred_at INTEGER NOT NULL,
  occurred_offset INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  body TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  changed_by INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (mother_id, record_id, version)
) STRICT;

CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor_id INTEGER,
  actor_role TEXT,
  hospital_id INTEGER,
  subject_id INTEGER,
  action TEXT NOT NULL,
  resource TEXT NOT NULL,
  outcome TEXT NOT NULL,
  client_ip TEXT NOT NULL,
  request_id TEXT NOT NULL
) STRICT;
CREATE INDEX audit_by_subject ON audit_events(subject_id, at);
-- The audit log is append-only.
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
