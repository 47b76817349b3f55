-- Example roster for dev and test (Flyway location db/example-roster, see application.properties).
-- KEEP IN SYNC with src/test/java/io/leadrouter/rules/ExampleRoster.java (ExampleRosterSyncTest compares them).
-- Covers every team the example rules and decision tables name; every territory team has an eligible SENIOR rep,
-- because VALUE-010 (rules/high-value.drl) narrows the pool to SENIOR reps for big deals and URGENT leads.
-- Availability examples: tom.baker is inactive, jonas.weber is OUT_OF_OFFICE, sarah.lee is AWAY.
-- Set-valued columns are comma-separated with no spaces; territory '*' means everywhere; capacity 0 = unlimited.
insert into rep (id, name, email, team, territories, industries, segments, languages, tier, active, availability,
                 capacity, open_leads, weight, time_zone, updated_at) values
    ('anna.schmidt', 'Anna Schmidt', 'anna.schmidt@example.com', 'DACH Enterprise', 'DE,AT,CH', '', 'ENTERPRISE', 'de,en', 'SENIOR', true, 'AVAILABLE', 25, 8, 2, 'Europe/Berlin', current_timestamp),
    ('jonas.weber', 'Jonas Weber', 'jonas.weber@example.com', 'DACH Enterprise', 'DE,AT,CH', 'Manufacturing', 'ENTERPRISE', 'de,en', 'MID', true, 'OUT_OF_OFFICE', 25, 3, 1, 'Europe/Berlin', current_timestamp),
    ('lena.fischer', 'Lena Fischer', 'lena.fischer@example.com', 'DACH Commercial', 'DE,AT,CH', '', 'SMB,MID_MARKET', 'de,en', 'JUNIOR', true, 'AVAILABLE', 40, 12, 1, 'Europe/Vienna', current_timestamp),
    ('max.bauer', 'Max Bauer', 'max.bauer@example.com', 'DACH Commercial', 'DE,AT,CH', '', 'SMB,MID_MARKET', 'de,en', 'SENIOR', true, 'AVAILABLE', 30, 10, 1, 'Europe/Zurich', current_timestamp),
    ('oliver.hughes', 'Oliver Hughes', 'oliver.hughes@example.com', 'UK & Ireland', 'GB,IE', '', 'SMB,MID_MARKET,ENTERPRISE', 'en', 'SENIOR', true, 'AVAILABLE', 30, 10, 1, 'Europe/London', current_timestamp),
    ('chloe.evans', 'Chloe Evans', 'chloe.evans@example.com', 'UK & Ireland', 'GB,IE', '', 'SMB,MID_MARKET', 'en', 'MID', true, 'AVAILABLE', 35, 12, 2, 'Europe/Dublin', current_timestamp),
    ('camille.martin', 'Camille Martin', 'camille.martin@example.com', 'France & Benelux', 'FR,BE,NL,LU', '', 'SMB,MID_MARKET,ENTERPRISE', 'fr,nl,en', 'SENIOR', true, 'AVAILABLE', 30, 9, 1, 'Europe/Paris', current_timestamp),
    ('lucia.garcia', 'Lucía García', 'lucia.garcia@example.com', 'Southern Europe', 'ES,PT,IT', '', 'SMB,MID_MARKET,ENTERPRISE', 'es,pt,it,en', 'SENIOR', true, 'AVAILABLE', 30, 7, 1, 'Europe/Madrid', current_timestamp),
    ('mike.johnson', 'Mike Johnson', 'mike.johnson@example.com', 'North America East', 'US-NY,US-NJ,US-MA,US-PA,US-FL,US-GA,CA', '', 'MID_MARKET,ENTERPRISE', 'en', 'SENIOR', true, 'AVAILABLE', 30, 14, 2, 'America/New_York', current_timestamp),
    ('sarah.lee', 'Sarah Lee', 'sarah.lee@example.com', 'North America East', 'US-NY,US-NJ,US-MA,US-PA,US-FL,US-GA,CA', '', 'SMB,MID_MARKET', 'en', 'JUNIOR', true, 'AWAY', 40, 5, 1, 'America/New_York', current_timestamp),
    ('emily.chen', 'Emily Chen', 'emily.chen@example.com', 'North America West', 'US-CA,US-WA,US-OR,US-NV,US-AZ,US-CO,US-UT', 'Software', 'SMB,MID_MARKET,ENTERPRISE', 'en,zh', 'SENIOR', true, 'AVAILABLE', 30, 11, 1, 'America/Los_Angeles', current_timestamp),
    ('diego.silva', 'Diego Silva', 'diego.silva@example.com', 'LATAM', 'MX,BR,AR,CL,CO,PE', '', 'SMB,MID_MARKET,ENTERPRISE', 'es,pt,en', 'SENIOR', true, 'AVAILABLE', 30, 6, 1, 'America/Sao_Paulo', current_timestamp),
    ('hiro.tanaka', 'Hiro Tanaka', 'hiro.tanaka@example.com', 'APAC', 'AU,NZ,SG,JP,IN', '', 'SMB,MID_MARKET,ENTERPRISE', 'ja,en', 'SENIOR', true, 'AVAILABLE', 30, 4, 1, 'Asia/Tokyo', current_timestamp),
    ('victoria.brooks', 'Victoria Brooks', 'victoria.brooks@example.com', 'Strategic Accounts', '*', '', 'ENTERPRISE', 'en,de', 'SENIOR', true, 'AVAILABLE', 10, 3, 1, 'Europe/London', current_timestamp),
    ('paul.novak', 'Paul Novak', 'paul.novak@example.com', 'Partner', '*', '', 'SMB,MID_MARKET,ENTERPRISE', 'en,cs', 'SENIOR', true, 'AVAILABLE', 0, 15, 1, 'Europe/Prague', current_timestamp),
    ('grace.kim', 'Grace Kim', 'grace.kim@example.com', 'Account Management', '*', '', 'SMB,MID_MARKET,ENTERPRISE', 'en,ko', 'SENIOR', true, 'AVAILABLE', 50, 20, 1, 'America/Chicago', current_timestamp),
    ('nina.patel', 'Nina Patel', 'nina.patel@example.com', 'Industry Specialists', '*', 'Healthcare,Life Sciences', 'MID_MARKET,ENTERPRISE', 'en,hi', 'SENIOR', true, 'AVAILABLE', 20, 6, 1, 'America/Chicago', current_timestamp),
    ('marcus.wright', 'Marcus Wright', 'marcus.wright@example.com', 'Industry Specialists', '*', 'Financial Services,Data residency', 'MID_MARKET,ENTERPRISE', 'en,de', 'SENIOR', true, 'AVAILABLE', 20, 9, 1, 'Europe/Berlin', current_timestamp),
    ('tom.baker', 'Tom Baker', 'tom.baker@example.com', 'Industry Specialists', '*', 'Healthcare', 'SMB,MID_MARKET', 'en', 'JUNIOR', false, 'AVAILABLE', 20, 0, 1, 'Europe/London', current_timestamp);
