UPDATE notice_deliveries SET member_id = $3, delivered_at = $4, delivered_by = $5, opinion = $6
WHERE notice_id = $1 AND household_id = $2
