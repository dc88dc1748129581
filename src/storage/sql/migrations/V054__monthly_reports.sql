-- Monthly ranking reports (月度通报, issue 18): one row per month 'YYYY-MM', replaced when the
-- report is generated again. figures is the JSON the web page shows; pdf and xlsx hold the
-- generated files in base64 (the query layer's values have no blob type). generated_by is NULL
-- for the scheduled job and the command line.
CREATE TABLE monthly_reports (
  month TEXT PRIMARY KEY,
  generated_at BIGINT NOT NULL,
  generated_by BIGINT,
  summary TEXT NOT NULL DEFAULT '',
  figures TEXT NOT NULL,
  pdf TEXT NOT NULL,
  xlsx TEXT NOT NULL
);
