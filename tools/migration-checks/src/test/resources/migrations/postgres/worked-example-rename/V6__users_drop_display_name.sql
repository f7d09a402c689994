-- Release 5, contract: the previous release neither reads nor writes display_name.
SET LOCAL lock_timeout = '5s';
-- polystore:allow-drop reason=replaced by full_name; unused since release 4, values copied by V3
ALTER TABLE users DROP COLUMN display_name;
