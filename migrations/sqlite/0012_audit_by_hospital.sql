-- The audit log screen (issue 13): an administrator reads her hospital's rows newest first, with
-- filters; this index serves that order without scanning other hospitals' rows.
CREATE INDEX audit_by_hospital ON audit_events(hospital_id, id);
