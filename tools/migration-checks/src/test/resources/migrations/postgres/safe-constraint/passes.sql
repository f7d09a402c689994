SET LOCAL lock_timeout = '5s';
-- Allowed because V1 added CHECK (locale IS NOT NULL) NOT VALID and V2 validated it.
ALTER TABLE users ALTER COLUMN locale SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_locale_not_null;
ALTER TABLE memberships ADD CONSTRAINT memberships_user_fk
    FOREIGN KEY (user_id) REFERENCES users (user_id) NOT VALID;
ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE USING INDEX users_handle_idx;
ALTER TABLE api_keys VALIDATE CONSTRAINT api_keys_scope_check;
