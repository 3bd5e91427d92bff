#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "planner/model/baseline.hpp"
#include "planner/model/model.hpp"

namespace SQLite {
class Database;
class Transaction;
}  // namespace SQLite

namespace rplan::store {

enum class Access {
  read_only,   // reading; the file must exist
  read_write,  // reading and writing; a missing file is created
  update,      // reading and writing an existing file (a command that changes what is there)
};

// A matched task whose prompt text the import changed.
struct TextChange {
  std::string task_id;
  std::string old_text, new_text;
  model::TaskStatus status = model::TaskStatus::open;  // kept by the task
  // Paired with its prompt by position (not by text) while done or in
  // progress, with a prompt that shares little of the old one's words
  // (prompt_similarity below k_same_meaning): it may be other work that
  // inherits the old task's status.
  bool meaning_changed = false;
};

// An archived topic that had done or in-progress tasks.
struct ArchivedWork {
  std::string topic_id;
  std::string title;
  int done = 0;
  int in_progress = 0;
  // A new topic of the document with at least half of its prompts: the
  // heading it was most likely renamed to ("" when none).
  std::string renamed_to;
};

// What an import changed, in tasks (and topics).
struct ImportReport {
  std::string document;
  int added = 0;      // new tasks (restored ones included)
  int updated = 0;    // matched tasks whose prompt text changed
  int unchanged = 0;  // matched tasks with the same text and estimate (a moved prompt included)
  // Matched tasks with the same text whose model estimate changed (the
  // [estimate] settings changed since the last import); not in `unchanged`.
  int re_estimated = 0;
  int removed = 0;  // tasks archived: gone from their topic, or their topic gone
  int topics_added = 0;
  int topics_archived = 0;
  int topics_restored = 0;
  std::vector<TextChange> edited;                // every updated task, in document order
  std::vector<ArchivedWork> archived_with_work;  // archived topics with done or in-progress work
  // The folder this document's name was last imported from, when that is
  // another folder than the one it comes from now ("" otherwise).
  std::string previous_folder;
};

// One document's import worked out against the database but not written yet
// (Store::resolve_imports): the id of every topic and task it will have, and
// what the import archives. Refers to the parsed document, which must
// outlive it.
struct ResolvedImport {
  const model::ParsedDocument* document = nullptr;
  std::int64_t document_id = 0;        // 0: a new document
  int ordinal = 0;                     // the document's place among all documents
  std::vector<std::string> topic_ids;  // one per topic, in document order
  std::vector<bool> topic_is_new;
  std::vector<std::string> task_ids;         // one per prompt, in document order
  std::vector<bool> task_is_new;             // else the stored task it keeps (live before)
  std::vector<std::string> archived_topics;  // live topics the document no longer has
  std::vector<std::string> archived_tasks;   // live tasks of its topics no longer there
  std::vector<std::string> restored_tasks;   // tasks it brings back (their topic's included)
  // The stored model estimate of every kept task with the same text (by its
  // place in task_ids), which apply_import compares with the new one: the
  // estimates may be worked out while the import is resolved.
  struct KeptEstimate {
    std::size_t task = 0;
    double likely = 0, optimistic = 0, pessimistic = 0;
  };
  std::vector<KeptEstimate> kept_estimates;
  ImportReport report;  // re_estimated is apply_import's
};

struct ResolvedImports {
  std::vector<ResolvedImport> documents;
  // Some topic or task comes back from the archive: its stored state (status,
  // plan rows) is not in a project loaded before the import, so
  // apply_to_project cannot be used.
  bool restores = false;
  struct Document {
    std::string name, title;
    int ordinal = 0;
  };
  std::vector<Document> all_documents;  // every document after the import, by ordinal
};

// Turns `project`, loaded before the import was written, into what
// load_project returns after it (the same values, in the same order), without
// reading the database; but plan.stale_reasons is left as it was (the import's
// own changes are not added: the caller plans the project, which makes the
// plan up to date). Requires !imports.restores.
void apply_to_project(const ResolvedImports& imports, model::Project& project);

// A task as `show` and `task` see it: the task, its topic, and the plan row.
struct TaskDetails {
  model::Task task;
  model::Topic topic;
  std::string document_path_hint;            // the document's name
  bool unassigned = false;                   // the last plan found nobody to take it
  std::vector<model::WorkEntry> work;        // its work entries, by date
  std::vector<model::StatusChange> history;  // its status changes, as recorded
  model::PlanInfo plan;                      // the stored plan's (stale_reasons included)
};

// A subscribable feed (`rplan feed`): its token is kept only as a hash.
struct Feed {
  std::string name;
  std::string person;      // "" : the team's feed
  std::string token_hash;  // SHA-256 of the token, lower-case hex
  model::Instant created_at{};
  std::optional<model::Instant> revoked;  // set once revoked
};

// What `rplan publish` last put on a CalDAV collection for one UID.
struct PublishedItem {
  std::string uid;
  std::string href;          // the resource's URL
  std::string etag;          // "" when the server sent none
  std::string content_hash;  // of the bytes sent
};

// A saved baseline, as `baseline list` shows it.
struct BaselineSummary {
  std::string name;
  model::Instant saved_at{};
  model::Instant plan_created_at{};  // when the plan it keeps was made
  model::Date start{}, finish{};     // that plan's
  double total_hours = 0;
  std::int64_t tasks = 0;
};

// The rplan database: the only code that sees SQLiteCpp.
//
// Opening checks the file before anything is written (journal mode included):
// a file that is not an SQLite database, an SQLite database of another
// application, or an rplan database from a newer version is refused with
// rplan::InputError (exit 65) and left byte-for-byte untouched. A missing
// file is created (read_write only; read_only then fails with exit 66).
// read_write also turns on WAL and applies pending migrations.
//
// Writers call begin() and commit the returned Transaction; anything thrown
// before commit() rolls the whole command back. A database held by another
// writer past the busy timeout throws rplan::BusyError (exit 75).
class Store {
 public:
  Store(const std::filesystem::path& path, Access access);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  class Transaction {
   public:
    explicit Transaction(Store& store);
    ~Transaction();
    void commit();

   private:
    std::unique_ptr<SQLite::Transaction> m_tx;
    Store& m_store;
  };

