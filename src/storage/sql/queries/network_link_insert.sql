INSERT INTO contact_links (id, member_id, household_id, kind, created_at, created_by)
VALUES ($1, $2, $3, $4, $5, $6)
