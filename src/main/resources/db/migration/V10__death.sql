-- A death at any point of the pathway (POST /api/pathways/{id}/death). Before a discharge, the time of death also
-- ends the stay (discharged_at, with discharge_destination 'died', once the person had been admitted), so that no
-- discharge indicator counts it as a discharge; a death after the discharge leaves the discharge as it was, and the
-- follow-up indicator leaves out a discharge whose person died (died_at). Where the person died and the ward's notes
-- are kept beside it.
alter table pathway add column died_at timestamp with time zone;
alter table pathway add column place_of_death varchar(200);
alter table pathway add column death_notes varchar(2000);