  const std::filesystem::path& path() const { return m_path; }
  // The schema version this build writes (the newest migration).
  static int latest_version();
  int version() const;

  // ---- topics and tasks ----
  // Stores one parsed (and estimated) document under the identity rules of
  // docs/storage.md; ids of new topics and tasks are deterministic.
  ImportReport import_document(const model::ParsedDocument& document);
  // import_document in two steps, so that `run` can plan from memory while
  // the rows are written: resolve_imports only reads (every document against
  // the database as the ones before it leave it), apply_import writes one
  // document's rows. Nothing else may change the database in between.
  ResolvedImports resolve_imports(std::span<const model::ParsedDocument> documents);
  ImportReport apply_import(const ResolvedImport& resolved);
  // Whether the file is in WAL mode (a second connection can then read the
  // last commit while this one writes).
  bool in_wal_mode() const;
  // Archives every topic of the named document; returns how many tasks were
  // hidden. Throws InputError when no document has that name.
  int forget_document(const std::string& name);

  // Gives back the memory of the connection's page cache (up to 64 MiB),
  // for long work that no longer reads the database.
  void release_memory();

  // Everything the exporters and the scheduler need, archived items left out:
  // with each task's recorded work (spent hours, remaining, done at and by),
  // the work log of the live tasks, plan.stale_reasons (one phrase per kind
  // of change recorded since the plan was made) and the cancelled calendar
  // items. Read in one transaction (unless the caller has one open), so a
  // plan written meanwhile by another connection is seen whole or not at all.
  model::Project load_project() const;
  // A number that changes whenever another connection has committed a change
  // to the database since this one last looked (PRAGMA data_version).
  std::int64_t data_version() const;
  std::optional<TaskDetails> find_task(const std::string& id) const;
  // For an archived task (or one of an archived topic): its document's name.
  std::optional<std::string> archived_task_document(const std::string& id) const;
  // The id of the live task `given` names, the one rule for every id the
  // user types (show, task, --after, --not-after): the id itself, else the
  // one live task whose id starts with it (case does not matter: ids are
  // lower-case). Throws InputError (exit 65) for a prefix several tasks share
  // (naming up to ten of them and how many there are), for an archived task
  // (naming its document and how to restore it), and for an id nothing has.
  std::string resolve_task_id(std::string_view given) const;

  // Changes a task's status and keeps the change in its history with its
  // time and person (`by`, "" when none). Done: done_at = at, done_by = by,
  // an explicit remaining is dropped; leaving done clears done_at and
  // done_by; in progress: `by` started it unless someone had. The same
  // status changes nothing, except that a done task given another time or
  // person has its done_at / done_by corrected. Returns whether anything
  // changed. Throws InputError for an unknown or archived task.
  bool set_status(const std::string& task_id, model::TaskStatus status, model::Instant at,
                  const std::string& by);
  // nullopt clears the manual estimate (the model's figure applies again).
  // With `optimistic` and `pessimistic` (both or neither) it is a manual
  // three-point estimate, `hours` the likely figure; without, a single
  // figure that keeps the kind's ratios (model::three_point).
  void set_manual_estimate(const std::string& task_id, std::optional<double> hours,
                           std::optional<double> optimistic = std::nullopt,
                           std::optional<double> pessimistic = std::nullopt);
  // "" unpins. Throws InputError when the person is not in the team.
  void set_pin(const std::string& task_id, const std::string& assignee);
  void add_after(const std::string& task_id, const std::string& after_id);
  // Returns false when there was no such dependency.
  bool remove_after(const std::string& task_id, const std::string& after_id);

