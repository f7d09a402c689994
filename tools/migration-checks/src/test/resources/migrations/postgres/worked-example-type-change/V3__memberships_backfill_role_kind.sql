-- Release 2, backfill: every running instance now writes both columns.
SET LOCAL lock_timeout = '5s';
UPDATE memberships SET role_kind = role::workspace_role WHERE role_kind IS NULL;
ALTER TABLE memberships ADD CONSTRAINT memberships_role_kind_not_null CHECK (role_kind IS NOT NULL) NOT VALID;
