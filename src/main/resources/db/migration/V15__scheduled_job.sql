-- Cluster-wide scheduled jobs that must run once per period whichever instance gets there first (retention): an
-- instance claims the row with a conditional update; the others see it claimed and skip.
create table scheduled_job (
    name          varchar(100)  primary key,
    claimed_until timestamp with time zone,
    claimed_by    varchar(200),
    last_run_at   timestamp with time zone,
    last_result   varchar(1000)
);
insert into scheduled_job (name) values ('retention');

-- Retention removes the file contents of old rule versions but keeps their rows: the content hash still tells an
-- instance started from an old image that its files are not news, so it does not roll the cluster back.
alter table rule_version add column files_removed_at timestamp with time zone;
