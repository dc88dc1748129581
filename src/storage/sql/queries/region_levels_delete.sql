DELETE FROM region_levels
