INSERT INTO postings (id, user_id, home_unit, region_id, region_path, role, team, from_date,
                      to_date, note, created_at, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
