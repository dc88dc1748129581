SELECT v.id, v.household_id, v.member_id, v.confirmed_via, v.confirmed_at
FROM visits v
