INSERT INTO volunteer_activities (id, team_id, title, activity_date, activity_time, place, capacity,
                                  hours_tenths, state, version, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10)
