-- rplan schema, version 8: forecasts (issue 19). A manual three-point
-- estimate (`rplan task ID --estimate 4-6-12`): its optimistic and
-- pessimistic hours beside estimate_manual (the likely one); NULL for a
-- single manual figure, which keeps the kind's ratios. Applied in one
-- transaction after the versions before it. See docs/storage.md.

ALTER TABLE tasks ADD COLUMN estimate_manual_optimistic REAL;
ALTER TABLE tasks ADD COLUMN estimate_manual_pessimistic REAL;
