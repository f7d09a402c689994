SET LOCAL lock_timeout = '5s';
ALTER TABLE users ADD COLUMN locale text;
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_locale_idx ON users (locale);
