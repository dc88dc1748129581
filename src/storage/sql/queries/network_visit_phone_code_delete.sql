DELETE FROM visit_phone_codes WHERE visit_id = $1
