-- Issue 12: the change channel for what instances cache besides the rule set. Every write to the roster or the
-- holidays bumps its topic's version in the same transaction; every instance polls these rows with the rule version
-- and rebuilds its copy when a version moved. One row per topic, so a bump locks only its topic until commit.
create table cluster_change (
    topic   varchar(32) not null primary key,
    version bigint      not null
);
insert into cluster_change (topic, version) values ('roster', 0);
insert into cluster_change (topic, version) values ('holidays', 0);