  // ---- what was recorded (planner/store/tracking.cpp) ----
  // The instant recorded with every plan change this connection makes (see
  // plan_changes in docs/storage.md): the caller's clock, as nothing here
  // reads one. Unset: the epoch.
  void set_now(model::Instant now) { m_now = now; }

  // Records work on a task (`task --spent`): adds the entry (a task's
  // entries add up), lowers an explicit remaining by its hours (not below
  // 0), and makes an open task in progress, started by entry.assignee at
  // entry.recorded_at (kept in its status history). Throws InputError for an
  // unknown or archived task, or hours that are not a number above 0.
  void record_work(const model::WorkEntry& entry);
  // Sets how many hours are left of a task (`task --remaining`; 0 allowed:
  // nothing left, not done). An open or done task becomes in progress (a
  // status change at `at` by `by`). Throws InputError for an unknown or
  // archived task, or hours that are not a number of 0 or more.
  void set_remaining(const std::string& task_id, double hours, model::Instant at,
                     const std::string& by);
  // The task's status changes, in the order they were recorded.
  std::vector<model::StatusChange> status_history(const std::string& task_id) const;

  // Which work entries work_log returns: every field that is set must match
  // ("" and nullopt match everything; from and to are inclusive).
  struct WorkLogQuery {
    std::string assignee;
    std::string task_id;
    std::optional<model::Date> from, to;
  };
  // The work entries of live tasks (archived ones are hidden, as in
  // load_project) that match, by date, then task id, then as recorded.
  std::vector<model::WorkEntry> work_log(const WorkLogQuery& query) const;

  // ---- team and calendars ----
  // Adds the person, or updates every field of the one with that name.
  // Returns true when the person was new.
  bool upsert_assignee(const model::Assignee& person);
  // Removes the person, their time off, and unpins their tasks; a holiday
  // that was theirs alone is removed (it would otherwise become everyone's).
  // Returns false when there is nobody of that name.
  bool remove_assignee(const std::string& name);
  std::vector<model::Assignee> team() const;

  // What add_time_off stored.
  struct TimeOffAdded {
    model::TimeOff stored;               // the range as stored, with its reason
    std::vector<model::TimeOff> merged;  // other ranges of the person it overlapped, now in it
  };
  // Records a person's time off (off.assignee: a name as stored). Ranges of
  // one person never overlap: one that shares a day with the person's other
  // ranges is merged with them into one range from the earliest of their days
  // to the latest. Its reason is the one given, else that of the ranges it
  // replaces (different ones joined with "; "), so re-adding the same range
  // without a reason keeps its reason. Throws InputError for a name not in
  // the team.
  TimeOffAdded add_time_off(const model::TimeOff& off);
  bool remove_time_off(const std::string& name, model::Date from);
  std::vector<model::TimeOff> time_off() const;

  // Adds the holiday on holiday.date, or changes the one on that date: its
  // name (an empty name keeps the one it has) and whom it is for:
  // holiday.people (names as stored; empty: everyone). Returns the holiday
  // that was on that date before, if any. Throws InputError for a name not
  // in the team.
  std::optional<model::Holiday> add_holiday(const model::Holiday& holiday);
  bool remove_holiday(model::Date date);
  // By date, each with its people sorted by name.
  std::vector<model::Holiday> holidays() const;

  // ---- feeds and CalDAV collections (planner/store/calendars.cpp) ----
  // Adds a feed, or replaces a revoked one of that name. Throws InputError
  // when a feed of that name is in use, or when `person` ("" for the team) is
  // not in the team.
  void add_feed(const Feed& feed);
  // Every feed, revoked ones included, by name.
  std::vector<Feed> feeds() const;
  // Revokes the feed; false when no feed of that name is in use.
  bool revoke_feed(const std::string& name, model::Instant at);

  // Every collection URL something was published to as a person's collection
  // under `base` (publish --per-assignee), or as one collection (base "").
  std::vector<std::string> published_collections(const std::string& base) const;
  // What was last published to the collection (its URL), by uid.
  std::vector<PublishedItem> published(const std::string& collection) const;
  // Records one item as published (or replaces its record); `base` as in
  // published_collections.
  void set_published(const std::string& collection, const std::string& base,
                     const PublishedItem& item);
  // Forgets one item of the collection (deleted from the server).
  void forget_published(const std::string& collection, const std::string& uid);

