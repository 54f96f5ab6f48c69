-- The waitlist (issue 5): a mother waits for a service on a range of her local dates. When a
-- booking in that range is cancelled, the first one waiting gets a timed offer: a held booking she
-- confirms before it expires; an expired offer passes to the next. Entries are never deleted.
CREATE TABLE waitlist_entries (
  id INTEGER PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  hospital_id INTEGER NOT NULL REFERENCES hospitals(id),
  mother_id INTEGER NOT NULL REFERENCES users(id),
  service_id INTEGER NOT NULL REFERENCES services(id),
  provider_id INTEGER REFERENCES providers(id),
  from_date INTEGER NOT NULL,
  to_date INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'booked', 'expired', 'withdrawn')),
  booking_id INTEGER REFERENCES bookings(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX waitlist_by_service ON waitlist_entries(service_id, status, created_at);
