-- Lead lifecycle (issue #13): response SLAs that re-route unworked leads, lifecycle events from the CRM, and the
-- performance figures rules can use. Portable across H2 and PostgreSQL.

-- A decision's SLA (duration, due time, who set it) and, for a re-route, the decision it replaced and why; JSON,
-- like the decision's other documents. Null for decisions without an SLA / first assignments.
alter table decision add column sla varchar default null;
alter table decision add column reassignment varchar default null;

-- One durable clock per assignment with an SLA. The checker claims due RUNNING timers one row at a time with
-- SELECT ... FOR UPDATE SKIP LOCKED and re-checks the status under the lock, so a timer fires once however many
-- instances check; a touch stops it with a conditional UPDATE (status = 'RUNNING'), serialized by the same row lock.
create table sla_timer (
    id                uuid         primary key,
    decision_id       uuid         not null,
    lead_id           varchar(128) not null,
    rep_id            varchar(64)  not null,
    pool              varchar(300),
    sla               varchar(40)  not null,
    started_at        timestamp with time zone not null,
    due_at            timestamp with time zone not null,
    -- breaches earlier in this lead's chain of re-routes (0 for the first assignment)
    breaches_before   integer      not null,
    status            varchar(20)  not null,
    stopped_at        timestamp with time zone,
    stop_reason       varchar(500),
    fired_at          timestamp with time zone,
    fired_by          varchar(100),
    next_decision_id  uuid,
    constraint sla_timer_decision_uk unique (decision_id)
);
create index sla_timer_due_idx on sla_timer (status, due_at);
create index sla_timer_lead_idx on sla_timer (lead_id);

-- Every lifecycle event received (REST, HubSpot, Salesforce). The unique key makes a re-sent event a no-op.
create table lead_event (
    id            uuid          primary key,
    source        varchar(20)   not null,
    event_id      varchar(200)  not null,
    lead_id       varchar(128)  not null,
    type          varchar(20)   not null,
    occurred_at   timestamp with time zone not null,
    received_at   timestamp with time zone not null,
    amount        numeric(19,2),
    status        varchar(200),
    owner_id      varchar(128),
    actor         varchar(200),
    -- the assignment the event was attributed to (the lead's decision current when it occurred), and its rep
    decision_id   uuid,
    rep_id        varchar(64),
    effect        varchar(1000),
    constraint lead_event_source_event_uk unique (source, event_id)
);
create index lead_event_lead_idx on lead_event (lead_id, occurred_at);

-- One row per assignment (decision with a rep): what became of it. Performance counters are derived from these rows
-- incrementally (each change adds the row's new contribution and subtracts its old one). The first assignment of a
-- chain of re-routes (root_decision_id = decision_id) also carries the lead's figures (lead_* columns), counted for the
-- rule that routed it.
create table assignment_outcome (
    decision_id             uuid          primary key,
    root_decision_id        uuid          not null,
    lead_id                 varchar(128)  not null,
    rep_id                  varchar(64)   not null,
    rule_id                 varchar(200)  not null,
    pool                    varchar(300),
    assigned_at             timestamp with time zone not null,
    cohort_day              date          not null,
    ended_at                timestamp with time zone,
    end_reason              varchar(500),
    first_touch_at          timestamp with time zone,
    first_touch_seconds     bigint,
    breached                boolean       not null default false,
    qualified_at            timestamp with time zone,
    disqualified_at         timestamp with time zone,
    converted_at            timestamp with time zone,
    won_amount              numeric(19,2),
    won_amount_at           timestamp with time zone,
    lead_first_touch_at     timestamp with time zone,
    lead_first_touch_seconds bigint,
    lead_breaches           integer       not null default 0,
    lead_qualified_at       timestamp with time zone,
    lead_disqualified_at    timestamp with time zone,
    lead_converted_at       timestamp with time zone,
    lead_won_amount         numeric(19,2),
    lead_won_amount_at      timestamp with time zone
);
create index assignment_outcome_lead_idx on assignment_outcome (lead_id, assigned_at);

-- Per rep and per rule id, per day the leads were assigned (cohort): the sums performance figures are read from.
-- t00..t15 count first touches by time to first touch (working time), bucket upper bounds in minutes:
-- 1, 2, 5, 10, 15, 20, 30, 45, 60, 120, 240, 480, 960, 1440, 2880, and above.
create table performance_counter (
    subject_kind   varchar(8)    not null,
    subject_id     varchar(200)  not null,
    cohort_day     date          not null,
    assigned       bigint        not null default 0,
    touched        bigint        not null default 0,
    touch_seconds  bigint        not null default 0,
    breaches       bigint        not null default 0,
    qualified      bigint        not null default 0,
    disqualified   bigint        not null default 0,
    converted      bigint        not null default 0,
    won_amount     numeric(19,2) not null default 0,
    t00 bigint not null default 0, t01 bigint not null default 0, t02 bigint not null default 0,
    t03 bigint not null default 0, t04 bigint not null default 0, t05 bigint not null default 0,
    t06 bigint not null default 0, t07 bigint not null default 0, t08 bigint not null default 0,
    t09 bigint not null default 0, t10 bigint not null default 0, t11 bigint not null default 0,
    t12 bigint not null default 0, t13 bigint not null default 0, t14 bigint not null default 0,
    t15 bigint not null default 0,
    primary key (subject_kind, subject_id, cohort_day)
);
create index performance_counter_day_idx on performance_counter (cohort_day);
