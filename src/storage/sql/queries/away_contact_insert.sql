INSERT INTO away_contacts (id, member_id, region_path, contact_date, way, contact_by, note,
                           recorded_by, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
