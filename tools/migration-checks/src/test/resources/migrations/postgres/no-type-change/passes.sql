SET LOCAL lock_timeout = '5s';
-- The expand step of a type change: a new column of the new type.
ALTER TABLE users ADD COLUMN etag_text text;
CREATE TABLE audit_notes (note_id bigint PRIMARY KEY, body varchar(100));
ALTER TABLE audit_notes ALTER COLUMN body TYPE text;
