-- Request ids of creating calls (CreateRoom's request_id): a retry with the same id returns the
-- first call's room instead of creating another. Written in the create's transaction, before the
-- room, so concurrent retries wait on the primary key and then read the first call's room.
-- Kept for at least 24 hours (for now, indefinitely). No foreign key: the row is written before
-- the room it names.

-- LOCAL: Flyway runs on a pooled connection, and these must not outlive the migration's transaction.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30s';

CREATE TABLE create_requests (
    -- The RPC, such as 'CreateRoom': one request id may serve one call of each.
    method        text        NOT NULL,
    request_id    uuid        NOT NULL,
    -- What the first call created, such as the room's id.
    resource_id   uuid        NOT NULL,
    -- Unused by messenger: a result the first call returned that is not stored elsewhere, sealed.
    sealed_result bytea,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT create_requests_pkey PRIMARY KEY (method, request_id)
);
