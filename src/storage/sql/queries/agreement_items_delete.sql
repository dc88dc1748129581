DELETE FROM agreement_items WHERE agreement_id = $1
