-- rplan schema, version 2: what was recorded about the work (hours spent,
-- remaining, when and by whom a task was finished, every status change), what
-- changed since the plan was made, and where each document was last imported
-- from. Applied in one transaction after version 1. See docs/storage.md.

-- One `rplan task ID --spent HOURS` record. Several entries of a task add up.
CREATE TABLE work_log (
  id           INTEGER PRIMARY KEY,
  task_id      TEXT    NOT NULL REFERENCES tasks(id),
  assignee     TEXT    NOT NULL,            -- who did the work (a name, kept if they leave)
  date         TEXT    NOT NULL,            -- YYYY-MM-DD, the person's local date
  hours        REAL    NOT NULL CHECK (hours > 0),
  recorded_at  INTEGER NOT NULL             -- unix seconds
);
CREATE INDEX work_log_by_task ON work_log (task_id);

-- Every change of a task's status, in the order it was recorded.
CREATE TABLE status_history (
  id       INTEGER PRIMARY KEY,
  task_id  TEXT    NOT NULL REFERENCES tasks(id),
  status   TEXT    NOT NULL CHECK (status IN ('open', 'in-progress', 'done')),
  at       INTEGER NOT NULL,                -- unix seconds; for done, when it was finished
  by       TEXT    NOT NULL DEFAULT ''      -- the person credited, '' when none
);
CREATE INDEX status_history_by_task ON status_history (task_id);

ALTER TABLE tasks ADD COLUMN remaining_hours REAL;            -- NULL: derived (estimate - spent)
ALTER TABLE tasks ADD COLUMN done_at INTEGER;                 -- unix seconds, while done
ALTER TABLE tasks ADD COLUMN done_by TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN started_by TEXT NOT NULL DEFAULT '';

-- The folder (absolute) of the last import of each document.
ALTER TABLE documents ADD COLUMN folder TEXT NOT NULL DEFAULT '';

ALTER TABLE plan ADD COLUMN now INTEGER;                      -- unix seconds; NULL: created_at
ALTER TABLE plan_tasks ADD COLUMN slipped INTEGER NOT NULL DEFAULT 0 CHECK (slipped IN (0, 1));
ALTER TABLE plan_blocks ADD COLUMN history INTEGER NOT NULL DEFAULT 0 CHECK (history IN (0, 1));

-- Every change that would alter the plan, appended while a plan exists and
-- emptied when a plan is written. kind: team, time-off, holiday, task-added,
-- task-removed, task-edited, topic-edited, document-forgotten, estimate, pin,
-- dependency, status, spent, remaining. subject: the person, date, task id,
-- topic title or document name it is about.
CREATE TABLE plan_changes (
  id       INTEGER PRIMARY KEY,
  kind     TEXT    NOT NULL,
  subject  TEXT    NOT NULL DEFAULT '',
  at       INTEGER NOT NULL                 -- unix seconds
);
