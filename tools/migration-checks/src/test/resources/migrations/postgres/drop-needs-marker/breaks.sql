SET LOCAL lock_timeout = '5s';
ALTER TABLE users DROP COLUMN display_name;
DROP TABLE IF EXISTS legacy_sessions;
-- polystore:allow-drop
ALTER TABLE users DROP legacy_flag;
