INSERT INTO matter_events (id, matter_id, kind, at, user_id, user_name, from_unit_id, to_unit_id,
                           text, internal, attachment_ids)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
