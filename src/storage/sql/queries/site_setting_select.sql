SELECT value FROM site_settings WHERE name = $1
