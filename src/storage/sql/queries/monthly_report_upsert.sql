INSERT INTO monthly_reports (month, generated_at, generated_by, summary, figures, pdf, xlsx)
VALUES ($1, $2, $3, $4, $5, $6, $7)
ON CONFLICT (month) DO UPDATE
SET generated_at = excluded.generated_at, generated_by = excluded.generated_by,
    summary = excluded.summary, figures = excluded.figures, pdf = excluded.pdf,
    xlsx = excluded.xlsx
