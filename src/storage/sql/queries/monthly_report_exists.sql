SELECT 1 FROM monthly_reports WHERE month = $1
