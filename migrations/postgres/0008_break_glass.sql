-- Break-glass access (issue 5, security test S25): a clinician outside a mother's care team (another
-- hospital's) reads her record in an emergency. Each grant says who, whose record, why, and until
-- when (at most 60 minutes); every read under it is audited with the outcome 'break_glass', and
-- the administrators of her hospital see the grants. Kept; erasure removes them with her.
CREATE TABLE break_glass_grants (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  clinician_id BIGINT NOT NULL REFERENCES users(id),
  mother_id BIGINT NOT NULL REFERENCES users(id),
  mother_hospital_id BIGINT REFERENCES hospitals(id),
  reason TEXT NOT NULL,
  granted_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  client_ip TEXT NOT NULL
);
CREATE INDEX break_glass_active ON break_glass_grants(clinician_id, mother_id, expires_at);
CREATE INDEX break_glass_by_hospital ON break_glass_grants(mother_hospital_id, granted_at);
