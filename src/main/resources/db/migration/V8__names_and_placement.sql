-- The person's name as the referral gave it (optional; FHIR HumanName: given names, family name), and where the
-- person is: ward, hospital and bed, recorded when the bed is allocated. Tasklist and the pathway view show them so a
-- ward knows whose task it is; they never reach a log.
alter table pathway add column given_names varchar(510);
alter table pathway add column family_name varchar(100);
alter table pathway add column ward varchar(100);
alter table pathway add column hospital varchar(200);
alter table pathway add column bed varchar(40);
