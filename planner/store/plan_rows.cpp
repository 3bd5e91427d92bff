// Saving a plan: its rows, the iCalendar sequence of every item, and the
// items that left a calendar (docs/storage.md, "The plan").

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "planner/model/calendar_items.hpp"
#include "planner/model/topic_index.hpp"
#include "planner/store/batch_insert.hpp"
#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store.hpp"
#include "planner/store/store_internal.hpp"
#include "planner/util/text.hpp"

namespace rplan::store {

using detail::from_unix;
using detail::guarded;
using detail::id_prefix;
using detail::text_of;
using detail::to_unix;

namespace {

// FNV-1a over the fields that make up an event's time and text, without
// building strings: the fingerprints of 600,000 blocks are cheap.
class Fingerprint {
 public:
  Fingerprint& add(std::string_view text) {
    for (unsigned char c : text) mix(c);
    mix(0x1f);
    return *this;
  }
  Fingerprint& add(std::int64_t number) {
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(number >> (8 * i)));
    return *this;
  }
  Fingerprint& add(double number) { return add(static_cast<std::int64_t>(number * 1000)); }
  Fingerprint& add(const std::optional<model::Instant>& t) {
    return add(static_cast<std::int64_t>(t ? to_unix(*t) : -1));
  }
  std::uint64_t value() const { return m_hash; }

 private:
  void mix(unsigned char c) {
    m_hash ^= c;
    m_hash *= 1099511628211ull;
  }
  std::uint64_t m_hash = 14695981039346656037ull;
};

// What every event of a task shows besides its own time.
Fingerprint task_text(const model::Task& t, const model::Topic* topic) {
  Fingerprint f;
  f.add(t.id).add(t.assignee).add(t.prompt).add(model::to_string(t.kind));
  f.add(model::to_string(t.status)).add(t.estimate.hours);
  if (topic != nullptr) f.add(topic->title).add(topic->focus);
  return f;
}

// A block's event: the task's text, its number, time and person (whether it
// is history is no part of the event).
std::uint64_t block_fingerprint(Fingerprint text, const model::WorkBlock& b, std::size_t number) {
  text.add(static_cast<std::int64_t>(number))
      .add(static_cast<std::int64_t>(to_unix(b.utc_start)))
      .add(static_cast<std::int64_t>(b.minutes));
  if (!b.assignee.empty()) text.add(b.assignee);
  return text.value();
}

std::uint64_t task_fingerprint(Fingerprint text, const model::Task& t) {
  for (const auto& d : t.depends_on) text.add(d);
  text.add(t.start).add(t.finish);
  return text.value();
}

// A topic's to-do shows the topic and what its tasks add up to (dates,
// status, progress): its fingerprint starts with the topic, and each of its
// tasks adds what the sums read.
Fingerprint topic_text(const model::Topic& topic) {
  Fingerprint f;
  f.add(topic.id).add(topic.document).add(topic.title).add(topic.focus);
  f.add(static_cast<std::int64_t>(topic.number.value_or(-1)));
  return f;
}

void add_to_topic(Fingerprint& topic, const model::Task& t) {
  topic.add(t.id).add(model::to_string(t.status)).add(t.estimate.hours).add(t.start).add(t.finish);
}

// A fingerprint as stored: 16 lower-case hex digits.
struct Hex {
  explicit Hex(std::uint64_t value) {
    static constexpr char k_hex[] = "0123456789abcdef";
    for (int i = 0; i < 16; ++i) text[15 - i] = k_hex[(value >> (4 * i)) & 15];
    text[16] = '\0';
  }
  std::string_view view() const { return {text, 16}; }
  char text[17];
};

// Tasks are visited in id order, which is not their order in memory: at
// 300,000 tasks, waiting for each task's cache lines took longer than the
// rows' own work. These ask for them a few tasks ahead (a hint: nothing is
// read, so any task may be given).
constexpr std::size_t k_prefetch_ahead = 8;

// The parts of a task its rows and fingerprints read.
void prefetch_task(const model::Task& t) {
  __builtin_prefetch(&t.id);
  __builtin_prefetch(&t.assignee);
  __builtin_prefetch(&t.depends_on);
  __builtin_prefetch(&t.blocks);
  __builtin_prefetch(&t.sequence);
}

// Its blocks (the task itself asked for earlier: this reads where they are).
void prefetch_blocks(const model::Task& t) {
  const char* first = reinterpret_cast<const char*>(t.blocks.data());
  const std::size_t bytes = t.blocks.size() * sizeof(model::WorkBlock);
  for (std::size_t at = 0; at < bytes && at < 4 * 64; at += 64) __builtin_prefetch(first + at);
}

// The sequence of an item of the previous plan: the old one when its
// fingerprint is the same, one more when it changed.
int next_sequence(int old_sequence, std::string_view old_fingerprint, std::uint64_t fingerprint) {
  return old_fingerprint == Hex(fingerprint).view() ? old_sequence : old_sequence + 1;
}

// ---- the previous plan ----

struct OldBlock {
  int sequence = 0;
  char fingerprint[17] = {};
  char date[16] = {};  // YYYY-MM-DD
  std::int64_t utc_start = 0;
  int minutes = 0;
  std::string_view fingerprint_view() const { return {fingerprint, std::strlen(fingerprint)}; }
};

// One task of the previous plan: its row and its blocks. Reused from task
// to task (its strings and vector keep their room).
struct OldTask {
  std::string id, assignee, fingerprint;
  int sequence = 0;
  std::vector<OldBlock> blocks;
  // model::calendar_of, for the previous plan's row.
  const std::string& calendar() const {
    static const std::string nobody;
    return blocks.empty() ? nobody : assignee;
  }
};

void copy_text(char* to, std::size_t room, std::string_view text) {
  const std::size_t n = std::min(text.size(), room - 1);
  std::memcpy(to, text.data(), n);
  to[n] = '\0';
}

// The previous plan's tasks in id order, each with its blocks: plan_tasks
// and plan_blocks read side by side (both keyed by task id).
class OldPlan {
 public:
  explicit OldPlan(SQLite::Database& db)
      : m_tasks(db,
                "SELECT task_id, assignee, sequence, fingerprint FROM plan_tasks ORDER BY task_id"),
        m_blocks(db,
                 "SELECT task_id, sequence, fingerprint, date, utc_start, minutes FROM plan_blocks "
                 "ORDER BY task_id, number") {
    m_more_blocks = m_blocks.executeStep();
  }
  // Reads the next task into `t`; false after the last.
  bool next(OldTask& t) {
    if (!m_tasks.executeStep()) return false;
    t.id.assign(text_of(m_tasks.getColumn(0)));
    t.assignee.assign(text_of(m_tasks.getColumn(1)));
    t.sequence = m_tasks.getColumn(2).getInt();
    t.fingerprint.assign(text_of(m_tasks.getColumn(3)));
    t.blocks.clear();
    while (m_more_blocks) {
      const int c = text_of(m_blocks.getColumn(0)).compare(t.id);
      if (c > 0) break;
      if (c == 0) {
        OldBlock& b = t.blocks.emplace_back();
        b.sequence = m_blocks.getColumn(1).getInt();
        copy_text(b.fingerprint, sizeof b.fingerprint, text_of(m_blocks.getColumn(2)));
        copy_text(b.date, sizeof b.date, text_of(m_blocks.getColumn(3)));
        b.utc_start = m_blocks.getColumn(4).getInt64();
        b.minutes = m_blocks.getColumn(5).getInt();
      }
      m_more_blocks = m_blocks.executeStep();
    }
    return true;
  }

