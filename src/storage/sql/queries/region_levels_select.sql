SELECT level, name, name_en FROM region_levels ORDER BY level
