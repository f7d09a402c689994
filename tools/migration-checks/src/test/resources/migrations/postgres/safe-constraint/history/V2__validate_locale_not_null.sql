SET LOCAL lock_timeout = '5s';
ALTER TABLE users VALIDATE CONSTRAINT users_locale_not_null;
