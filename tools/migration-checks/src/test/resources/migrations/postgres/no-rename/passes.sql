SET LOCAL lock_timeout = '5s';
-- The expand step of a rename: the new column beside the old one.
ALTER TABLE users ADD COLUMN full_name text;
-- A constraint's name is not part of any query.
ALTER TABLE users RENAME CONSTRAINT users_email_check TO users_email_format;
-- A table made in this very migration has no reader yet.
CREATE TABLE invitations (invitation_id uuid PRIMARY KEY, email_address text NOT NULL);
ALTER TABLE invitations RENAME COLUMN email_address TO email;