 private:
  SQLite::Statement m_tasks;
  SQLite::Statement m_blocks;
  bool m_more_blocks = false;
};

// ---- items that leave a calendar ----

// The item a Left stands for, with its texts.
model::CancelledItem cancelled_item(const Store::PreparedPlan::Left& l, model::Date left_on) {
  model::CancelledItem c;
  c.kind = l.number > 0 ? model::CalendarItemKind::block : model::CalendarItemKind::task;
  c.uid = l.number > 0 ? model::event_uid(l.task->id, static_cast<std::size_t>(l.number))
                       : model::todo_uid(l.task->id);
  c.subject = l.task->id;
  c.number = l.number;
  c.calendar = *l.calendar;
  c.sequence = l.sequence;
  c.left_on = left_on;
  if (l.dated) {
    c.first_date = l.first_date;
    c.last_date = l.last_date;
    c.utc_start = l.utc_start;
    c.utc_end = l.utc_end;
  }
  c.task_kind = l.task->kind;
  c.text = l.task->prompt;
  if (l.topic != nullptr) c.topic_title = l.topic->title;
  return c;
}

// The cancelled items as stored, and those this plan adds: the sequence an
// item gets when it (re)appears, and the rows to write (in `prepared`).
class Cancellations {
 public:
  // `keep_stored`: whether merged() will be called (else only the highest
  // sequence of each uid is read).
  Cancellations(SQLite::Database& db, model::Date today, Store::PreparedPlan& prepared,
                bool keep_stored)
      : m_db(db), m_prepared(prepared) {
    m_prepared.left_on = today;
    if (keep_stored) {
      m_stored = detail::load_cancelled(db);
      for (const auto& c : m_stored) {
        int& floor = m_floor[c.uid];
        floor = std::max(floor, c.sequence);
      }
    } else {
      SQLite::Statement q(db, "SELECT uid, MAX(sequence) FROM calendar_cancelled GROUP BY uid");
      while (q.executeStep()) m_floor[q.getColumn(0).getString()] = q.getColumn(1).getInt();
    }
  }

  // The sequence of an item the previous plan did not have: one above its
  // last cancellation, else 0.
  int fresh(const std::string& uid) const {
    if (m_floor.empty()) return 0;
    const auto it = m_floor.find(uid);
    return it == m_floor.end() ? 0 : it->second + 1;
  }
  int fresh_block(std::string_view task_id, std::size_t number) const {
    return m_floor.empty() ? 0 : fresh(model::event_uid(task_id, number));
  }

