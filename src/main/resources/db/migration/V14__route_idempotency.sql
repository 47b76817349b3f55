-- Repeated POST /api/route of one lead (docs/idempotency.md). Both tables are written in the transaction that stores
-- the decision, so a request is either unknown or answered with its decision; their keys make concurrent repeats
-- wait for the first and answer its decision instead of routing again, on every instance sharing the database.
-- A row goes with its decision when decision retention deletes that (on delete cascade).

-- One row per Idempotency-Key a caller sent: the digest of the lead it came with (a different lead under the same key
-- is a 409) and the decision it was answered. Kept routing.idempotency.key-retention, then purged.
create table route_idempotency_key (
    caller          varchar(200) not null,
    idempotency_key varchar(200) not null,
    request_digest  varchar(64)  not null,
    lead_id         varchar(128) not null,
    decision_id     uuid         references decision (id) on delete cascade,
    created_at      timestamp with time zone not null,
    primary key (caller, idempotency_key)
);
create index route_idempotency_key_created_idx on route_idempotency_key (created_at);

-- The latest real POST /api/route decision of each lead id: within routing.idempotency.duplicate-window another route
-- of the lead answers this decision with duplicate: true (unless reroute=true). Purged once older than the window.
create table route_lead_claim (
    lead_id      varchar(128) primary key,
    decision_id  uuid         references decision (id) on delete cascade,
    routed_at    timestamp with time zone not null
);
create index route_lead_claim_routed_idx on route_lead_claim (routed_at);
