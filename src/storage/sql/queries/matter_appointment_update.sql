UPDATE appointments
SET slot_id = $2, matter_id = $3, household_id = $4, person_name = $5, phone = $6, purpose = $7,
    status = $8, created_at = $9
WHERE id = $1
