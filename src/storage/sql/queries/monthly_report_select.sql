SELECT month, generated_at, generated_by, summary, figures, pdf, xlsx
FROM monthly_reports
WHERE month = $1
