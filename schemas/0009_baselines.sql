-- rplan schema, version 9: baselines (`rplan baseline`, `rplan diff`,
-- `export --baseline`). A baseline keeps what a plan said of each task, not a
-- copy of the plan: its dates, assignee and hours. Applied in one transaction
-- after the versions before it. See docs/storage.md.

-- A saved plan. Names are the user's (`baseline save NAME`) and `previous`
-- (the plan the last `plan` replaced); the empty name is the stored plan's
-- own snapshot, written with it, which becomes `previous` at the next plan.
CREATE TABLE baselines (
  id               INTEGER PRIMARY KEY,
  name             TEXT    NOT NULL UNIQUE,
  saved_at         INTEGER NOT NULL,             -- unix seconds
  plan_created_at  INTEGER NOT NULL,             -- the plan's created_at, unix seconds
  plan_now         INTEGER NOT NULL,             -- the instant it was made from
  start            TEXT    NOT NULL,             -- YYYY-MM-DD
  finish           TEXT    NOT NULL,
  total_hours      REAL    NOT NULL
);

-- One task as the baseline's plan had it. Keyed by task id, which survives
-- re-import (an archived task keeps its row, and shows as removed).
CREATE TABLE baseline_tasks (
  baseline_id      INTEGER NOT NULL REFERENCES baselines(id) ON DELETE CASCADE,
  task_id          TEXT    NOT NULL REFERENCES tasks(id),
  assignee         TEXT    NOT NULL DEFAULT '',  -- '' when nobody had it
  status           TEXT    NOT NULL DEFAULT 'open',
  start            INTEGER,                      -- unix seconds; NULL when unplanned
  finish           INTEGER,
  first_date       TEXT,                         -- local date of its first and last work
  last_date        TEXT,
  estimate_hours   REAL    NOT NULL,
  planned_minutes  INTEGER NOT NULL DEFAULT 0,   -- its work blocks, history included
  PRIMARY KEY (baseline_id, task_id)
) WITHOUT ROWID;

-- The project's scope in hours (the hours recorded plus the hours left) when
-- each plan was made: the burn-up's scope line for past weeks.
CREATE TABLE plan_scope (
  at           INTEGER PRIMARY KEY,              -- the plan's now, unix seconds
  scope_hours  REAL    NOT NULL
);

-- A database upgraded with a plan: that plan's snapshot, so that the next
-- `plan` keeps it as `previous`.
INSERT INTO baselines (name, saved_at, plan_created_at, plan_now, start, finish, total_hours)
  SELECT '', created_at, created_at, COALESCE(now, created_at), start, finish, total_hours
  FROM plan;
INSERT INTO baseline_tasks (baseline_id, task_id, assignee, status, start, finish, first_date,
                            last_date, estimate_hours, planned_minutes)
  SELECT (SELECT id FROM baselines WHERE name = ''), pt.task_id, pt.assignee, t.status,
         MIN(b.utc_start),
         CASE WHEN t.status = 'done' AND t.done_at IS NOT NULL THEN t.done_at
              ELSE MAX(b.utc_start + 60 * b.minutes) END,
         MIN(b.date), MAX(b.date),
         COALESCE(t.estimate_manual, t.estimate_likely), COALESCE(SUM(b.minutes), 0)
  FROM plan_tasks pt JOIN tasks t ON t.id = pt.task_id
       LEFT JOIN plan_blocks b ON b.task_id = pt.task_id
  WHERE EXISTS (SELECT 1 FROM plan)
  GROUP BY pt.task_id;
