DELETE FROM network_plans WHERE id = $1
