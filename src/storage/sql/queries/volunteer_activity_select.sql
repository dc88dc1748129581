SELECT a.id, a.team_id, a.title, a.activity_date, a.activity_time, a.place, a.capacity,
       a.hours_tenths, a.state, a.created_at,
       (SELECT COUNT(*) FROM volunteer_signups s WHERE s.activity_id = a.id), t.name, t.region_path
FROM volunteer_activities a
JOIN volunteer_teams t ON t.id = a.team_id
