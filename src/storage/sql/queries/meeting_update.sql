UPDATE meetings SET kind = $2, title = $3, date = $4, start_time = $5, end_time = $6, place = $7,
  host_user_id = $8, host_unit_id = $9, project_id = $10, minutes = $11, state = $12,
  slot_id = $13, updated_at = $14
WHERE id = $1
