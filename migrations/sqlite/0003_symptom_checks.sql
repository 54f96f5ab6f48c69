-- Symptom-check results (issue 3): immutable. Each row keeps the answers, the complete engine input
-- (with where each value came from), the result as shown in English and Vietnamese, the protocol
-- id and version, the re-check time and any escalation, so that every answer Tia gave can be
-- explained later. No statement ever updates a row; erasure deletes them with the mother.
CREATE TABLE symptom_checks (
  id INTEGER PRIMARY KEY,
  mother_id INTEGER NOT NULL REFERENCES users(id),
  public_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  request_hash TEXT NOT NULL,
  answers TEXT NOT NULL,
  input TEXT NOT NULL,
  provenance TEXT NOT NULL,
  result TEXT NOT NULL,
  protocol_id TEXT NOT NULL,
  protocol_version TEXT NOT NULL,
  disposition TEXT NOT NULL,
  condition TEXT NOT NULL,
  recheck_due_at INTEGER,
  recheck_of TEXT,
  escalation TEXT,
  UNIQUE (mother_id, public_id)
) STRICT;
CREATE INDEX symptom_checks_by_time ON symptom_checks(mother_id, created_at);
