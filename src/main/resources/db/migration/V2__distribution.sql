-- Fair distribution (issue #5): availability and caps on the roster, per-pool fairness state, holidays, and the
-- decision-log columns that caps and sticky ownership are counted from. Portable across H2 and PostgreSQL.
-- Every new rep column has a DEFAULT: seed files insert reps listing only V1's columns.

alter table rep add column out_of_office_until date default null;
-- "MONDAY=09:00-12:00,MONDAY=13:00-17:00,TUESDAY=09:00-17:00"; empty means any time.
alter table rep add column working_hours varchar(2000) not null default '';
alter table rep add column holiday_region varchar(16) default null;
alter table rep add column daily_cap integer not null default 0;
alter table rep add column weekly_cap integer not null default 0;
-- "ENTERPRISE:DAY:3,SMB:WEEK:20"
alter table rep add column conditional_caps varchar(1000) not null default '';

-- Public holidays by region; a rep with that holiday_region takes no leads on that day (the rep's calendar day).
create table holiday (
    region  varchar(16)  not null,
    holiday_date  date     not null,
    name    varchar(200) not null default '',
    primary key (region, holiday_date)
);

-- One row per pool (team:emea, specialists:healthcare). Routes into a pool lock this row (SELECT ... FOR UPDATE),
-- which serializes the pick and every counter it reads. turn counts the assignments the pool made.
create table pool_state (
    pool_key    varchar(300) primary key,
    turn        bigint       not null default 0,
    updated_at  timestamp with time zone
);

-- A rep's standing in one pool: the turn of their last lead (round robin: longest wait goes next), the smooth
-- weighted round robin's current weight, and how many leads the pool gave them.
create table pool_member (
    pool_key        varchar(300) not null,
    rep_id          varchar(64)  not null,
    last_turn       bigint       not null default 0,
    current_weight  bigint       not null default 0,
    assigned_total  bigint       not null default 0,
    primary key (pool_key, rep_id)
);

-- What caps and sticky ownership look up in the decision log.
alter table decision add column pool varchar(300) default null;
alter table decision add column lead_email varchar(320) default null;
alter table decision add column lead_email_domain varchar(255) default null;
alter table decision add column lead_segment varchar(20) default null;
create index decision_assignee_time_idx on decision (assignee_id, decided_at);
create index decision_lead_email_idx on decision (lead_email);
create index decision_lead_email_domain_idx on decision (lead_email_domain);
