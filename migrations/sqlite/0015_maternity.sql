-- The maternity programme (issue 15): packages, registering a pregnancy, classes and courses.
-- * maternity_settings: a hospital's antenatal schedule template, birth file checklist and
--   postnatal care (canonical JSON checked by tia/domain/maternity; the default until it sets one).
-- * packages / package_versions: what a package includes and costs. Editing adds a version; a
--   registration points at the version she chose, so a later edit never changes hers.
-- * pregnancies: her registration (dates, package, contact, consent as JSON), its state
--   (submitted, needs_info, confirmed, withdrawn), the birth file with its checklist, and the
--   outcome (a birth with its record, or a loss, which pauses everything). One open at a time.
-- * deposits: what was recorded as paid (payment itself happens elsewhere).
-- * courses / class_sessions / enrolments / session_seats: a course is a series of sessions she
--   enrols in once; each session has its own seats in the room and online, a seat per person (a
--   companion takes one), and its own waitlist. Attendance is kept per session.
-- * care_pauses: one tap pauses everything (a pregnancy loss, a stay in hospital, a break): her
--   pending reminders stop and the app shows support instead of pregnancy or baby content.
CREATE TABLE maternity_settings (
  hospital_id INTEGER PRIMARY KEY REFERENCES hospitals(id),
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id)
) STRICT;

CREATE TABLE packages (
  id INTEGER PRIMARY KEY,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  public_id TEXT NOT NULL UNIQUE,
  code TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (hospital_id, code)
) STRICT;

CREATE TABLE package_versions (
  id INTEGER PRIMARY KEY,
  package_id INTEGER NOT NULL REFERENCES packages(id),
  number INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  UNIQUE (package_id, number)
) STRICT;

CREATE TABLE pregnancies (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  mother_id INTEGER NOT NULL REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('submitted', 'needs_info', 'confirmed', 'withdrawn')),
  outcome TEXT CHECK (outcome IN ('birth', 'loss')),
  due_date INTEGER NOT NULL,
  body TEXT NOT NULL,
  package_version_id INTEGER NOT NULL REFERENCES package_versions(id),
  staff_note TEXT,
  birth_file TEXT,
  birth TEXT,
  ended_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX pregnancies_open ON pregnancies(mother_id)
  WHERE status <> 'withdrawn' AND outcome IS NULL;
CREATE INDEX pregnancies_by_due ON pregnancies(hospital_id, due_date);
CREATE INDEX pregnancies_by_mother ON pregnancies(mother_id, created_at);

CREATE TABLE deposits (
  id INTEGER PRIMARY KEY,
  pregnancy_id INTEGER NOT NULL REFERENCES pregnancies(id),
  amount_vnd INTEGER NOT NULL,
  method TEXT NOT NULL,
  reference TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users(id)
) STRICT;
CREATE INDEX deposits_by_pregnancy ON deposits(pregnancy_id);

CREATE TABLE courses (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'cancelled')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX courses_by_hospital ON courses(hospital_id);

CREATE TABLE class_sessions (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  course_id INTEGER NOT NULL REFERENCES courses(id),
  seq INTEGER NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  room_seats INTEGER NOT NULL,
  online_seats INTEGER NOT NULL,
  min_to_run INTEGER NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
  UNIQUE (course_id, seq)
) STRICT;
CREATE INDEX class_sessions_by_start ON class_sessions(start_at);

CREATE TABLE enrolments (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  course_id INTEGER NOT NULL REFERENCES courses(id),
  mother_id INTEGER NOT NULL REFERENCES users(id),
  mode TEXT NOT NULL CHECK (mode IN ('room', 'online')),
  companions INTEGER NOT NULL,
  companion_name TEXT,
  status TEXT NOT NULL CHECK (status IN ('enrolled', 'cancelled')),
  request_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX enrolments_live ON enrolments(course_id, mother_id) WHERE status = 'enrolled';
CREATE INDEX enrolments_by_mother ON enrolments(mother_id);

CREATE TABLE session_seats (
  id INTEGER PRIMARY KEY,
  enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
  session_id INTEGER NOT NULL REFERENCES class_sessions(id),
  pool TEXT NOT NULL CHECK (pool IN ('room', 'online')),
  seats INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('seated', 'waiting', 'cancelled')),
  attended INTEGER,
  queued_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (enrolment_id, session_id)
) STRICT;
CREATE INDEX session_seats_by_session ON session_seats(session_id, status, queued_at);

CREATE TABLE care_pauses (
  id INTEGER PRIMARY KEY,
  mother_id INTEGER NOT NULL REFERENCES users(id),
  reason TEXT NOT NULL CHECK (reason IN ('pregnancy_loss', 'hospital_stay', 'break')),
  started_at INTEGER NOT NULL,
  ended_at INTEGER
) STRICT;
CREATE INDEX care_pauses_by_mother ON care_pauses(mother_id, started_at);
