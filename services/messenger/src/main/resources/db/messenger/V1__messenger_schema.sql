-- MessengerService: rooms, their members and their messages. Workspace and user ids are
-- AccountsService's: kept as plain UUIDs, with no foreign key, since that data lives in another
-- database. Ids are assigned by the service; created_at by the database clock.

-- LOCAL: Flyway runs on a pooled connection, and these must not outlive the migration's transaction.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30s';

CREATE TABLE rooms (
    room_id      uuid        NOT NULL,
    workspace_id uuid        NOT NULL,
    name         text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rooms_pkey PRIMARY KEY (room_id)
);

-- Room names are unique in a workspace ignoring case.
CREATE UNIQUE INDEX rooms_workspace_id_name_key ON rooms (workspace_id, lower(name));
-- The keyset order of ListRooms.
CREATE INDEX rooms_workspace_id_created_at_idx ON rooms (workspace_id, created_at, room_id);

CREATE TABLE room_members (
    room_id    uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT room_members_pkey PRIMARY KEY (room_id, user_id),
    CONSTRAINT room_members_room_id_fkey FOREIGN KEY (room_id) REFERENCES rooms (room_id)
);

-- The high-volume table. Keyed by room first, so a room's messages sit together in the primary
-- key's btree and a page of them is one range scan; message ids are UUIDv7, so they grow with time
-- and ordering by id orders by posting. No foreign key to rooms: posting checks membership under a
-- lock on the room row anyway, and a key check per insert would add to that hot row.
CREATE TABLE messages (
    room_id           uuid        NOT NULL,
    message_id        uuid        NOT NULL,
    -- The room's workspace, copied so that search filters by workspace without a join.
    workspace_id      uuid        NOT NULL,
    author_id         uuid        NOT NULL,
    -- The author's idempotency key: a retried post finds the first message by it.
    client_message_id text        NOT NULL,
    -- Emptied when the message is deleted; the row stays as its tombstone.
    body              text        NOT NULL,
    -- Bumped by every edit and the delete; rendered as the message's etag.
    version           bigint      NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    edited_at         timestamptz,
    deleted_at        timestamptz,
    -- English stemming, so "deploying" finds "deployed"; a tombstone's empty body matches nothing.
    search_vector     tsvector    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, body)) STORED,
    CONSTRAINT messages_pkey PRIMARY KEY (room_id, message_id)
);

-- GetMessage, EditMessage and DeleteMessage come with the message id alone.
CREATE UNIQUE INDEX messages_message_id_key ON messages (message_id);
-- PostMessage's idempotency: ON CONFLICT on it makes concurrent retries return one message.
CREATE UNIQUE INDEX messages_client_message_id_key ON messages (room_id, author_id, client_message_id);
-- SearchMessages.
CREATE INDEX messages_search_vector_idx ON messages USING gin (search_vector);
