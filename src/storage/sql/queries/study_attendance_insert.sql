INSERT INTO study_attendance (activity_id, member_id, note, made_up, recorded_by, recorded_at)
VALUES ($1, $2, $3, $4, $5, $6)
