DELETE FROM login_address_failures WHERE failed_at <= $1
