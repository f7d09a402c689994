CREATE INDEX CONCURRENTLY IF NOT EXISTS users_locale_idx ON users (locale);
DROP INDEX CONCURRENTLY IF EXISTS users_display_name_idx;
