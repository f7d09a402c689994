CREATE INDEX CONCURRENTLY IF NOT EXISTS users_display_name_idx ON users (display_name);
