INSERT INTO residents (id, household_id, region_path, name, sex, birth_date, id_card, phone,
                       relation, pinyin, pinyin_key, initials, created_at, updated_at,
                       village_committee, villager_rep)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
