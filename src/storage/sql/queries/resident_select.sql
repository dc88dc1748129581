SELECT r.id, r.household_id, r.region_path, r.name, r.sex, r.birth_date, r.id_card, r.phone,
       r.relation, r.pinyin, r.initials, r.created_at, r.updated_at, r.village_committee,
       r.villager_rep
FROM residents r
