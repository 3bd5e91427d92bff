-- scripts/bench: turns a planned database into one a team has worked on, for
-- timing a re-plan from now. Tasks in order of their first block's start: the
-- first third done (when their last block ends, by their assignee), the next
-- third in progress (started by their assignee, half the estimate spent in one
-- work-log entry). Prints the clock for the re-plan (unix seconds): the start
-- of the last in-progress task, so that every task done or in progress began
-- before it. Plain SQL on the schema of docs/storage.md (version 2 or later).
CREATE TEMP TABLE ranked (task_id TEXT PRIMARY KEY, assignee TEXT, first_start INTEGER,
                           last_end INTEGER, r INTEGER, n INTEGER) WITHOUT ROWID;
INSERT INTO ranked
SELECT b.task_id, p.assignee, MIN(b.utc_start) AS first_start,
       MAX(b.utc_start + 60 * b.minutes) AS last_end,
       ROW_NUMBER() OVER (ORDER BY MIN(b.utc_start), b.task_id) AS r,
       COUNT(*) OVER () AS n
FROM plan_blocks b JOIN plan_tasks p ON p.task_id = b.task_id
WHERE p.assignee <> ''
GROUP BY b.task_id;

CREATE TEMP TABLE clock AS
SELECT COALESCE(MAX(first_start), 0) AS now FROM ranked WHERE r <= 2 * n / 3;

BEGIN;
UPDATE tasks SET status = 'done',
                 done_at = (SELECT MIN(last_end, (SELECT now FROM clock)) FROM ranked
                            WHERE ranked.task_id = tasks.id),
                 done_by = (SELECT assignee FROM ranked WHERE ranked.task_id = tasks.id)
WHERE id IN (SELECT task_id FROM ranked WHERE r <= n / 3);

UPDATE tasks SET status = 'in-progress',
                 started_by = (SELECT assignee FROM ranked WHERE ranked.task_id = tasks.id)
WHERE id IN (SELECT task_id FROM ranked WHERE r > n / 3 AND r <= 2 * n / 3);

INSERT INTO work_log (task_id, assignee, date, hours, recorded_at)
SELECT t.id, k.assignee, date(k.first_start, 'unixepoch'),
       COALESCE(t.estimate_manual, t.estimate_likely) / 2, k.first_start
FROM tasks t JOIN ranked k ON k.task_id = t.id
WHERE k.r > k.n / 3 AND k.r <= 2 * k.n / 3 AND COALESCE(t.estimate_manual, t.estimate_likely) > 0;
COMMIT;

SELECT now FROM clock;
