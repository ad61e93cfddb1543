-- The duty to refer as Housing Act 1996 s213B asks (PATHWAY.md section 4): the referral goes to the English housing
-- authority the person chose, a partner of the directory, and carries at least their name, contact details and the
-- reason, with what authorities ask for (needs, risks, local connection). chosen_authority keeps the authority's
-- name as the officer saw it; authority_id is the partner the referral and its chases are addressed to.
alter table housing_case add column authority_id varchar(60) references partner (id);
alter table housing_case add column referral_reason varchar(2000);
alter table housing_case add column contact_phone varchar(40);
alter table housing_case add column contact_email varchar(320);
alter table housing_case add column contact_arrangements varchar(1000);
alter table housing_case add column local_connection varchar(2000);
alter table housing_case add column risk_summary varchar(2000);
