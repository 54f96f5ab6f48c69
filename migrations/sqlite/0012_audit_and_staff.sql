-- The audit log screen (issue 13): an administrator reads her hospital's rows newest first, with
-- filters; this index serves that order without scanning other hospitals' rows.
CREATE INDEX audit_by_hospital ON audit_events(hospital_id, id);

-- Staff accounts managed by their hospital's administrator (issue 13): a deactivated account
-- cannot sign in and its sessions end; it stays, so the audit log still names who did what.
ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
