INSERT INTO regions (id, parent_id, level, code, name, path, lat, lng)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
