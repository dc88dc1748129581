INSERT INTO meetings (id, kind, title, date, start_time, end_time, place, region_id, region_path,
  host_user_id, host_unit_id, project_id, minutes, state, slot_id, created_by, created_at,
  updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
