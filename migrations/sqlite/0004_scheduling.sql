-- Booking (issue 5): the hospital's configuration, its bookable services and providers, and
-- bookings. Configuration bodies are canonical JSON checked by tia/domain/scheduling. A booking is
-- never deleted when cancelled: its status changes and every change is a row in booking_events.
CREATE TABLE hospital_settings (
  hospital_id INTEGER PRIMARY KEY REFERENCES hospitals(id),
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id)
) STRICT;

CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  public_id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id)
) STRICT;

CREATE TABLE providers (
  id INTEGER PRIMARY KEY,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  public_id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by INTEGER NOT NULL REFERENCES users(id)
) STRICT;

CREATE TABLE bookings (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  mother_id INTEGER NOT NULL REFERENCES users(id),
  service_id INTEGER NOT NULL REFERENCES services(id),
  provider_id INTEGER NOT NULL REFERENCES providers(id),
  start_at INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  busy_from INTEGER NOT NULL,
  busy_to INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('held', 'requested', 'booked', 'arrived', 'fulfilled',
                                         'cancelled', 'no_show')),
  hold_expires_at INTEGER,
  body TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL REFERENCES users(id),
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL
) STRICT;
CREATE INDEX bookings_by_provider ON bookings(provider_id, busy_from);
CREATE INDEX bookings_by_mother ON bookings(mother_id, start_at);

CREATE TABLE booking_events (
  id INTEGER PRIMARY KEY,
  booking_id INTEGER NOT NULL REFERENCES bookings(id),
  at INTEGER NOT NULL,
  actor_id INTEGER NOT NULL REFERENCES users(id),
  actor_role TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT
) STRICT;
CREATE INDEX booking_events_by_booking ON booking_events(booking_id, id);
