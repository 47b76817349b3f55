-- Schema shared by H2 (dev, test) and PostgreSQL (production): only portable types.

-- The sales roster. Set-valued fields are comma-separated (values never contain commas: validated by the API).
create table rep (
    id            varchar(64)  primary key,
    name          varchar(200) not null,
    email         varchar(320),
    team          varchar(100) not null,
    territories   varchar(4000) not null default '',
    industries    varchar(4000) not null default '',
    segments      varchar(200) not null default '',
    languages     varchar(400) not null default '',
    tier          varchar(20)  not null,
    active        boolean      not null,
    availability  varchar(20)  not null,
    capacity      integer      not null,
    open_leads    integer      not null,
    weight        integer      not null,
    time_zone     varchar(64)  not null,
    updated_at    timestamp with time zone not null
);
create index rep_team_idx on rep (team);

-- The decision log: every non-dry-run routing decision with what it was based on (JSON documents).
create table decision (
    id             uuid         primary key,
    lead_id        varchar(128) not null,
    assignee_id    varchar(64),
    queue          varchar(200),
    score          integer      not null,
    priority       varchar(20)  not null,
    rules_version  varchar(64)  not null,
    decided_at     timestamp with time zone not null,
    assignee       varchar,
    lead_snapshot  varchar      not null,
    matched_rules  varchar      not null,
    explanation    varchar      not null
);
create index decision_lead_idx on decision (lead_id);
create index decision_assignee_idx on decision (assignee_id);
create index decision_decided_at_idx on decision (decided_at);