  // ---- the plan ----
  // Replaces the stored plan by project's (every task's assignee, blocks,
  // dependencies; project.plan) and forgets the plan changes recorded since
  // the previous one (project.plan.stale_reasons is emptied: the plan is up
  // to date). Sets the iCalendar sequence of each block, task and topic in
  // `project`: kept when the item's time and text are as in the previous
  // plan, one higher when they changed; an item the previous plan did not
  // have starts above its last cancellation (else at 0). Every item of the
  // previous plan that leaves a calendar (gone from the plan, or out of the
  // calendar of the person it was planned for) is remembered as cancelled
  // there with a sequence one above the last that calendar had, and
  // project.cancelled becomes every item remembered so (see
  // model::CancelledItem; left_on is the UTC date of project.plan.now). When
  // the whole plan is the same as before, the previous created_at and plan.now are kept
  // (so exports are byte-identical); otherwise project.plan.created_at = now.
  void save_plan(model::Project& project, model::Instant now);

  // save_plan in two steps, so that `run` can write its exports while the
  // rows are stored. prepare_plan reads the previous plan and sets the
  // sequences, project.cancelled and created_at in `project`, as save_plan
  // does; write_plan then replaces the stored plan. `project` must not change
  // in between. With `fill_cancelled` false, project.cancelled is left empty
  // instead of holding every item remembered as cancelled (for a caller that
  // exports nothing from `project`: a re-plan that moves most of a large
  // plan's work adds hundreds of thousands of items, each with its text).
  struct PreparedPlan {
    // An item of a task the project still has that left a calendar: what
    // write_plan stores about it without copying the task's text.
    struct Left {
      const model::Task* task = nullptr;      // the task
      const model::Topic* topic = nullptr;    // its topic, nullptr when none
      const std::string* calendar = nullptr;  // the person whose calendar it left, in `calendars`
      int number = 0;                         // a block's number (1-based); 0: the task's to-do
      int sequence = 0;                       // the cancellation's SEQUENCE
      bool dated = false;                     // it had work blocks: the dates and times below
      model::Date first_date{}, last_date{};
      model::Instant utc_start{}, utc_end{};
    };
    std::vector<const model::Task*> tasks;          // every task, in id order
    std::vector<std::uint64_t> fingerprints;        // each task's, then its blocks', in that order
    std::vector<const model::Topic*> topics;        // every topic, in id order
    std::vector<std::uint64_t> topic_fingerprints;  // one per topic
    // The items this plan adds as cancelled: of tasks in the project (left),
    // and of tasks and topics no longer in it (gone, with their texts).
    std::vector<Left> left;
    std::vector<model::CancelledItem> gone;
    std::vector<std::unique_ptr<const std::string>> calendars;  // the names `left` points to
    model::Date left_on{};                                      // of every item added
    std::uint64_t fingerprint = 0;                              // the whole plan's
  };
  PreparedPlan prepare_plan(model::Project& project, model::Instant now,
                            bool fill_cancelled = true);
  // Also keeps the plan it replaces as the baseline `previous` (replacing
  // that one), and this plan's own snapshot for the next time.
  void write_plan(const model::Project& project, const PreparedPlan& prepared);

  // ---- baselines (planner/store/baselines.cpp, docs/baselines.md) ----
  // Keeps the stored plan as the baseline `name` (model::make_baseline),
  // replacing one of that name; true when it replaced one. Throws
  // InputError when no plan was made yet.
  bool save_baseline(const std::string& name, model::Instant at);
  // The baselines, `previous` included, oldest first.
  std::vector<BaselineSummary> baselines() const;
  // False when there is no baseline of that name.
  bool remove_baseline(const std::string& name);
  // The baseline with each task's dates, person and hours, and its topic and
  // prompt as they are now (a removed task's included); nullopt when there
  // is none of that name.
  std::optional<model::Baseline> load_baseline(const std::string& name) const;
  // ---- a forecast stored with the plan (forecast_rows.cpp) ----
  // Replaces the stored forecast with `forecast`, keyed to the stored plan
  // (its created_at and fingerprint). Throws InputError when there is no
  // stored plan or it is not the one made at `plan_created_at` (planned
  // again meanwhile). Call inside a Transaction.
  void save_forecast(const model::Forecast& forecast, model::Instant plan_created_at);
  // The stored forecast when it was made for the stored plan; nullopt when
  // there is none, or a new plan has been made since (it is stale).
  std::optional<model::Forecast> load_forecast() const;

 private:
  SQLite::Database& db() const { return *m_db; }
  std::filesystem::path m_path;
  std::unique_ptr<SQLite::Database> m_db;
  model::Instant m_now{};
  friend class Transaction;
};

}  // namespace rplan::store
