DELETE FROM contact_links WHERE id = $1
