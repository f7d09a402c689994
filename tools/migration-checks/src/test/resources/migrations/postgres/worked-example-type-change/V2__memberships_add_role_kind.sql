-- Release 1, expand: a column of the new type beside the old one.
SET LOCAL lock_timeout = '5s';
CREATE TYPE workspace_role AS ENUM ('owner', 'admin', 'member');
ALTER TABLE memberships ADD COLUMN role_kind workspace_role;
