SET LOCAL lock_timeout = '5s';
-- polystore:allow-drop reason=full_name replaced display_name in 0.4, 0.5 no longer reads it, V7 copied the values
ALTER TABLE users DROP COLUMN display_name;
/* polystore:allow-drop reason=sessions moved to Valkey in 0.3; the table has been empty since */
DROP TABLE legacy_sessions;
ALTER TABLE users DROP CONSTRAINT users_locale_check;
ALTER TABLE users ALTER COLUMN locale DROP NOT NULL;
CREATE TABLE scratch (id int);
DROP TABLE scratch;
