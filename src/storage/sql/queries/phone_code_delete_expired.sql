DELETE FROM phone_codes
WHERE expires_at < $1
