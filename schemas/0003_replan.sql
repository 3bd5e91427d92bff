-- rplan schema, version 3: what re-planning from now keeps. Applied in one
-- transaction after version 2. See docs/storage.md.

-- Who worked a block of history when it is not the task's assignee (an
-- in-progress task that someone else carries on); '' for the assignee.
ALTER TABLE plan_blocks ADD COLUMN assignee TEXT NOT NULL DEFAULT '';

-- The hours the plan gave a task whose spent hours reached its estimate
-- (tracking.minimum_remaining_hours when it was made); NULL: 1.
ALTER TABLE plan ADD COLUMN minimum_remaining_hours REAL;
