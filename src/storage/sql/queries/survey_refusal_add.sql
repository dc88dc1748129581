INSERT INTO survey_refusals (survey_id, reason, refused) VALUES ($1, $2, 1)
ON CONFLICT (survey_id, reason) DO UPDATE SET refused = survey_refusals.refused + 1