  // A task of the previous plan (with its blocks) left `calendar` ("" for
  // the team's), each item with the given sequence; `live` is the task when
  // the project still has it (else its text is read from the database).
  void task_left(const OldTask& old, const std::string& calendar, int sequence,
                 const model::Task* live, const model::Topic* topic) {
    if (live != nullptr) {
      Store::PreparedPlan::Left& l = left(live, topic, calendar, 0, sequence);
      if (!old.blocks.empty()) {
        dates(l, old.blocks.front());
        const OldBlock& last = old.blocks.back();
        l.last_date = util::parse_date(last.date).value_or(model::Date{});
        l.utc_end = from_unix(last.utc_start + 60 * std::int64_t{last.minutes});
      }
      return;
    }
    model::CancelledItem c =
        item(model::CalendarItemKind::task, model::todo_uid(old.id), old.id, 0, calendar, sequence);
    if (!old.blocks.empty()) {
      dates(c, old.blocks.front());
      const OldBlock& last = old.blocks.back();
      c.last_date = util::parse_date(last.date);
      c.utc_end = from_unix(last.utc_start + 60 * std::int64_t{last.minutes});
    }
    m_prepared.gone.push_back(std::move(c));
  }
  // The n-th (1-based) block of a task of the previous plan left `calendar`.
  void block_left(const OldTask& old, std::size_t number, const std::string& calendar, int sequence,
                  const model::Task* live, const model::Topic* topic) {
    if (live != nullptr) {
      dates(left(live, topic, calendar, static_cast<int>(number), sequence),
            old.blocks[number - 1]);
      return;
    }
    model::CancelledItem c = item(model::CalendarItemKind::block, model::event_uid(old.id, number),
                                  old.id, static_cast<int>(number), calendar, sequence);
    dates(c, old.blocks[number - 1]);
    m_prepared.gone.push_back(std::move(c));
  }
  // A topic of the previous plan is gone.
  void topic_left(std::string_view topic_id, int sequence) {
    model::CancelledItem c;
    c.kind = model::CalendarItemKind::topic;
    c.uid = model::topic_uid(topic_id);
    c.subject = topic_id;
    c.sequence = sequence;
    c.left_on = m_prepared.left_on;
    if (!m_topic_title) {
      m_topic_title.emplace(m_db, "SELECT title FROM topics WHERE id = ?");
    }
    m_topic_title->reset();
    m_topic_title->bind(1, c.subject);
    if (m_topic_title->executeStep()) c.text = m_topic_title->getColumn(0).getString();
    m_prepared.gone.push_back(std::move(c));
  }

  // Every item, stored or added (an added one replaces the stored row of its
  // uid and calendar), by uid, then calendar.
  std::vector<model::CancelledItem> merged() {
    auto key = [](const model::CancelledItem& c) { return std::tie(c.uid, c.calendar); };
    auto by_key = [&](const model::CancelledItem& a, const model::CancelledItem& b) {
      return key(a) < key(b);
    };
    std::vector<model::CancelledItem> added;
    added.reserve(m_prepared.left.size() + m_prepared.gone.size());
    for (const auto& l : m_prepared.left) added.push_back(cancelled_item(l, m_prepared.left_on));
    added.insert(added.end(), m_prepared.gone.begin(), m_prepared.gone.end());
    std::stable_sort(added.begin(), added.end(), by_key);
    std::vector<model::CancelledItem> all;
    all.reserve(m_stored.size() + added.size());
    std::size_t s = 0;
    for (std::size_t a = 0; a < added.size(); ++a) {
      if (a + 1 < added.size() && key(added[a]) == key(added[a + 1])) continue;  // the last wins
      while (s < m_stored.size() && by_key(m_stored[s], added[a])) {
        all.push_back(std::move(m_stored[s++]));
      }
      if (s < m_stored.size() && key(m_stored[s]) == key(added[a])) ++s;
      all.push_back(std::move(added[a]));
    }
    while (s < m_stored.size()) all.push_back(std::move(m_stored[s++]));
    std::vector<model::CancelledItem>().swap(m_stored);
    return all;
  }

