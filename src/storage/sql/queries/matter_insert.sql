INSERT INTO matters (id, number, type, category_id, channel, urgency, status, household_id,
                     resident_id, caller_name, caller_phone, region_id, region_path, title,
                     content, address, lat, lng, accepted_by, accepted_at, unit_id, handler_id,
                     first_unit_id, response_due_at, due_at, responded_at, replied_at, closed_at,
                     reply, escalation_level, supervised, merged_into_id, public_token, solved,
                     rating, rating_comment, confirmed_via, reopen_count, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
        $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38,
        $39)
