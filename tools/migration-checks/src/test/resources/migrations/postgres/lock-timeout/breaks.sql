CREATE TABLE user_settings (user_id uuid PRIMARY KEY REFERENCES users (user_id), theme text);
SET LOCAL lock_timeout = '5s';
ALTER TABLE users ADD COLUMN locale text;
