-- Batch routing: one row per lead of a batch that was routed for real. The primary key makes a re-submitted batch
-- (same batch id) route nothing twice: the row and its decision are written in one transaction.
create table route_batch_row (
    batch_id     varchar(100) not null,
    row_number   integer      not null,
    lead_id      varchar(128) not null,
    decision_id  uuid         not null,
    routed_at    timestamp with time zone not null,
    primary key (batch_id, row_number)
);
