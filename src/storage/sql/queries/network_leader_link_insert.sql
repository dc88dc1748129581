INSERT INTO leader_links (id, leader_member_id, member_id, kind, created_at)
VALUES ($1, $2, $3, $4, $5)
