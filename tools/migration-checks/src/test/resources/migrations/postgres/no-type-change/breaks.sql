SET LOCAL lock_timeout = '5s';
ALTER TABLE users ALTER COLUMN display_name TYPE varchar(200);
ALTER TABLE users ALTER email SET DATA TYPE citext USING email::citext;
