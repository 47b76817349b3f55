-- A held decision (nobody eligible, pool policy HOLD) keeps its pool, reason and retry hint, as JSON.
alter table decision add column hold varchar;
