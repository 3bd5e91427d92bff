-- rplan schema, version 1. Applied in one transaction by store::Store; the
-- database's PRAGMA user_version is then 1. See docs/storage.md.

-- A topic document, identified by its file name without folders.
CREATE TABLE documents (
  id       INTEGER PRIMARY KEY,
  name     TEXT    NOT NULL UNIQUE,
  title    TEXT    NOT NULL DEFAULT '',
  ordinal  INTEGER NOT NULL            -- order of first import
);

-- A topic, identified by its document and its title. Rows are never deleted:
-- a topic gone from its document is archived, so its id is never reused.
CREATE TABLE topics (
  id           TEXT    PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id),
  title        TEXT    NOT NULL,
  number       INTEGER,
  focus        TEXT    NOT NULL DEFAULT '',
  skills       TEXT    NOT NULL DEFAULT '',   -- comma-separated, lower-case
  position     INTEGER NOT NULL,              -- order within the document
  line         INTEGER NOT NULL DEFAULT 0,
  archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  UNIQUE (document_id, title)
);

CREATE TABLE assignees (
  id             INTEGER PRIMARY KEY,
  name           TEXT    NOT NULL UNIQUE,
  email          TEXT    NOT NULL DEFAULT '',
  hours_per_day  REAL    NOT NULL DEFAULT 6 CHECK (hours_per_day > 0 AND hours_per_day <= 24),
  workdays       TEXT    NOT NULL DEFAULT 'mon,tue,wed,thu,fri',
  day_start      INTEGER NOT NULL DEFAULT 540 CHECK (day_start >= 0 AND day_start < 1440),
  timezone       TEXT    NOT NULL DEFAULT 'UTC',
  skills         TEXT    NOT NULL DEFAULT ''
);

-- A task: one research prompt. Rows are never deleted (archived instead).
CREATE TABLE tasks (
  id                    TEXT    PRIMARY KEY,
  topic_id              TEXT    NOT NULL REFERENCES topics(id),
  position              INTEGER NOT NULL,     -- 1-based, within the topic
  prompt                TEXT    NOT NULL,
  line                  INTEGER NOT NULL DEFAULT 0,
  kind                  TEXT    NOT NULL
                        CHECK (kind IN ('research', 'analysis', 'documentation', 'other')),
  estimate_likely       REAL    NOT NULL,
  estimate_optimistic   REAL    NOT NULL,
  estimate_pessimistic  REAL    NOT NULL,
  estimate_manual       REAL,                 -- NULL unless `task --estimate` set it
  status                TEXT    NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'in-progress', 'done')),
  pinned_assignee_id    INTEGER REFERENCES assignees(id) ON DELETE SET NULL,
  archived              INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE INDEX tasks_by_topic ON tasks (topic_id, position);

-- Explicit dependencies: task_id starts after after_id finishes.
CREATE TABLE task_after (
  task_id   TEXT NOT NULL REFERENCES tasks(id),
  after_id  TEXT NOT NULL REFERENCES tasks(id),
  PRIMARY KEY (task_id, after_id)
) WITHOUT ROWID;

CREATE TABLE holidays (
  date  TEXT PRIMARY KEY,        -- YYYY-MM-DD
  name  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE time_off (
  assignee_id  INTEGER NOT NULL REFERENCES assignees(id) ON DELETE CASCADE,
  from_date    TEXT    NOT NULL,
  to_date      TEXT    NOT NULL,
  reason       TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (assignee_id, from_date),
  CHECK (to_date >= from_date)
) WITHOUT ROWID;

-- The current plan (at most one row) and its tasks and work blocks.
CREATE TABLE plan (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  start        TEXT    NOT NULL,
  finish       TEXT    NOT NULL,
  strategy     TEXT    NOT NULL,
  created_at   INTEGER NOT NULL,   -- unix seconds, UTC
  total_hours  REAL    NOT NULL,
  fingerprint  TEXT    NOT NULL DEFAULT ''
);

CREATE TABLE plan_tasks (
  task_id      TEXT    PRIMARY KEY REFERENCES tasks(id),
  assignee     TEXT    NOT NULL DEFAULT '',   -- '' when nobody could take it
  depends_on   TEXT    NOT NULL DEFAULT '',   -- comma-separated task ids
  sequence     INTEGER NOT NULL DEFAULT 0,    -- iCalendar SEQUENCE of the task's to-do/span
  fingerprint  TEXT    NOT NULL DEFAULT ''
) WITHOUT ROWID;

CREATE TABLE plan_blocks (
  task_id       TEXT    NOT NULL REFERENCES plan_tasks(task_id) ON DELETE CASCADE,
  number        INTEGER NOT NULL,              -- 1-based, in time order
  date          TEXT    NOT NULL,              -- the assignee's local date
  start_minute  INTEGER NOT NULL,              -- local minutes after midnight
  minutes       INTEGER NOT NULL CHECK (minutes > 0),
  utc_start     INTEGER NOT NULL,              -- unix seconds
  sequence      INTEGER NOT NULL DEFAULT 0,    -- iCalendar SEQUENCE of the block's event
  fingerprint   TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (task_id, number)
) WITHOUT ROWID;
