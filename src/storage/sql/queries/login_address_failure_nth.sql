SELECT failed_at FROM (
  SELECT failed_at, SUM(failures) OVER (ORDER BY failed_at DESC) AS newer
  FROM login_address_failures
  WHERE address_key = $1 AND failed_at > $2
) counted
WHERE newer >= $3
ORDER BY failed_at DESC
LIMIT 1
