-- Every rule version that was activated, with the files it was compiled from, so any of them can be rolled back to.
-- Portable types only: bytea is PostgreSQL's binary type and an alias of BINARY VARYING in H2.

create table rule_version (
    sequence        bigint       primary key,
    version_id      varchar(80)  not null,
    content_hash    varchar(64)  not null,
    triggered_by    varchar(1000) not null,
    activated_at    timestamp with time zone not null,
    compile_millis  bigint       not null,
    rule_count      integer      not null
);

-- One row per file of a version. Path as the API names it: rules/foo.drl, decision-tables/bar.xlsx.
create table rule_version_file (
    version_sequence bigint        not null references rule_version (sequence) on delete cascade,
    path             varchar(1000) not null,
    sha256           varchar(64)   not null,
    size_bytes       bigint        not null,
    content          bytea         not null,
    primary key (version_sequence, path)
);
