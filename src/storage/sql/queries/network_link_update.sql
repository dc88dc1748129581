UPDATE contact_links SET member_id = $2, kind = $3 WHERE id = $1
