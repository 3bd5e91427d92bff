-- rplan schema, version 10: a forecast stored with the plan it was made for
-- (issue 19). `rplan forecast` replaces these rows; a forecast whose plan
-- (created_at and fingerprint) is not the stored plan is never read: a new
-- plan makes it stale. Applied in one transaction after the versions before
-- it. See docs/storage.md.

CREATE TABLE forecast (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  plan_created_at  INTEGER NOT NULL,   -- plan.created_at of the plan it was made for (unix seconds)
  plan_fingerprint TEXT    NOT NULL,   -- and plan.fingerprint: the two name that plan
  made_at          INTEGER NOT NULL,   -- the instant it started from (unix seconds, UTC)
  runs             INTEGER NOT NULL,
  seed             TEXT    NOT NULL,   -- the 64-bit seed as decimal text
  from_history     INTEGER NOT NULL,   -- 0 or 1
  by_kind          INTEGER NOT NULL,   -- 0 or 1
  history          INTEGER NOT NULL,   -- finished tasks drawn from (from_history)
  planned          TEXT    NOT NULL,   -- YYYY-MM-DD: the deterministic plan's finish
  p50              TEXT    NOT NULL,   -- YYYY-MM-DD: the plan's finish percentiles
  p85              TEXT    NOT NULL,
  p95              TEXT    NOT NULL
);

-- Finish percentiles of each topic ('topic', its id) and person ('person',
-- their name), in the order the forecast gave them (ordinal).
CREATE TABLE forecast_finishes (
  scope    TEXT    NOT NULL CHECK (scope IN ('topic', 'person')),
  ordinal  INTEGER NOT NULL,
  key      TEXT    NOT NULL,
  title    TEXT    NOT NULL DEFAULT '',  -- a topic's title
  p50      TEXT    NOT NULL,
  p85      TEXT    NOT NULL,
  p95      TEXT    NOT NULL,
  PRIMARY KEY (scope, ordinal)
);

-- The distribution of the plan's finish: how many runs finished on each date.
CREATE TABLE forecast_distribution (
  date  TEXT    PRIMARY KEY,   -- YYYY-MM-DD
  runs  INTEGER NOT NULL CHECK (runs > 0)
);

-- Each task's share of the runs in which it was on the critical chain, in
-- the forecast's order (tasks not done, project order).
CREATE TABLE forecast_tasks (
  ordinal         INTEGER PRIMARY KEY,
  task_id         TEXT    NOT NULL,
  prompt          TEXT    NOT NULL,
  critical_share  REAL    NOT NULL
);