 private:
  Store::PreparedPlan::Left& left(const model::Task* live, const model::Topic* topic,
                                  const std::string& calendar, int number, int sequence) {
    Store::PreparedPlan::Left& l = m_prepared.left.emplace_back();
    l.task = live;
    l.topic = topic;
    l.calendar = interned(calendar);
    l.number = number;
    l.sequence = sequence;
    return l;
  }
  // `name` kept where `prepared` holds it, once.
  const std::string* interned(const std::string& name) {
    if (m_last_calendar != nullptr && *m_last_calendar == name) return m_last_calendar;
    auto [it, added] = m_calendars.try_emplace(name, nullptr);
    if (added) {
      it->second =
          m_prepared.calendars.emplace_back(std::make_unique<const std::string>(name)).get();
    }
    m_last_calendar = it->second;
    return it->second;
  }
  // An item of a task the project no longer has: its text read from the database.
  model::CancelledItem item(model::CalendarItemKind kind, std::string uid, std::string_view task_id,
                            int number, const std::string& calendar, int sequence) {
    model::CancelledItem c;
    c.kind = kind;
    c.uid = std::move(uid);
    c.subject = task_id;
    c.number = number;
    c.calendar = calendar;
    c.sequence = sequence;
    c.left_on = m_prepared.left_on;
    if (!m_task_text) {
      m_task_text.emplace(m_db,
                          "SELECT k.kind, k.prompt, p.title FROM tasks k "
                          "JOIN topics p ON p.id = k.topic_id WHERE k.id = ?");
    }
    m_task_text->reset();
    m_task_text->bind(1, c.subject);
    if (m_task_text->executeStep()) {
      c.task_kind = model::parse_task_kind(m_task_text->getColumn(0).getString())
                        .value_or(model::TaskKind::other);
      c.text = m_task_text->getColumn(1).getString();
      c.topic_title = m_task_text->getColumn(2).getString();
    }
    return c;
  }
  static void dates(model::CancelledItem& c, const OldBlock& b) {
    c.first_date = c.last_date = util::parse_date(b.date);
    c.utc_start = from_unix(b.utc_start);
    c.utc_end = from_unix(b.utc_start + 60 * std::int64_t{b.minutes});
  }
  static void dates(Store::PreparedPlan::Left& l, const OldBlock& b) {
    l.dated = true;
    l.first_date = l.last_date = util::parse_date(b.date).value_or(model::Date{});
    l.utc_start = from_unix(b.utc_start);
    l.utc_end = from_unix(b.utc_start + 60 * std::int64_t{b.minutes});
  }

  SQLite::Database& m_db;
  Store::PreparedPlan& m_prepared;
  std::vector<model::CancelledItem> m_stored;
  std::unordered_map<std::string, int> m_floor;  // the highest cancelled sequence of each uid
  std::unordered_map<std::string, const std::string*> m_calendars;  // in m_prepared.calendars
  const std::string* m_last_calendar = nullptr;
  std::optional<SQLite::Statement> m_task_text, m_topic_title;
};

std::optional<std::string> optional_text(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return c.getString();
}

}  // namespace

namespace detail {

std::vector<model::CancelledItem> load_cancelled(SQLite::Database& db) {
  std::vector<model::CancelledItem> items;
  SQLite::Statement q(db,
                      "SELECT uid, calendar, kind, subject, number, sequence, left_on, first_date, "
                      "last_date, utc_start, utc_end, task_kind, text, topic_title "
                      "FROM calendar_cancelled ORDER BY uid, calendar");
  while (q.executeStep()) {
    model::CancelledItem c;
    c.uid = q.getColumn(0).getString();
    c.calendar = q.getColumn(1).getString();
    const std::string_view kind = text_of(q.getColumn(2));
    c.kind = kind == "task"    ? model::CalendarItemKind::task
             : kind == "topic" ? model::CalendarItemKind::topic
                               : model::CalendarItemKind::block;
    c.subject = q.getColumn(3).getString();
    c.number = q.getColumn(4).getInt();
    c.sequence = q.getColumn(5).getInt();
    c.left_on = util::parse_date(text_of(q.getColumn(6))).value_or(model::Date{});
    if (const auto d = optional_text(q.getColumn(7))) c.first_date = util::parse_date(*d);
    if (const auto d = optional_text(q.getColumn(8))) c.last_date = util::parse_date(*d);
    if (!q.getColumn(9).isNull()) c.utc_start = from_unix(q.getColumn(9).getInt64());
    if (!q.getColumn(10).isNull()) c.utc_end = from_unix(q.getColumn(10).getInt64());
    c.task_kind =
        model::parse_task_kind(q.getColumn(11).getString()).value_or(model::TaskKind::other);
    c.text = q.getColumn(12).getString();
    c.topic_title = q.getColumn(13).getString();
    items.push_back(std::move(c));
  }
  return items;
}

}  // namespace detail

void Store::save_plan(model::Project& project, model::Instant now) {
  write_plan(project, prepare_plan(project, now));
}

namespace {

// Sets the sequence of every task, block and topic of `project` from the
// previous plan, and notes each item that leaves a calendar.
class Sequencer {
 public:
  Sequencer(SQLite::Database& db, model::Project& project, Store::PreparedPlan& prepared,
            bool fill_cancelled)
      : m_db(db),
        m_project(project),
        m_prepared(prepared),
        m_topics(project.topics),
        m_cancellations(db, std::chrono::floor<std::chrono::days>(project.plan.now), prepared,
                        fill_cancelled),
        m_fill_cancelled(fill_cancelled) {}

