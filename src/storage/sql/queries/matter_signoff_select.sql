SELECT s.matter_id, s.code_hash, s.expires_at, s.attempts
FROM sign_off_codes s
WHERE s.matter_id = $1
