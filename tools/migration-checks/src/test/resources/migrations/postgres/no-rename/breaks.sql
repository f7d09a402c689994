SET LOCAL lock_timeout = '5s';
ALTER TABLE users RENAME COLUMN display_name TO full_name;
ALTER TABLE users RENAME TO people;
ALTER TABLE public.workspaces SET SCHEMA archive;
