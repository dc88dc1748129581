SELECT survey_id, household_id, village_id, answered_on, channel, recorded_by, visit_id
FROM survey_responses WHERE survey_id = $1 AND household_id = $2
