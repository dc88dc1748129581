UPDATE party_members
SET resident_id = $2, org_id = $3, region_path = $4, status = $5, away = $6,
    can_take_households = $7, capacity = $8, joined_on = $9, away_to = $10
WHERE id = $1
