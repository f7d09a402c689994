-- Release 5, contract.
SET LOCAL lock_timeout = '5s';
-- polystore:allow-drop reason=replaced by role_kind; unused since release 4, values copied by V3
ALTER TABLE memberships DROP COLUMN role;
