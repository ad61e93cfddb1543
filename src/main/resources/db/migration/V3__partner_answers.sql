-- What a partner's answer says beyond its kind (POST /api/partner-messages): when the partner says it happened,
-- and what the service did with it, so that the same answer posted again gets the first result back.
-- The partner's free text stays in partner_message.detail.
alter table partner_message add column occurred_at timestamp with time zone;
alter table partner_message add column outcome varchar(40);
