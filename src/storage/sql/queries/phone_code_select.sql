SELECT phone, purpose, code_hash, card_code, created_at, expires_at, attempts
FROM phone_codes
WHERE phone = $1 AND purpose = $2
