SELECT month, generated_at, generated_by, summary
FROM monthly_reports
ORDER BY month DESC
