-- Remote consultations (issue 5): a thread a mother opens, on her own or from a symptom-check
-- result, ordered in the clinicians' queue by the result's priority with a reply deadline.
-- Nothing is deleted except with the mother (erasure): claims, hand-overs with their reasons and
-- the close-out stay as events. Photos live encrypted in files (storage/photo_store.h); a row here
-- holds only the file's address and what the viewer needs.
CREATE TABLE consultations (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  mother_id INTEGER NOT NULL REFERENCES users(id),
  symptom_check_id TEXT,
  disposition TEXT,
  subject TEXT NOT NULL CHECK (subject IN ('mother', 'baby')),
  infant_id TEXT,
  priority TEXT NOT NULL CHECK (priority IN ('same_day', 'contact_24h', 'routine')),
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  awaiting TEXT NOT NULL CHECK (awaiting IN ('clinician', 'mother')),
  assignee_id INTEGER REFERENCES users(id),
  opened_at INTEGER NOT NULL,
  out_of_hours INTEGER NOT NULL,
  deadline_at INTEGER NOT NULL,
  first_reply_at INTEGER,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER,
  close_out TEXT,
  request_hash TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX consultations_queue ON consultations(hospital_id, status, deadline_at);
CREATE INDEX consultations_by_mother ON consultations(mother_id, opened_at);

CREATE TABLE consultation_messages (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  author_role TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('text', 'note', 'photo', 'close_out')),
  body TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX consultation_messages_by_thread ON consultation_messages(consultation_id, id);

CREATE TABLE consultation_photos (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  message_id INTEGER NOT NULL REFERENCES consultation_messages(id),
  address TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  size_bytes INTEGER NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX consultation_photos_by_thread ON consultation_photos(consultation_id);
CREATE INDEX consultation_photos_by_address ON consultation_photos(address);

CREATE TABLE consultation_events (
  id INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id),
  at INTEGER NOT NULL,
  actor_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('opened', 'claimed', 'assigned', 'returned', 'closed')),
  assignee_id INTEGER REFERENCES users(id),
  reason TEXT
) STRICT;
CREATE INDEX consultation_events_by_thread ON consultation_events(consultation_id, id);

-- Reply templates a hospital's clinicians pick from (same shape as services and providers).
CREATE TABLE reply_templates (
  id INTEGER PRIMARY KEY,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  public_id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id)
) STRICT;
