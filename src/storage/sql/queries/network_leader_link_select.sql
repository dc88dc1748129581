SELECT ll.id, ll.leader_member_id, ll.member_id, ll.kind, ll.created_at, r.name
FROM leader_links ll
JOIN party_members m ON m.id = ll.member_id
JOIN residents r ON r.id = m.resident_id
