INSERT INTO meeting_decisions (id, meeting_id, text, owner_user_id, owner_unit_id, deadline,
  state, result_note, matter_id, region_path, done_by, done_at, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
