UPDATE phone_codes
SET attempts = attempts + 1
WHERE phone = $1 AND purpose = $2 AND attempts < $3
