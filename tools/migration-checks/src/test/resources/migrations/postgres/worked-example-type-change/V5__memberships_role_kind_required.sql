-- Release 4, stop writing the old column.
SET LOCAL lock_timeout = '5s';
-- squawk-ignore adding-not-nullable-field
ALTER TABLE memberships ALTER COLUMN role_kind SET NOT NULL;
ALTER TABLE memberships DROP CONSTRAINT memberships_role_kind_not_null;
ALTER TABLE memberships ALTER COLUMN role DROP NOT NULL;
