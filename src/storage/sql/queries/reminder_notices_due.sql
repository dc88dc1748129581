-- Notices due within a window with undelivered households, per responsible member (the
-- household's linked member now, else the one named at publication), not yet reminded.
SELECT n.id, n.title, n.due_at, COALESCE(l.member_id, d.member_id) AS member_id,
       COUNT(*) AS households
FROM notices n
JOIN notice_deliveries d ON d.notice_id = n.id
LEFT JOIN contact_links l ON l.household_id = d.household_id
WHERE n.due_at > $1 AND n.due_at <= $2 AND d.delivered_at IS NULL
  AND COALESCE(l.member_id, d.member_id) IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM reminders_sent r
    WHERE r.kind = $3 AND r.object_id = n.id
      AND r.recipient = 'member:' || CAST(COALESCE(l.member_id, d.member_id) AS TEXT))
GROUP BY n.id, n.title, n.due_at, COALESCE(l.member_id, d.member_id)
ORDER BY n.due_at, n.id, 4
LIMIT $4
