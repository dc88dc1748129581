SELECT a.id, a.slot_id, a.matter_id, a.household_id, a.person_name, a.phone, a.purpose, a.status,
       a.created_at
FROM appointments a
