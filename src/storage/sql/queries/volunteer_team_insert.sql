INSERT INTO volunteer_teams (id, name, region_id, region_path, leader_user_id, unit_id, note,
                             created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
