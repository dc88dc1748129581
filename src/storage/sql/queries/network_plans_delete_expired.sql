DELETE FROM network_plans WHERE expires_at <= $1
