INSERT INTO volunteer_certificates (code, volunteer_id, volunteer_name, team_name, hours_tenths,
                                    issued_at, issued_by)
VALUES ($1, $2, $3, $4, $5, $6, $7)
