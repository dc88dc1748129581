INSERT INTO study_activities (id, org_id, region_path, title, material, link, opens_on,
                              closes_on, created_by, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
