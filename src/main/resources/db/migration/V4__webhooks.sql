-- CRM webhooks: the inbox of deliveries (idempotency and audit) and the outbox of owner push-backs.

-- One row per delivery (HubSpot event, Salesforce notification, generic delivery), written in the same transaction as
-- its decision: a delivery id is either unknown or routed, never half-processed. The unique key makes retries,
-- including concurrent ones, return the stored decision instead of routing again.
create table webhook_delivery (
    id            uuid         primary key,
    source        varchar(20)  not null,
    delivery_id   varchar(200) not null,
    received_at   timestamp with time zone not null,
    content_type  varchar(200),
    raw_body      varchar      not null,
    status        varchar(20)  not null,
    lead_id       varchar(128) not null,
    decision_id   uuid         references decision (id),
    constraint webhook_delivery_source_delivery_uk unique (source, delivery_id)
);
create index webhook_delivery_decision_idx on webhook_delivery (decision_id);

-- Owner push-back to the CRM, sent by the scheduler with exponential backoff.
create table pushback (
    id               uuid         primary key,
    delivery_id      uuid         not null references webhook_delivery (id),
    decision_id      uuid         not null,
    target           varchar(20)  not null,
    crm_record_id    varchar(128) not null,
    owner_id         varchar(128),
    status           varchar(20)  not null,
    attempts         integer      not null,
    next_attempt_at  timestamp with time zone,
    last_error       varchar(1000),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    delivered_at     timestamp with time zone,
    version          integer      not null
);
create index pushback_due_idx on pushback (status, next_attempt_at);
create index pushback_decision_idx on pushback (decision_id);