  void run() {
    struct Row {
      std::uint64_t key;  // id_prefix(task->id)
      model::Task* task;
      const model::Topic* topic;
      Fingerprint text;
    };
    // Every task has a row (its to-do is in the team's calendar, planned or
    // not), so a task without one is no longer in the project. Both plan
    // tables are keyed by task id: rows are stored in key order, and the old
    // rows are read alongside.
    std::vector<Row> rows;
    rows.reserve(m_project.tasks.size());
    m_topic_of.reserve(m_project.tasks.size());
    for (auto& t : m_project.tasks) {
      const auto at = m_topics.find(t.topic_id);
      const model::Topic* topic = at ? &m_project.topics[*at] : nullptr;
      m_topic_of.push_back(at ? static_cast<std::uint32_t>(*at) : k_no_topic);
      rows.push_back({id_prefix(t.id), &t, topic, task_text(t, topic)});
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return a.key != b.key ? a.key < b.key : a.task->id < b.task->id;
    });
    OldPlan old_plan(m_db);
    OldTask old;
    bool more = old_plan.next(old);
    m_whole.add(util::format_date(m_project.plan.start))
        .add(model::to_string(m_project.plan.strategy))
        .add(m_project.plan.minimum_remaining_hours);
    m_prepared.tasks.reserve(rows.size());
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (r + 2 * k_prefetch_ahead < rows.size())
        prefetch_task(*rows[r + 2 * k_prefetch_ahead].task);
      if (r + k_prefetch_ahead < rows.size()) prefetch_blocks(*rows[r + k_prefetch_ahead].task);
      auto& [key, task, topic, text] = rows[r];
      while (more && old.id < task->id) {
        gone(old);
        more = old_plan.next(old);
      }
      const bool matched = more && old.id == task->id;
      sequence(*task, topic, text, matched ? &old : nullptr);
      if (matched) more = old_plan.next(old);
    }
    while (more) {
      gone(old);
      more = old_plan.next(old);
    }
    topics();
    m_prepared.fingerprint = m_whole.value();
    if (m_fill_cancelled) {
      m_project.cancelled = m_cancellations.merged();
    } else {
      std::vector<model::CancelledItem>().swap(m_project.cancelled);
    }
  }

 private:
  // A task of the previous plan that the project no longer has (archived).
  void gone(const OldTask& old) {
    const std::string& calendar = old.calendar();
    m_cancellations.task_left(old, calendar, old.sequence + 1, nullptr, nullptr);
    for (std::size_t n = 0; n < old.blocks.size(); ++n) {
      m_cancellations.block_left(old, n + 1, calendar, old.blocks[n].sequence + 1, nullptr,
                                 nullptr);
    }
  }

  // Sets the sequences of t (of `topic`) and its blocks; `old` is its
  // previous plan's row.
  void sequence(model::Task& t, const model::Topic* topic, const Fingerprint& text,
                const OldTask* old) {
    const std::uint64_t fp = task_fingerprint(text, t);
    t.sequence = old != nullptr ? next_sequence(old->sequence, old->fingerprint, fp)
                                : m_cancellations.fresh(model::todo_uid(t.id));
    m_whole.add(Hex(fp).view()).add(static_cast<std::int64_t>(t.slipped));
    m_prepared.tasks.push_back(&t);
    m_prepared.fingerprints.push_back(fp);
    // Left the calendar of the person it was planned for (to someone else,
    // or to nobody): that calendar gets it cancelled, above its last sequence.
    const bool moved =
        old != nullptr && !old->calendar().empty() && old->calendar() != model::calendar_of(t);
    if (moved) m_cancellations.task_left(*old, old->calendar(), t.sequence, &t, topic);
    const std::size_t old_blocks = old != nullptr ? old->blocks.size() : 0;
    for (std::size_t n = 0; n < t.blocks.size(); ++n) {
      model::WorkBlock& b = t.blocks[n];
      const std::uint64_t bfp = block_fingerprint(text, b, n + 1);
      if (n < old_blocks) {
        const OldBlock& o = old->blocks[n];
        b.sequence = next_sequence(o.sequence, o.fingerprint_view(), bfp);
        if (moved) m_cancellations.block_left(*old, n + 1, old->calendar(), b.sequence, &t, topic);
      } else {
        b.sequence = m_cancellations.fresh_block(t.id, n + 1);
      }
      m_whole.add(Hex(bfp).view()).add(static_cast<std::int64_t>(b.history));
      m_prepared.fingerprints.push_back(bfp);
    }
    // Blocks the task no longer has (fewer blocks, or finished early).
    for (std::size_t n = t.blocks.size(); n < old_blocks; ++n) {
      m_cancellations.block_left(*old, n + 1, old->calendar(), old->blocks[n].sequence + 1, &t,
                                 topic);
    }
  }

  // Each topic's to-do: its fingerprint (the topic and its tasks' sums), its
  // sequence from plan_topics, and those of the previous plan that are gone.
  void topics() {
    std::vector<Fingerprint> fps;
    fps.reserve(m_project.topics.size());
    for (const auto& topic : m_project.topics) fps.push_back(topic_text(topic));
    for (std::size_t n = 0; n < m_project.tasks.size(); ++n) {
      if (m_topic_of[n] != k_no_topic) add_to_topic(fps[m_topic_of[n]], m_project.tasks[n]);
    }
    std::vector<std::size_t> order(m_project.topics.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return m_project.topics[a].id < m_project.topics[b].id;
    });
    SQLite::Statement old(m_db,
                          "SELECT topic_id, sequence, fingerprint FROM plan_topics "
                          "ORDER BY topic_id");
    bool more = old.executeStep();
    auto old_id = [&] { return text_of(old.getColumn(0)); };
    for (const std::size_t i : order) {
      model::Topic& topic = m_project.topics[i];
      while (more && old_id() < topic.id) {
        m_cancellations.topic_left(old_id(), old.getColumn(1).getInt() + 1);
        more = old.executeStep();
      }
      const std::uint64_t fp = fps[i].value();
      if (more && old_id() == topic.id) {
        topic.sequence = next_sequence(old.getColumn(1).getInt(), text_of(old.getColumn(2)), fp);
        more = old.executeStep();
      } else {
        topic.sequence = m_cancellations.fresh(model::topic_uid(topic.id));
      }
      m_whole.add(Hex(fp).view());
      m_prepared.topics.push_back(&topic);
      m_prepared.topic_fingerprints.push_back(fp);
    }
    while (more) {
      m_cancellations.topic_left(old_id(), old.getColumn(1).getInt() + 1);
      more = old.executeStep();
    }
  }

  SQLite::Database& m_db;
  model::Project& m_project;
  Store::PreparedPlan& m_prepared;
  model::TopicIndex m_topics;
  Cancellations m_cancellations;
  bool m_fill_cancelled;
  Fingerprint m_whole;  // of every row, for the plan's own
  // Each task's topic (its position among the topics), in the project's order.
  static constexpr std::uint32_t k_no_topic = ~std::uint32_t{0};
  std::vector<std::uint32_t> m_topic_of;
};

}  // namespace

