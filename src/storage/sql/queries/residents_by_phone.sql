SELECT r.id, r.household_id, r.region_path, r.name, r.sex, r.birth_date, r.id_card, r.phone,
       r.relation, r.pinyin, r.initials, r.created_at, r.updated_at, r.village_committee,
       r.villager_rep
FROM residents r
WHERE r.phone = $1 AND r.household_id IS NOT NULL
ORDER BY CASE WHEN r.relation = '户主' THEN 0 ELSE 1 END, r.id
LIMIT 50
