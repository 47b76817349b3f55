-- Sticky ownership looks for the latest decision that *assigned a rep* to the same email or company domain. Keyed on
-- assigned decisions only and indexed with the time, each look-up is one index probe, however many earlier leads of
-- that person or company went to a queue or lie outside the window (the old single-column indexes fetched and sorted
-- every decision of the email or domain, and a queue-heavy domain made every one of its leads slower).
alter table decision add column assigned_email varchar(320) default null;
alter table decision add column assigned_email_domain varchar(255) default null;
update decision set assigned_email = lead_email, assigned_email_domain = lead_email_domain where assignee_id is not null;
drop index decision_lead_email_idx;
drop index decision_lead_email_domain_idx;
alter table decision drop column lead_email;
alter table decision drop column lead_email_domain;
create index decision_assigned_email_idx on decision (assigned_email, decided_at);
create index decision_assigned_email_domain_idx on decision (assigned_email_domain, decided_at);
