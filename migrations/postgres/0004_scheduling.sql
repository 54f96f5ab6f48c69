-- Booking (issue 5): the hospital's configuration, its bookable services and providers, and
-- bookings. Configuration bodies are canonical JSON checked by tia/domain/scheduling. A booking is
-- never deleted when cancelled: its status changes and every change is a row in booking_events.
CREATE TABLE hospital_settings (
  hospital_id BIGINT PRIMARY KEY REFERENCES hospitals(id),
  body TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users(id)
);

CREATE TABLE services (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
  public_id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users(id)
);

CREATE TABLE providers (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
  public_id TEXT NOT NULL UNIQUE,
  body TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users(id)
);

CREATE TABLE bookings (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
  mother_id BIGINT NOT NULL REFERENCES users(id),
  service_id BIGINT NOT NULL REFERENCES services(id),
  provider_id BIGINT NOT NULL REFERENCES providers(id),
  start_at BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  busy_from BIGINT NOT NULL,
  busy_to BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('held', 'requested', 'booked', 'arrived', 'fulfilled',
                                         'cancelled', 'no_show')),
  hold_expires_at BIGINT,
  body TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX bookings_by_provider ON bookings(provider_id, busy_from);
CREATE INDEX bookings_by_mother ON bookings(mother_id, start_at);

CREATE TABLE booking_events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  booking_id BIGINT NOT NULL REFERENCES bookings(id),
  at BIGINT NOT NULL,
  actor_id BIGINT NOT NULL REFERENCES users(id),
  actor_role TEXT NOT NULL,
  from_status TEXT,
  to_status TEXT NOT NULL,
  reason TEXT
);
CREATE INDEX booking_events_by_booking ON booking_events(booking_id, id);
