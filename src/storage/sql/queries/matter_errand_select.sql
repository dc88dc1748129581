SELECT e.id, e.matter_id, e.household_id, e.assistant_id, e.purpose, e.status, e.created_at,
       e.updated_at
FROM proxy_errands e
