SELECT code, volunteer_id, volunteer_name, team_name, hours_tenths, issued_at, issued_by
FROM volunteer_certificates
WHERE code = $1
