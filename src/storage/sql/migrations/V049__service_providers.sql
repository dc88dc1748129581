-- Service providers (服务商, issue 17): a registry unit (a company) with a profile. The unit stays
-- the one matters are dispatched to and whose staff handle them; this table adds what a provider
-- promises and its state. state: 1 active, 2 suspended (state_reason says why; state_by and
-- state_at who and when). joined is a China date 'YYYY-MM-DD'. Nothing is deleted.
CREATE TABLE service_providers (
  unit_id BIGINT PRIMARY KEY REFERENCES units (id),
  commitments TEXT NOT NULL DEFAULT '',
  joined TEXT NOT NULL,
  state INTEGER NOT NULL CHECK (state IN (1, 2)),
  state_reason TEXT NOT NULL DEFAULT '',
  state_by BIGINT,
  state_at BIGINT,
  created_at BIGINT NOT NULL,
  created_by BIGINT,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);

-- The matter categories a provider serves (a category covers its sub-categories).
CREATE TABLE service_provider_categories (
  unit_id BIGINT NOT NULL REFERENCES service_providers (unit_id),
  category_id BIGINT NOT NULL REFERENCES matter_categories (id),
  PRIMARY KEY (unit_id, category_id)
);

-- The service area: regions whose subtrees the provider serves.
CREATE TABLE service_provider_areas (
  unit_id BIGINT NOT NULL REFERENCES service_providers (unit_id),
  region_id BIGINT NOT NULL REFERENCES regions (id),
  PRIMARY KEY (unit_id, region_id)
);
