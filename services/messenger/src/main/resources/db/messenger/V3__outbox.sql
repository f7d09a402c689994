-- The transactional outbox (issue #22, docs/architecture.md "Events"): every write inserts its event here in the
-- same transaction as the change, so an event exists exactly when the change committed. The relay
-- (platform OutboxRelay) claims unsent rows with FOR UPDATE SKIP LOCKED, publishes them to the
-- service's Valkey stream and sets sent_at; sent rows are kept for the stream's retention (at most
-- 24 hours) to publish again if Valkey loses its data, then deleted by the relay.
-- A new table: the previous release neither reads nor writes it.

-- LOCAL: Flyway runs on a pooled connection, and these must not outlive the migration's transaction.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = '30s';

CREATE TABLE outbox (
    -- The event's id (UUIDv7, time-ordered): Event.event_id, the order the relay publishes in.
    event_id   uuid        NOT NULL,
    -- Event.type, such as 'message.posted', copied to the stream entry's `type` field.
    type       text        NOT NULL,
    -- The serialized polystore.events.v1.Event.
    payload    bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- When the relay published it; null until then.
    sent_at    timestamptz,
    CONSTRAINT outbox_pkey PRIMARY KEY (event_id)
);

-- What the relay polls: the unsent rows, oldest first. Small, as rows leave it once sent.
CREATE INDEX outbox_unsent_idx ON outbox (event_id) WHERE sent_at IS NULL;
-- Sent rows by age: publishing again after a wipe, and deleting past the retention.
CREATE INDEX outbox_sent_at_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL;
