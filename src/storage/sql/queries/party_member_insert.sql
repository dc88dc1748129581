INSERT INTO party_members (id, resident_id, org_id, region_path, status, away,
                           can_take_households, capacity, joined_on, away_to)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
