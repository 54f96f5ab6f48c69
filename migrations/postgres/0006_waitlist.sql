-- The waitlist (issue 5): a mother waits for a service on a range of her local dates. When a
-- booking in that range is cancelled, the first one waiting gets a timed offer: a held booking she
-- confirms before it expires; an expired offer passes to the next. Entries are never deleted.
CREATE TABLE waitlist_entries (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  hospital_id BIGINT NOT NULL REFERENCES hospitals(id),
  mother_id BIGINT NOT NULL REFERENCES users(id),
  service_id BIGINT NOT NULL REFERENCES services(id),
  provider_id BIGINT REFERENCES providers(id),
  from_date BIGINT NOT NULL,
  to_date BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'booked', 'expired', 'withdrawn')),
  booking_id BIGINT REFERENCES bookings(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX waitlist_by_service ON waitlist_entries(service_id, status, created_at);
