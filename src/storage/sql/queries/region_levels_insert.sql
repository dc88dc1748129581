INSERT INTO region_levels (level, name, name_en) VALUES ($1, $2, $3)
