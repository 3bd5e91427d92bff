-- rplan schema, version 5: calendars that stay true. The iCalendar SEQUENCE
-- of each topic's to-do; every calendar item that left a calendar (for
-- cancelled events, and so that a SEQUENCE never goes back); the tokens of
-- subscribable feeds (`rplan feed`, `rplan serve`); what `rplan publish`
-- last put on each CalDAV collection. Applied in one transaction after the
-- versions before it. See docs/storage.md.

-- A topic's to-do (the parent of its tasks' to-dos): its SEQUENCE, kept
-- while its fingerprint is the same, as plan_tasks does for tasks.
CREATE TABLE plan_topics (
  topic_id     TEXT    PRIMARY KEY REFERENCES topics(id),
  sequence     INTEGER NOT NULL DEFAULT 0,
  fingerprint  TEXT    NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- An iCalendar item that left a calendar: gone from the plan, or moved out
-- of one person's calendar. A calendar file that no longer holds the uid
-- writes it as cancelled with this sequence (for a while); an item that comes
-- back continues above it. Rows are kept when the item comes back (the
-- sequence must never go back) and replaced when it leaves again.
CREATE TABLE calendar_cancelled (
  uid          TEXT    NOT NULL,              -- "<task>-<n>@rplan", "<task>@rplan", "<topic>-topic@rplan"
  calendar     TEXT    NOT NULL,              -- the person whose calendar it left; '' the team's only
  kind         TEXT    NOT NULL CHECK (kind IN ('block', 'task', 'topic')),
  subject      TEXT    NOT NULL,              -- the task's id (block, task) or the topic's
  number       INTEGER NOT NULL DEFAULT 0,    -- a block's number; 0 otherwise
  sequence     INTEGER NOT NULL,              -- the cancellation's SEQUENCE
  left_on      TEXT    NOT NULL,              -- YYYY-MM-DD (UTC) of the plan it left in
  first_date   TEXT,                          -- its local dates and UTC time (unix
  last_date    TEXT,                          -- seconds), NULL when it had no work blocks
  utc_start    INTEGER,
  utc_end      INTEGER,
  task_kind    TEXT    NOT NULL DEFAULT 'other',
  text         TEXT    NOT NULL DEFAULT '',   -- the task's prompt, or the topic's title
  topic_title  TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (uid, calendar)
) WITHOUT ROWID;

-- A subscribable feed (`rplan feed add NAME [--person P]`). Only the SHA-256
-- of its secret token is kept (hex); the token itself is shown once.
CREATE TABLE feeds (
  name        TEXT    PRIMARY KEY,
  person      TEXT    NOT NULL DEFAULT '',    -- '' : the team's feed (every page)
  token_hash  TEXT    NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,               -- unix seconds
  revoked_at  INTEGER                         -- unix seconds; NULL while it works
);

-- What `rplan publish --caldav` last put on a CalDAV collection: one row per
-- calendar object resource (one item's UID), with the server's ETag and the
-- SHA-256 of the bytes sent, so an unchanged item is not sent again.
CREATE TABLE caldav_published (
  collection    TEXT    NOT NULL,             -- the collection's URL
  uid           TEXT    NOT NULL,
  href          TEXT    NOT NULL,             -- the resource's URL
  etag          TEXT    NOT NULL DEFAULT '',  -- '' when the server sent none
  content_hash  TEXT    NOT NULL,
  base          TEXT    NOT NULL DEFAULT '',  -- --per-assignee: the URL it is a person's
                                              -- collection under; '' published as one
  PRIMARY KEY (collection, uid)
) WITHOUT ROWID;