Store::PreparedPlan Store::prepare_plan(model::Project& project, model::Instant now,
                                        bool fill_cancelled) {
  return guarded(m_path, [&] {
    PreparedPlan prepared;
    struct OldPlan {
      std::int64_t created_at;
      std::string fingerprint;
      std::optional<std::int64_t> now;
    };
    std::optional<OldPlan> old_plan;
    {
      SQLite::Statement q(db(), "SELECT created_at, fingerprint, now FROM plan");
      if (q.executeStep()) {
        old_plan.emplace(OldPlan{q.getColumn(0).getInt64(), q.getColumn(1).getString(),
                                 q.getColumn(2).isNull()
                                     ? std::nullopt
                                     : std::optional<std::int64_t>(q.getColumn(2).getInt64())});
      }
    }
    Sequencer(db(), project, prepared, fill_cancelled).run();
    project.plan.exists = true;
    project.plan.stale_reasons.clear();  // write_plan forgets the changes recorded since the last
    // An unchanged plan keeps when it was made, and the instant it was made
    // from: its exports stay byte for byte the same.
    const bool unchanged = old_plan && old_plan->fingerprint == Hex(prepared.fingerprint).view();
    project.plan.created_at = unchanged ? from_unix(old_plan->created_at) : now;
    if (unchanged && old_plan->now) project.plan.now = from_unix(*old_plan->now);
    return prepared;
  });
}

