DELETE FROM routing_rules WHERE id = $1
