INSERT INTO sms_code_phones (phone, last_code_at) VALUES ($1, $2)
ON CONFLICT (phone) DO UPDATE SET last_code_at = excluded.last_code_at