namespace {

std::string_view kind_name(model::CalendarItemKind kind) {
  return kind == model::CalendarItemKind::task    ? "task"
         : kind == model::CalendarItemKind::topic ? "topic"
                                                  : "block";
}

// The task and topic of an item that left a calendar (prefetch_task's
// reason: the items are in task id order, not in memory order), then the
// texts they hold.
void prefetch_left(const Store::PreparedPlan::Left& l) {
  __builtin_prefetch(&l.task->id);
  __builtin_prefetch(&l.task->kind);
  __builtin_prefetch(&l.task->prompt);
  if (l.topic != nullptr) __builtin_prefetch(&l.topic->title);
}
void prefetch_left_texts(const Store::PreparedPlan::Left& l) {
  __builtin_prefetch(l.task->prompt.data());
  __builtin_prefetch(l.task->prompt.data() + 64);
  if (l.topic != nullptr) __builtin_prefetch(l.topic->title.data());
}

// Stores the items this plan adds as cancelled (replacing the rows of the
// same uid and calendar), many rows a statement; the texts of tasks in the
// project are bound without a copy.
void write_cancelled(SQLite::Database& db, const Store::PreparedPlan& prepared) {
  const std::size_t count = prepared.left.size() + prepared.gone.size();
  if (count == 0) return;
  detail::BatchInsert rows(db,
                           "INSERT OR REPLACE INTO calendar_cancelled (uid, calendar, kind, "
                           "subject, number, sequence, left_on, first_date, last_date, utc_start, "
                           "utc_end, task_kind, text, topic_title) VALUES ",
                           14, count);
  const std::string left_on = util::format_date(prepared.left_on);
  static const std::string k_none;
  auto bind_date = [](SQLite::Statement& q, int i, const std::optional<model::Date>& d) {
    if (d) {
      q.bind(i, util::format_date(*d));
    } else {
      q.bind(i);
    }
  };
  auto bind_time = [](SQLite::Statement& q, int i, const std::optional<model::Instant>& t) {
    if (t) {
      q.bind(i, static_cast<std::int64_t>(to_unix(*t)));
    } else {
      q.bind(i);
    }
  };
  const std::vector<Store::PreparedPlan::Left>& left = prepared.left;
  for (std::size_t n = 0; n < left.size(); ++n) {
    if (n + 2 * k_prefetch_ahead < left.size()) prefetch_left(left[n + 2 * k_prefetch_ahead]);
    if (n + k_prefetch_ahead < left.size()) prefetch_left_texts(left[n + k_prefetch_ahead]);
    const Store::PreparedPlan::Left& l = left[n];
    auto [q, i] = rows.next();
    const std::string uid = l.number > 0
                                ? model::event_uid(l.task->id, static_cast<std::size_t>(l.number))
                                : model::todo_uid(l.task->id);
    q.bind(i, uid);
    q.bindNoCopy(i + 1, *l.calendar);
    q.bindNoCopy(i + 2, kind_name(l.number > 0 ? model::CalendarItemKind::block
                                               : model::CalendarItemKind::task)
                            .data());
    q.bindNoCopy(i + 3, l.task->id);
    q.bind(i + 4, l.number);
    q.bind(i + 5, l.sequence);
    q.bindNoCopy(i + 6, left_on);
    bind_date(q, i + 7, l.dated ? std::optional(l.first_date) : std::nullopt);
    bind_date(q, i + 8, l.dated ? std::optional(l.last_date) : std::nullopt);
    bind_time(q, i + 9, l.dated ? std::optional(l.utc_start) : std::nullopt);
    bind_time(q, i + 10, l.dated ? std::optional(l.utc_end) : std::nullopt);
    q.bindNoCopy(i + 11, model::to_string(l.task->kind).data());
    q.bindNoCopy(i + 12, l.task->prompt);
    q.bindNoCopy(i + 13, l.topic != nullptr ? l.topic->title : k_none);
    rows.done();
  }
  for (const auto& c : prepared.gone) {
    auto [q, i] = rows.next();
    q.bindNoCopy(i, c.uid);
    q.bindNoCopy(i + 1, c.calendar);
    q.bindNoCopy(i + 2, kind_name(c.kind).data());
    q.bindNoCopy(i + 3, c.subject);
    q.bind(i + 4, c.number);
    q.bind(i + 5, c.sequence);
    q.bind(i + 6, util::format_date(c.left_on));
    bind_date(q, i + 7, c.first_date);
    bind_date(q, i + 8, c.last_date);
    bind_time(q, i + 9, c.utc_start);
    bind_time(q, i + 10, c.utc_end);
    q.bindNoCopy(i + 11, model::to_string(c.task_kind).data());
    q.bindNoCopy(i + 12, c.text);
    q.bindNoCopy(i + 13, c.topic_title);
    rows.done();
  }
}

// Empties plan_blocks, plan_tasks and plan_topics by dropping each table and
// creating it again from its stored definition (the same schema, text for
// text). With foreign keys on, SQLite deletes row by row (and runs the
// cascade to plan_blocks for every task): a million rows of a previous plan
// took longer than writing the new one. A dropped table's pages go to the
// free list at once, and no foreign key is checked: plan_blocks is dropped
// first, so nothing refers to plan_tasks any more, and nothing refers to
// plan_blocks or plan_topics (storage.md; a store test checks it). A table
// with a trigger or an index of its own (none in rplan's schema; a test or
// a user may add one) keeps its rows deleted one by one, so that the trigger
// runs and stays. Inside the caller's transaction.
void clear_plan_rows(SQLite::Database& db) {
  static constexpr std::array<const char*, 3> k_tables = {"plan_blocks", "plan_tasks",
                                                          "plan_topics"};
  std::array<std::optional<std::string>, k_tables.size()> definitions;  // nullopt: delete rows
  {
    SQLite::Statement q(db,
                        "SELECT sql, (SELECT count(*) FROM sqlite_schema o WHERE o.tbl_name = "
                        "t.name AND o.type <> 'table') FROM sqlite_schema t "
                        "WHERE t.type = 'table' AND t.name = ?");
    for (std::size_t i = 0; i < k_tables.size(); ++i) {
      q.reset();
      q.bind(1, k_tables[i]);
      if (!q.executeStep()) {
        throw InputError(std::string("the database has no table ") + k_tables[i]);
      }
      if (q.getColumn(1).getInt() == 0) definitions[i] = q.getColumn(0).getString();
    }
  }
  for (std::size_t i = 0; i < k_tables.size(); ++i) {
    db.exec(std::string(definitions[i] ? "DROP TABLE " : "DELETE FROM ") + k_tables[i]);
  }
  for (const auto& sql : definitions) {
    if (sql) db.exec(*sql);
  }
}

// Stores the plan's rows: plan_tasks, plan_blocks and plan_topics (empty
// before), many rows a statement. Task ids and names are bound without a
// copy (the project outlives the batches); texts made here are copied.
// Tasks go in chunks of a task batch: the chunk's task rows, then its
// blocks' rows, while its tasks are still in the CPU's cache (a pass over
// every task for each table waited for memory twice); a block row's
// foreign key finds its task's row, stored when the chunk's batch was.
void write_plan_rows(SQLite::Database& db, const Store::PreparedPlan& prepared) {
  {
    // One fingerprint per task and one per block.
    const std::size_t block_rows = prepared.fingerprints.size() - prepared.tasks.size();
    const std::vector<const model::Task*>& tasks = prepared.tasks;
    detail::BatchInsert task_rows(db,
                                  "INSERT INTO plan_tasks (task_id, assignee, depends_on, "
                                  "sequence, fingerprint, slipped) VALUES ",
                                  6, tasks.size());
    detail::BatchInsert block_rows_insert(
        db,
        "INSERT INTO plan_blocks (task_id, number, date, start_minute, minutes, "
        "utc_start, sequence, fingerprint, history, assignee) VALUES ",
        10, block_rows);
    std::size_t next_fp = 0;  // the chunk's first task's
    for (std::size_t first = 0; first < tasks.size(); first += detail::BatchInsert::k_batch) {
      const std::size_t end = std::min(tasks.size(), first + detail::BatchInsert::k_batch);
      std::size_t fp_at = next_fp;
      for (std::size_t n = first; n < end; ++n) {
        if (n + 2 * k_prefetch_ahead < tasks.size()) {
          prefetch_task(*tasks[n + 2 * k_prefetch_ahead]);
        }
        if (n + k_prefetch_ahead < tasks.size()) prefetch_blocks(*tasks[n + k_prefetch_ahead]);
        const model::Task* t = tasks[n];
        auto [q, i] = task_rows.next();
        q.bindNoCopy(i, t->id);
        q.bindNoCopy(i + 1, t->assignee);
        if (t->depends_on.empty()) {
          q.bindNoCopy(i + 2, "");
        } else {
          q.bind(i + 2, util::join(t->depends_on, ","));
        }
        q.bind(i + 3, t->sequence);
        char* fp = task_rows.scratch();
        std::memcpy(fp, Hex(prepared.fingerprints.at(fp_at)).text, 17);
        q.bindNoCopy(i + 4, fp);
        q.bind(i + 5, t->slipped ? 1 : 0);
        task_rows.done();
        fp_at += 1 + t->blocks.size();
      }
      // The chunk's task rows are stored (a full batch, or one by one).
      for (std::size_t task = first; task < end; ++task) {
        const model::Task* t = tasks[task];
        ++next_fp;  // the task's own
        for (std::size_t n = 0; n < t->blocks.size(); ++n) {
          const model::WorkBlock& b = t->blocks[n];
          auto [q, i] = block_rows_insert.next();
          q.bindNoCopy(i, t->id);
          q.bind(i + 1, static_cast<int>(n) + 1);
          char* texts = block_rows_insert.scratch();  // the fingerprint, then the date
          std::memcpy(texts, Hex(prepared.fingerprints.at(next_fp++)).text, 17);
          const std::string date = util::format_date(b.date);  // at most "-32767-01-01"
          std::memcpy(texts + 17, date.c_str(), std::min<std::size_t>(date.size(), 14));
          texts[17 + std::min<std::size_t>(date.size(), 14)] = '\0';
          q.bindNoCopy(i + 2, texts + 17);
          q.bind(i + 3, b.start_minute);
          q.bind(i + 4, b.minutes);
          q.bind(i + 5, static_cast<std::int64_t>(to_unix(b.utc_start)));
          q.bind(i + 6, b.sequence);
          q.bindNoCopy(i + 7, texts);
          q.bind(i + 8, b.history ? 1 : 0);
          q.bindNoCopy(i + 9, b.assignee);
          block_rows_insert.done();
        }
      }
    }
    // `block_rows` was counted from the fingerprints: a project whose blocks
    // changed after prepare_plan would lose rows.
    if (next_fp != prepared.fingerprints.size()) {
      throw std::logic_error("write_plan: the project's blocks changed after prepare_plan");
    }
    {
      detail::BatchInsert rows(db,
                               "INSERT INTO plan_topics (topic_id, sequence, fingerprint) VALUES ",
                               3, prepared.topics.size());
      for (std::size_t n = 0; n < prepared.topics.size(); ++n) {
        auto [q, i] = rows.next();
        q.bindNoCopy(i, prepared.topics[n]->id);
        q.bind(i + 1, prepared.topics[n]->sequence);
        char* fp = rows.scratch();
        std::memcpy(fp, Hex(prepared.topic_fingerprints[n]).text, 17);
        q.bindNoCopy(i + 2, fp);
        rows.done();
      }
    }
  }
}

}  // namespace

void Store::write_plan(const model::Project& project, const PreparedPlan& prepared) {
  guarded(m_path, [&] {
    clear_plan_rows(db());
    db().exec("DELETE FROM plan");
    db().exec("DELETE FROM plan_changes");
    write_plan_rows(db(), prepared);
    write_cancelled(db(), prepared);
    SQLite::Statement ins_plan(db(),
                               "INSERT INTO plan (id, start, finish, strategy, created_at, "
                               "total_hours, fingerprint, now, minimum_remaining_hours) "
                               "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins_plan.bind(1, util::format_date(project.plan.start));
    ins_plan.bind(2, util::format_date(project.plan.finish));
    ins_plan.bind(3, std::string(model::to_string(project.plan.strategy)));
    ins_plan.bind(4, static_cast<std::int64_t>(to_unix(project.plan.created_at)));
    ins_plan.bind(5, project.plan.total_hours);
    ins_plan.bind(6, Hex(prepared.fingerprint).text);
    ins_plan.bind(7, static_cast<std::int64_t>(to_unix(project.plan.now)));
    ins_plan.bind(8, project.plan.minimum_remaining_hours);
    ins_plan.exec();
    detail::rotate_plan_snapshot(db(), project);
  });
}

}  // namespace rplan::store
