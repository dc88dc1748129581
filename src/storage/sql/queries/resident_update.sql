UPDATE residents
SET household_id = $2, region_path = $3, name = $4, sex = $5, birth_date = $6, id_card = $7,
    phone = $8, relation = $9, pinyin = $10, pinyin_key = $11, initials = $12, updated_at = $13,
    village_committee = $14, villager_rep = $15
WHERE id = $1
