SET LOCAL lock_timeout = '5s';
CREATE INDEX users_display_name_idx ON users (display_name);
CREATE UNIQUE INDEX IF NOT EXISTS users_handle_key ON public.users USING btree (lower(handle));
