-- An empty region path ($3) is taken from the household.
INSERT INTO household_events (id, household_id, region_path, kind, event_date, note, recorded_by,
                              recorded_at, member_id, attended_at, attendance_note)
VALUES ($1, $2, COALESCE(NULLIF($3, ''), (SELECT h.region_path FROM households h WHERE h.id = $2)),
        $4, $5, $6, $7, $8, $9, $10, $11)
