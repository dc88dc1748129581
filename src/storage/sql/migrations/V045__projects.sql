-- Livelihood projects (民生项目), app/projects.hpp. A project has a kind (old_compound, road,
-- water, other), a region (region_path for readers' scopes) and a state (planning,
-- in_progress, done).
CREATE TABLE projects (
  id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('old_compound', 'road', 'water', 'other')),
  region_id BIGINT NOT NULL REFERENCES regions (id),
  region_path TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('planning', 'in_progress', 'done')),
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX projects_region ON projects (region_path);

-- The joint team (联合党支部): a registry resident, a party member, an account, or a person from
-- outside the registry (a cadre of another body, the contractor's staff) by name, unit and phone.
CREATE TABLE project_team_members (
  id BIGINT PRIMARY KEY,
  project_id BIGINT NOT NULL REFERENCES projects (id),
  kind TEXT NOT NULL CHECK (kind IN ('resident', 'party_member', 'account', 'outside')),
  resident_id BIGINT REFERENCES residents (id),
  member_id BIGINT REFERENCES party_members (id),
  user_id BIGINT REFERENCES users (id),
  name TEXT NOT NULL DEFAULT '',
  organisation TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  team_role TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX project_team_members_project ON project_team_members (project_id);
CREATE INDEX project_team_members_user ON project_team_members (user_id);

-- The households a project touches, each once (the primary key), with its consent.
CREATE TABLE project_households (
  project_id BIGINT NOT NULL REFERENCES projects (id),
  household_id BIGINT NOT NULL REFERENCES households (id),
  consent TEXT NOT NULL DEFAULT 'not_visited'
    CHECK (consent IN ('not_visited', 'undecided', 'agreed', 'refused')),
  consent_visit_id BIGINT REFERENCES visits (id),
  consent_at BIGINT,
  added_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, household_id)
);

-- Diary visits (民情日记, the network's visits) linked to a project: each visit to one project.
CREATE TABLE project_visits (
  visit_id BIGINT PRIMARY KEY REFERENCES visits (id),
  project_id BIGINT NOT NULL REFERENCES projects (id),
  household_id BIGINT NOT NULL REFERENCES households (id),
  linked_at BIGINT NOT NULL
);
CREATE INDEX project_visits_project ON project_visits (project_id, household_id);

-- One policy per household (一户一策): needs, measures, owner, status open or done.
CREATE TABLE project_plans (
  project_id BIGINT NOT NULL REFERENCES projects (id),
  household_id BIGINT NOT NULL REFERENCES households (id),
  needs TEXT NOT NULL DEFAULT '',
  measures TEXT NOT NULL DEFAULT '',
  owner TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('open', 'done')),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (project_id, household_id)
);

-- The weekly cadence log: progress review, on-site office day, safety inspection.
-- week is the ISO-like week label the team gives ("2026-W49"); held_on a China date.
CREATE TABLE project_cadence (
  id BIGINT PRIMARY KEY,
  project_id BIGINT NOT NULL REFERENCES projects (id),
  kind TEXT NOT NULL CHECK (kind IN ('progress_review', 'onsite_office', 'safety_inspection')),
  week TEXT NOT NULL,
  held_on TEXT NOT NULL,
  who TEXT NOT NULL,
  log TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX project_cadence_project ON project_cadence (project_id, held_on);

-- The issue log: class in_project / outside_project / after_project; resolved by a linked
-- matter (solved only when that matter is closed by the resident's sign-off, read from matters)
-- or by a meeting decision (decision_ref, until meetings wire their own ids).
CREATE TABLE project_issues (
  id BIGINT PRIMARY KEY,
  project_id BIGINT NOT NULL REFERENCES projects (id),
  household_id BIGINT REFERENCES households (id),
  issue_class TEXT NOT NULL CHECK (issue_class IN ('in_project', 'outside_project', 'after_project')),
  text TEXT NOT NULL,
  owner TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  matter_id BIGINT REFERENCES matters (id),
  decision_ref TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX project_issues_project ON project_issues (project_id);
