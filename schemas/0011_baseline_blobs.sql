-- rplan schema, version 11: a baseline's tasks packed into one BLOB of its
-- row (baselines.tasks) instead of a row per task in baseline_tasks: a plan
-- writes its snapshot as one row, and reading a baseline back is one read.
-- rplan_pack_baseline is rplan's own aggregate (planner/store/baseline_blob.cpp,
-- which defines the format); it exists only while rplan migrates. Applied in
-- one transaction after the versions before it. See docs/storage.md.

ALTER TABLE baselines ADD COLUMN task_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE baselines ADD COLUMN tasks BLOB NOT NULL DEFAULT x'';

UPDATE baselines SET
  task_count = (SELECT COUNT(*) FROM baseline_tasks t WHERE t.baseline_id = baselines.id),
  tasks = (SELECT rplan_pack_baseline(t.task_id, t.assignee, t.status, t.start, t.finish,
                                      t.first_date, t.last_date, t.estimate_hours,
                                      t.planned_minutes)
           FROM baseline_tasks t WHERE t.baseline_id = baselines.id);

DROP TABLE baseline_tasks;
