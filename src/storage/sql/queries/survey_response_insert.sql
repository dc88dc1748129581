INSERT INTO survey_responses (survey_id, household_id, village_id, answered_on, channel,
                              recorded_by, visit_id)
VALUES ($1, $2, $3, $4, $5, $6, $7)
