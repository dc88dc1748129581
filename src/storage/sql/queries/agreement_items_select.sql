SELECT kind, label, target, unit, weight FROM agreement_items WHERE agreement_id = $1
ORDER BY position
