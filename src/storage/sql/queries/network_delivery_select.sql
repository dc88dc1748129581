SELECT d.notice_id, d.household_id, d.member_id, d.delivered_at, d.delivered_by, d.opinion
FROM notice_deliveries d
JOIN households h ON h.id = d.household_id
