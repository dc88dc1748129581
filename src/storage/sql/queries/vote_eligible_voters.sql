SELECT r.id, r.name, r.phone, r.village_committee, r.villager_rep,
       CASE WHEN pm.id IS NULL THEN 0 ELSE 1 END
FROM residents r
LEFT JOIN party_members pm ON pm.resident_id = r.id
WHERE r.household_id IS NOT NULL AND r.region_path LIKE $1
  AND (r.village_committee = 1 OR r.villager_rep = 1 OR pm.id IS NOT NULL)
ORDER BY r.pinyin, r.id
