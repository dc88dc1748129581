-- The household columns of household_lookup rows (storage/lookup_index.cpp), lower() being the
-- engine's own as in the look-up's conditions; the ids follow in an IN list.
SELECT h.id, h.region_path, h.number, lower(h.number), lower(h.address) FROM households h
WHERE h.id IN
