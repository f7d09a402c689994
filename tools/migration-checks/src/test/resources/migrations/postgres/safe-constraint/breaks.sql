SET LOCAL lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN locale SET NOT NULL;
ALTER TABLE users ADD CONSTRAINT users_locale_check CHECK (locale <> '');
ALTER TABLE memberships ADD CONSTRAINT memberships_user_fk FOREIGN KEY (user_id) REFERENCES users (user_id);
ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE (handle);
ALTER TABLE users ADD PRIMARY KEY (user_id);
ALTER TABLE api_keys ADD CONSTRAINT api_keys_prefix_check CHECK (length(prefix) = 8) NOT VALID;
ALTER TABLE api_keys VALIDATE CONSTRAINT api_keys_prefix_check;
