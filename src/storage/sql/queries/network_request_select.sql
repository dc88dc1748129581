SELECT q.id, q.member_id, q.household_id, q.reason, q.status, q.created_at, q.decided_by,
       q.decided_at
FROM link_requests q
