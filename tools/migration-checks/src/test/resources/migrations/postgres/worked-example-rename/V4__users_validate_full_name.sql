-- Release 3, switch reads: prove the check on the old rows, without blocking writes.
SET LOCAL lock_timeout = '5s';
ALTER TABLE users VALIDATE CONSTRAINT users_full_name_not_null;
