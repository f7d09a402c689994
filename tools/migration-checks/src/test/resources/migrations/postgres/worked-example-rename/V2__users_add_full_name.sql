-- Release 1, expand: the new column beside the old one. Nullable, so the previous release's
-- inserts, which do not name it, still work.
SET LOCAL lock_timeout = '5s';
ALTER TABLE users ADD COLUMN full_name text;
