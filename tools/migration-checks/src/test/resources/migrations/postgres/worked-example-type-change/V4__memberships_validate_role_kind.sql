-- Release 3, switch reads.
SET LOCAL lock_timeout = '5s';
ALTER TABLE memberships VALIDATE CONSTRAINT memberships_role_kind_not_null;
