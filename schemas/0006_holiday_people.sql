-- rplan schema, version 6: holidays for some people only (`rplan holiday add
-- DATE --for NAME,...`). Applied in one transaction after the versions before
-- it (a database at any earlier version runs every later file in order). See
-- docs/storage.md.

-- The people a holiday is for. A holiday without rows here is everyone's; one
-- with rows is a day off for those people only. Removing a person removes
-- their rows (and rplan removes a holiday left for nobody, rather than let it
-- become everyone's).
CREATE TABLE holiday_people (
  date         TEXT    NOT NULL REFERENCES holidays(date) ON DELETE CASCADE,
  assignee_id  INTEGER NOT NULL REFERENCES assignees(id) ON DELETE CASCADE,
  PRIMARY KEY (date, assignee_id)
) WITHOUT ROWID;
CREATE INDEX holiday_people_by_assignee ON holiday_people (assignee_id);
