INSERT INTO appointments (id, slot_id, matter_id, household_id, person_name, phone, purpose,
                          status, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
