#include "planner/store/baseline_blob.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include "planner/util/dates.hpp"
#include "planner/util/error.hpp"

namespace rplan::store::detail {

namespace {

constexpr char k_format = 1;

// The status byte's low two bits (stable: never the enum's values).
constexpr unsigned k_status_mask = 3;
constexpr unsigned k_has_start = 1u << 2;
constexpr unsigned k_has_finish = 1u << 3;
constexpr unsigned k_has_first = 1u << 4;
constexpr unsigned k_has_last = 1u << 5;
constexpr unsigned k_quarters = 1u << 6;  // the estimate as a count of quarter hours

unsigned status_code(model::TaskStatus s) {
  switch (s) {
    case model::TaskStatus::open:
      return 0;
    case model::TaskStatus::in_progress:
      return 1;
    case model::TaskStatus::done:
      return 2;
  }
  return 0;
}

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

void put_signed(std::string& out, std::int64_t v) {
  put_varint(out, (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
}

void put_text(std::string& out, std::string_view text) {
  put_varint(out, text.size());
  out.append(text);
}

std::int64_t days_of(model::Date d) { return d.time_since_epoch().count(); }
std::int64_t seconds_of(model::Instant t) { return t.time_since_epoch().count(); }

// Reads a BLOB front to back; any read past its end or an absurd value is a
// damaged baseline.
class Reader {
 public:
  Reader(std::string_view blob, const std::string& what)
      : m_at(blob.data()), m_end(blob.data() + blob.size()), m_what(what) {}
  bool at_end() const { return m_at == m_end; }
  unsigned byte() {
    need(1);
    return static_cast<unsigned char>(*m_at++);
  }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const unsigned b = byte();
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return v;
    }
    fail();
  }
  std::int64_t signed_varint() {
    const std::uint64_t v = varint();
    return static_cast<std::int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  std::string_view text(std::size_t n) {
    need(n);
    const std::string_view t(m_at, n);
    m_at += n;
    return t;
  }
  double real() {
    need(sizeof(double));
    double d;
    std::memcpy(&d, m_at, sizeof d);
    m_at += sizeof d;
    return d;
  }
  std::size_t count(std::size_t least_bytes_each) {
    const std::uint64_t n = varint();
    if (n > static_cast<std::uint64_t>(m_end - m_at) / least_bytes_each) fail();
    return static_cast<std::size_t>(n);
  }
  [[noreturn]] void fail() const {
    throw Error("the baseline " + m_what +
                " is damaged (its tasks cannot be read); rplan baseline remove removes it");
  }

 private:
  void need(std::size_t n) {
    if (static_cast<std::size_t>(m_end - m_at) < n) fail();
  }
  const char* m_at;
  const char* m_end;
  const std::string& m_what;
};

}  // namespace

void BaselinePacker::add(std::string_view id, std::string_view assignee, model::TaskStatus status,
                         const std::optional<model::Instant>& start,
                         const std::optional<model::Instant>& finish,
                         const std::optional<model::Date>& first_day,
                         const std::optional<model::Date>& last_day, double estimate_hours,
                         std::int64_t planned_minutes) {
  std::size_t shared = 0;
  const std::size_t most = std::min(id.size(), m_last_id.size());
  while (shared < most && id[shared] == m_last_id[shared]) ++shared;
  put_varint(m_tasks, shared);
  put_text(m_tasks, id.substr(shared));
  m_last_id.assign(id);

  std::uint64_t person = 0;
  if (!assignee.empty()) {
    auto [it, fresh] = m_person.try_emplace(std::string(assignee), m_person.size() + 1);
    if (fresh) put_text(m_people, assignee);
    person = it->second;
  }
  put_varint(m_tasks, person);

  const double quarters = estimate_hours * 4;
  const bool in_quarters = quarters >= 0 && quarters < 1e15 && quarters == std::floor(quarters) &&
                           !std::signbit(estimate_hours);
  unsigned flags = status_code(status);
  if (start) flags |= k_has_start;
  if (finish) flags |= k_has_finish;
  if (first_day) flags |= k_has_first;
  if (last_day) flags |= k_has_last;
  if (in_quarters) flags |= k_quarters;
  m_tasks += static_cast<char>(flags);
  if (start) put_signed(m_tasks, seconds_of(*start));
  if (finish) put_signed(m_tasks, seconds_of(*finish) - (start ? seconds_of(*start) : 0));
  if (first_day) put_signed(m_tasks, days_of(*first_day));
  if (last_day) put_signed(m_tasks, days_of(*last_day) - (first_day ? days_of(*first_day) : 0));
  if (in_quarters) {
    put_varint(m_tasks, static_cast<std::uint64_t>(quarters));
  } else {
    char bytes[sizeof(double)];
    std::memcpy(bytes, &estimate_hours, sizeof bytes);
    m_tasks.append(bytes, sizeof bytes);
  }
  put_signed(m_tasks, planned_minutes);
  ++m_count;
}

std::string BaselinePacker::finish() {
  std::string out;
  out.reserve(m_people.size() + m_tasks.size() + 32);
  out += k_format;
  put_varint(out, m_person.size());
  out += m_people;
  put_varint(out, m_count);
  out += m_tasks;
  *this = BaselinePacker();
  return out;
}

std::vector<model::BaselineTask> unpack_baseline(std::string_view blob, const std::string& what) {
  std::vector<model::BaselineTask> tasks;
  if (blob.empty()) return tasks;
  Reader in(blob, what);
  if (in.byte() != static_cast<unsigned char>(k_format)) in.fail();
  std::vector<std::string> people(in.count(1));
  for (auto& name : people) name = in.text(in.varint());
  tasks.resize(in.count(5));  // at least five bytes a task
  std::string id;
  for (model::BaselineTask& t : tasks) {
    const std::uint64_t shared = in.varint();
    if (shared > id.size()) in.fail();
    id.resize(static_cast<std::size_t>(shared));
    id.append(in.text(in.varint()));
    t.id = id;
    const std::uint64_t person = in.varint();
    if (person > people.size()) in.fail();
    if (person > 0) t.assignee = people[static_cast<std::size_t>(person - 1)];
    const unsigned flags = in.byte();
    switch (flags & k_status_mask) {
      case 0:
        t.status = model::TaskStatus::open;
        break;
      case 1:
        t.status = model::TaskStatus::in_progress;
        break;
      case 2:
        t.status = model::TaskStatus::done;
        break;
      default:
        in.fail();
    }
    std::int64_t start = 0, first = 0;
    if (flags & k_has_start) {
      start = in.signed_varint();
      t.start = model::Instant{std::chrono::seconds{start}};
    }
    if (flags & k_has_finish)
      t.finish = model::Instant{std::chrono::seconds{start + in.signed_varint()}};
    if (flags & k_has_first) {
      first = in.signed_varint();
      t.first_day = model::Date{std::chrono::days{first}};
    }
    if (flags & k_has_last) t.last_day = model::Date{std::chrono::days{first + in.signed_varint()}};
    t.estimate_hours = (flags & k_quarters) ? static_cast<double>(in.varint()) / 4 : in.real();
    t.planned_minutes = in.signed_varint();
  }
  if (!in.at_end()) in.fail();
  return tasks;
}

namespace {

// One row of the old baseline_tasks table.
struct OldRow {
  std::string id, assignee;
  model::TaskStatus status = model::TaskStatus::open;
  std::optional<model::Instant> start, finish;
  std::optional<model::Date> first_day, last_day;
  double estimate_hours = 0;
  std::int64_t planned_minutes = 0;
};

using OldRows = std::vector<OldRow>;

std::string text_value(sqlite3_value* v) {
  const auto* text = sqlite3_value_text(v);
  return text ? std::string(reinterpret_cast<const char*>(text),
                            static_cast<std::size_t>(sqlite3_value_bytes(v)))
              : std::string();
}

void pack_step(sqlite3_context* ctx, int, sqlite3_value** argv) {
  auto** rows = static_cast<OldRows**>(sqlite3_aggregate_context(ctx, sizeof(OldRows*)));
  if (rows == nullptr) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  try {
    if (*rows == nullptr) *rows = new OldRows();
    OldRow r;
    r.id = text_value(argv[0]);
    r.assignee = text_value(argv[1]);
    r.status = model::parse_task_status(text_value(argv[2])).value_or(model::TaskStatus::open);
    if (sqlite3_value_type(argv[3]) != SQLITE_NULL) {
      r.start = model::Instant{std::chrono::seconds{sqlite3_value_int64(argv[3])}};
    }
    if (sqlite3_value_type(argv[4]) != SQLITE_NULL) {
      r.finish = model::Instant{std::chrono::seconds{sqlite3_value_int64(argv[4])}};
    }
    if (sqlite3_value_type(argv[5]) != SQLITE_NULL)
      r.first_day = util::parse_date(text_value(argv[5]));
    if (sqlite3_value_type(argv[6]) != SQLITE_NULL)
      r.last_day = util::parse_date(text_value(argv[6]));
    r.estimate_hours = sqlite3_value_double(argv[7]);
    r.planned_minutes = sqlite3_value_int64(argv[8]);
    (*rows)->push_back(std::move(r));
  } catch (const std::exception& e) {
    sqlite3_result_error(ctx, e.what(), -1);
  }
}

void pack_final(sqlite3_context* ctx) {
  auto** rows = static_cast<OldRows**>(sqlite3_aggregate_context(ctx, 0));
  std::unique_ptr<OldRows> owned(rows != nullptr ? *rows : nullptr);
  try {
    OldRows empty;
    OldRows& all = owned ? *owned : empty;
    std::sort(all.begin(), all.end(), [](const OldRow& a, const OldRow& b) { return a.id < b.id; });
    BaselinePacker packer;
    for (const OldRow& r : all) {
      packer.add(r.id, r.assignee, r.status, r.start, r.finish, r.first_day, r.last_day,
                 r.estimate_hours, r.planned_minutes);
    }
    const std::string blob = packer.finish();
    sqlite3_result_blob64(ctx, blob.data(), blob.size(), SQLITE_TRANSIENT);
  } catch (const std::exception& e) {
    sqlite3_result_error(ctx, e.what(), -1);
  }
}

}  // namespace

void register_baseline_packer(SQLite::Database& db) {
  const int rc = sqlite3_create_function_v2(db.getHandle(), "rplan_pack_baseline", 9, SQLITE_UTF8,
                                            nullptr, nullptr, pack_step, pack_final, nullptr);
  if (rc != SQLITE_OK) throw SQLite::Exception(db.getHandle(), rc);
}

}  // namespace rplan::store::detail
