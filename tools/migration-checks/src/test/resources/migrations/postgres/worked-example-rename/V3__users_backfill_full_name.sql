-- Release 2, backfill: every running instance now writes both columns, so after this no row
-- lacks full_name. The UPDATE comes first so that the ALTER's lock is held only to the commit.
SET LOCAL lock_timeout = '5s';
UPDATE users SET full_name = display_name WHERE full_name IS NULL;
ALTER TABLE users ADD CONSTRAINT users_full_name_not_null CHECK (full_name IS NOT NULL) NOT VALID;
