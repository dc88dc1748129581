SELECT a.id, a.posting_id, a.year, a.title, a.signed_on, a.signed_by, a.signed_at, a.created_at,
       a.created_by, a.updated_at
FROM agreements a
