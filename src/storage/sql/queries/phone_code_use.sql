DELETE FROM phone_codes
WHERE phone = $1 AND purpose = $2 AND code_hash = $3
