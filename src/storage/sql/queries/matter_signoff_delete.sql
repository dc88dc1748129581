DELETE FROM sign_off_codes WHERE matter_id = $1
