// The iCalendar builder: content lines (escaping, folding) and the three modes.

#include "exporters/ics_export.hpp"

#include <array>
#include <optional>
#include <unordered_map>
#include <utility>

#include "planner/util/text.hpp"

namespace rplan::exporters {

namespace {

constexpr std::size_t k_fold_octets = 75;
constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

// Appends text to out: printable ASCII other than `special` and well-formed
// non-ASCII characters as they are (ill-formed bytes as U+FFFD), every other
// ASCII byte through ascii(c, out), a CRLF or CR as one '\n'.
template <class Ascii>
void append_mapped(std::string_view text, std::string_view special, std::string& out,
                   Ascii&& ascii) {
  std::array<bool, 128> plain{};  // printable ASCII that is not special
  for (std::size_t c = 0x20; c < 0x7F; ++c) plain[c] = true;
  for (const char c : special) plain[static_cast<unsigned char>(c)] = false;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t run = i;  // a run of bytes that need nothing
    while (run < text.size()) {
      const auto u = static_cast<unsigned char>(text[run]);
      if (u >= 0x80 || !plain[u]) break;
      ++run;
    }
    out.append(text, i, run - i);
    i = run;
    if (i == text.size()) break;
    const char c = text[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      ++i;
      if (c == '\r') {
        if (i < text.size() && text[i] == '\n') ++i;
        ascii('\n', out);
      } else {
        ascii(c, out);
      }
      continue;
    }
    const std::size_t n = util::decode_utf8(text, i).length;
    if (n == 0) {
      out += k_replacement;
      ++i;
    } else {
      out.append(text, i, n);
      i += n;
    }
  }
}

bool is_text_control(char c) {
  return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F;
}

// The end of the longest prefix of text, at most `limit` octets, that ends
// between two units: not inside a UTF-8 sequence, not between a backslash and
// the character it escapes. text starts at such a boundary.
std::size_t unit_boundary(std::string_view text, std::size_t limit) {
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::size_t slashes = 0;
  while (slashes < cut && text[cut - 1 - slashes] == '\\') ++slashes;
  return slashes % 2 == 1 ? cut - 1 : cut;
}

// One content line, folded as it is appended to `text` (which may hold
// other lines before it): at most 75 octets per physical line, a CRLF and a
// space before each continuation. Each appended piece must start at a unit
// boundary (see unit_boundary()). A copy of a FoldedLine's position can go
// on appending to a copy of the text.
class FoldedLine {
 public:
  void append(std::string& text, std::string_view piece) {
    while (piece.size() > m_room) {
      std::size_t cut = unit_boundary(piece, m_room);
      if (cut == 0 && m_used == 0) cut = m_room;  // not UTF-8 at all: split anyway
      text.append(piece.substr(0, cut));
      text += "\r\n ";
      m_room = k_fold_octets - 1;
      m_used = 0;
      piece.remove_prefix(cut);
    }
    text.append(piece);
    m_room -= piece.size();
    m_used += piece.size();
  }
  static void finish(std::string& text) { text += "\r\n"; }

 private:
  std::size_t m_room = k_fold_octets;  // octets left on the current physical line
  std::size_t m_used = 0;              // octets of content on it
};

// Appends the content line NAME:VALUE, folded.
void append_line(std::string& out, std::string_view name, std::string_view value) {
  if (name.size() + 1 + value.size() <= k_fold_octets) {  // the usual short line
    out.append(name).append(1, ':').append(value).append("\r\n");
    return;
  }
  FoldedLine line;
  line.append(out, name);
  line.append(out, ":");
  line.append(out, value);
  FoldedLine::finish(out);
}

}  // namespace

std::optional<IcsMode> parse_ics_mode(std::string_view text) {
  if (text == "events") return IcsMode::events;
  if (text == "todos") return IcsMode::todos;
  if (text == "span") return IcsMode::span;
  return std::nullopt;
}

namespace {
// ics_escape_text, appending to `out`.
void append_escaped(std::string_view text, std::string& out) {
  append_mapped(text, "\\;,", out, [](char c, std::string& o) {
    if (c == '\n') {
      o += "\\n";
    } else if (c == '\\' || c == ';' || c == ',') {
      o += '\\';
      o += c;
    } else if (!is_text_control(c)) {
      o += c;
    }
  });
}
}  // namespace

std::string ics_escape_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16 + 4);
  append_escaped(text, out);
  return out;
}

std::string ics_quote_param(std::string_view text) {
  std::string out = "\"";
  append_mapped(text, "^\"", out, [](char c, std::string& o) {
    if (c == '\n') {
      o += "^n";
    } else if (c == '^') {
      o += "^^";
    } else if (c == '"') {
      o += "^'";
    } else if (!is_text_control(c)) {
      o += c;
    }
  });
  out += '"';
  return out;
}

std::string ics_fold(std::string_view line) {
  std::string out;
  FoldedLine folded;
  folded.append(out, line);
  FoldedLine::finish(out);
  return out;
}

// ---- the calendar ----

namespace {

// SUMMARY of a task's items, before escaping: "✓ Kind: prompt (topic)", the
// kind once: "Research Redis", not "Research: Research Redis".
std::string task_summary(model::TaskKind kind, std::string_view prompt, const std::string* topic,
                         bool done) {
  std::string summary = done ? "\xE2\x9C\x93 " : "";  // check mark
  if (model::kind_word_length(kind, prompt) == 0) {
    summary.append(model::display_name(kind)).append(": ");
  }
  summary.append(prompt);
  if (topic != nullptr) summary.append(" (").append(*topic).append(")");
  return summary;
}

// SUMMARY of a topic's to-do: "3. Caching" (or the title alone, unnumbered).
std::string topic_summary(const model::Topic& topic) {
  return topic.number ? std::to_string(*topic.number) + ". " + topic.title : topic.title;
}

// The text properties of one task, built once and written for each of its
// components (a task of many work blocks has many events).
struct TaskText {
  std::string summary;  // folded lines, CRLF included
  std::string categories;
  std::string attendee;           // "" without an email
  std::string description;        // "DESCRIPTION:…" up to the part that differs per block,
  FoldedLine description_folded;  // and where its folding stands
};

// What a topic's to-do shows of its tasks.
struct TopicSums {
  int tasks = 0, done = 0, in_progress = 0;
  double hours = 0, done_hours = 0;
  std::optional<model::Instant> start, due;  // of its planned tasks
  bool written = false;
};

// What every component of one calendar shares.
class CalendarWriter {
 public:
  CalendarWriter(const model::Project& project, const IcsIndex& index, const IcsOptions& options,
                 std::ostream* out, std::vector<IcsResource>* resources)
      : m_project(project),
        m_index(index),
        m_options(options),
        m_out(out),
        m_resources(resources),
        m_dtstamp(util::format_ical_utc(project.plan.created_at)),
        m_topics(index.topics()),
        m_tree(options.mode == IcsMode::todos && options.assignee.empty()) {
    m_buffer.reserve(k_flush_at + 4096);
  }

  void write() {
    begin("VCALENDAR");
    line("VERSION", "2.0");
    line("PRODID", "-//rplan//rplan research planner//EN");
    line("CALSCALE", "GREGORIAN");
    if (m_resources != nullptr) m_header = m_buffer;  // each resource's own calendar starts so
    std::string name = m_project.title.empty() ? "rplan plan" : m_project.title;
    if (!m_options.assignee.empty()) name += " \xE2\x80\x94 " + m_options.assignee;  // em dash
    text("X-WR-CALNAME", name);
    if (m_tree) sum_topics();
    const std::vector<std::uint32_t>* own =
        m_options.assignee.empty() ? nullptr : &m_index.tasks_of(m_options.assignee);
    const std::size_t count = own ? own->size() : m_project.tasks.size();
    for (std::size_t i = 0; i < count; ++i) {
      const model::Task& t = m_project.tasks[own ? (*own)[i] : i];
      if (!m_options.assignee.empty() && m_options.mode == IcsMode::events && t.planned()) {
        // One person's calendar: the blocks they work, history of others' tasks included.
        std::optional<TaskText> words;
        for (std::size_t n = 0; n < t.blocks.size(); ++n) {
          if (model::block_person(t, t.blocks[n]) != m_options.assignee) continue;
          if (!words) words = task_text(t);
          event(t, n, *words);
        }
        continue;
      }
      if (!holds(t)) continue;
      if (m_options.mode == IcsMode::todos) {
        if (m_tree) topic_before(t);
        todo(t, task_text(t));
      } else {
        const TaskText words = task_text(t);
        if (m_options.mode == IcsMode::span) {
          span(t, words);
        } else {
          for (std::size_t n = 0; n < t.blocks.size(); ++n) event(t, n, words);
        }
      }
    }
    if (m_tree) {
      for (std::size_t i = 0; i < m_project.topics.size(); ++i) {
        if (!m_sums[i].written) topic_todo(i);  // a topic without tasks
      }
    }
    if (m_options.cancelled_retention_days && m_resources == nullptr) {
      for (const model::CancelledItem* c : cancelled_to_write()) cancelled(*c);
    }
    end("VCALENDAR");
    if (m_resources != nullptr) {
      m_buffer.clear();
    } else {
      flush();
    }
  }

 private:
  // Components are built in one buffer, written out every 256 KiB.
  static constexpr std::size_t k_flush_at = 256 * 1024;
  void flush() {
    m_out->write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_buffer.clear();
  }
  void begin(std::string_view component) { line("BEGIN", component); }
  void end(std::string_view component) {
    line("END", component);
    if (m_resources == nullptr && m_buffer.size() >= k_flush_at) flush();
  }
  // Writes one component (`body` writes its BEGIN to END): into the calendar,
  // or as a resource of its own.
  template <class Body>
  void component(const std::string& uid, Body&& body) {
    const std::size_t start = m_buffer.size();
    body();
    if (m_resources == nullptr) return;
    std::string text = m_header;
    text.append(m_buffer, start, std::string::npos);
    text += "END:VCALENDAR\r\n";
    m_buffer.resize(start);
    m_resources->push_back({uid, std::move(text)});
  }
  static std::string folded(std::string_view name, std::string_view value) {
    std::string out;
    append_line(out, name, value);
    return out;
  }
  // A property whose value is written as given (already in its value type's syntax).
  void line(std::string_view name, std::string_view value) { append_line(m_buffer, name, value); }
  void text(std::string_view name, std::string_view value) {
    m_scratch.clear();
    append_escaped(value, m_scratch);
    line(name, m_scratch);
  }

  const model::Topic* topic_of(const model::Task& t) const { return m_topics.topic_of(t); }

  // Whether this calendar holds the task's items (model::calendar_of says
  // whose calendar has them; the team's todos also hold the unplanned).
  bool holds(const model::Task& t) const {
    if (!m_options.assignee.empty()) return model::calendar_of(t) == m_options.assignee;
    return m_options.mode == IcsMode::todos || t.planned();
  }

  // UID, DTSTAMP and SEQUENCE: the first lines of every component.
  void identity(const std::string& uid, int sequence) {
    text("UID", uid);
    line("DTSTAMP", m_dtstamp);
    line("SEQUENCE", std::to_string(sequence));
  }

  // SUMMARY, DESCRIPTION, CATEGORIES and ATTENDEE. Only what the plan's
  // fingerprints cover (kind, prompt, topic title and focus, estimate,
  // assignee, status), so SEQUENCE rises whenever this text changes.
  TaskText task_text(const model::Task& t) const {
    TaskText words;
    const model::Topic* topic = topic_of(t);
    words.summary = folded(
        "SUMMARY", ics_escape_text(task_summary(t.kind, t.prompt, topic ? &topic->title : nullptr,
                                                t.status == model::TaskStatus::done)));

    std::string d;
    if (topic != nullptr) {
      d += "Topic: " + topic->title + "\n";
      if (!topic->focus.empty()) d += "Focus: " + topic->focus + "\n";
    }
    d += "Prompt: " + t.prompt + "\n";
    d.append("Kind: ").append(model::display_name(t.kind)).append("\n");
    d += "Estimate: " + util::format_hours(t.estimate.hours) + " h\n";
    d += "Assignee: " + (t.planned() ? t.assignee : std::string("not scheduled")) + "\n";
    d.append("Status: ").append(model::to_string(t.status)).append("\n");
    d += "Task: " + t.id;
    words.description_folded.append(words.description, "DESCRIPTION:");
    words.description_folded.append(words.description, ics_escape_text(d));

    std::string categories = ics_escape_text(model::display_name(t.kind));
    if (topic != nullptr) categories += ',' + ics_escape_text(topic->title);
    words.categories = folded("CATEGORIES", categories);

    if (t.planned()) words.attendee = attendee(t.assignee);
    return words;
  }

  // The ATTENDEE line of the person `name` (folded, CRLF included); "" when
  // the team has no email for them.
  std::string attendee(const std::string& name) const {
    const model::Assignee* person = m_index.person(name);
    if (person == nullptr || person->email.empty()) return {};
    return folded("ATTENDEE;CN=" + ics_quote_param(name),
                  "mailto:" + mailto_address(person->email));
  }

  // Writes the task's text; `where` ends the description (escaped already).
  // `attendee`: another person's ATTENDEE line than the task's (a block of
  // history someone else worked), or nullptr.
  void describe(const TaskText& words, std::string_view where,
                const std::string* attendee = nullptr) {
    m_buffer += words.summary;
    m_buffer += words.description;
    FoldedLine description = words.description_folded;
    description.append(m_buffer, where);
    FoldedLine::finish(m_buffer);
    m_buffer.append(words.categories).append(attendee != nullptr ? *attendee : words.attendee);
  }

  // The email as a mailto: URI: characters a URI cannot hold percent-encoded.
  static std::string mailto_address(std::string_view email) {
    static constexpr std::string_view unsafe = " \"%<>\\^`{|}";
    std::string s;
    for (const char c : email) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7F || unsafe.find(c) != std::string_view::npos) {
        static constexpr char hex[] = "0123456789ABCDEF";
        s += '%';
        s += hex[u >> 4];
        s += hex[u & 0xF];
      } else {
        s += c;
      }
    }
    return s;
  }

  void event(const model::Task& t, std::size_t n, const TaskText& words) {
    const model::WorkBlock& b = t.blocks[n];
    const std::string uid = event_uid(t.id, n + 1);
    component(uid, [&] {
      begin("VEVENT");
      identity(uid, b.sequence);
      line("DTSTART", util::format_ical_utc(b.utc_start));
      line("DTEND", util::format_ical_utc(b.utc_end));
      m_scratch.assign(" (work block ").append(std::to_string(n + 1)).append(")");
      // A block someone else worked (history of a task handed over) names them.
      const std::string& person = model::block_person(t, b);
      if (person != t.assignee) {
        const std::string other = attendee(person);
        describe(words, m_scratch, &other);
      } else {
        describe(words, m_scratch);
      }
      line("STATUS", "CONFIRMED");
      line("TRANSP", "OPAQUE");
      end("VEVENT");
    });
  }

  // The task's dependencies that the project holds.
  std::vector<const std::string*> waits_for(const model::Task& t) const {
    std::vector<const std::string*> deps;
    for (const auto& dep : t.depends_on) {
      if (m_index.task(dep) != nullptr) deps.push_back(&dep);
    }
    return deps;
  }

  void todo(const model::Task& t, const TaskText& words) {
    const std::string uid = todo_uid(t.id);
    const std::vector<const std::string*> deps = waits_for(t);
    const model::Topic* topic = m_tree ? topic_of(t) : nullptr;
    component(uid, [&] {
      begin("VTODO");
      identity(uid, t.sequence);
      if (t.planned()) {
        line("DTSTART", util::format_ical_utc(t.blocks.front().utc_start));
        line("DUE", util::format_ical_utc(t.blocks.back().utc_end));
      }
      std::string where;
      for (std::size_t i = 0; i < deps.size(); ++i) {
        where += i == 0 ? "\nWaits for: " : ", ";
        where += *deps[i];
      }
      describe(words, ics_escape_text(where));
      progress(t.status == model::TaskStatus::done ? 100 : 0, t.status);
      if (topic != nullptr) {
        // RFC 9253 dependencies only beside the parent, and before it: a
        // client that takes every RELATED-TO for the parent keeps the last.
        for (const std::string* dep : deps) {
          line("RELATED-TO;RELTYPE=DEPENDS-ON", ics_escape_text(todo_uid(*dep)));
        }
        line("RELATED-TO;RELTYPE=PARENT", ics_escape_text(topic_uid(topic->id)));
      }
      end("VTODO");
    });
  }

  // STATUS and PERCENT-COMPLETE of a to-do.
  void progress(int percent, model::TaskStatus status) {
    switch (status) {
      case model::TaskStatus::open:
        line("STATUS", "NEEDS-ACTION");
        break;
      case model::TaskStatus::in_progress:
        line("STATUS", "IN-PROCESS");
        break;
      case model::TaskStatus::done:
        line("STATUS", "COMPLETED");
        break;
    }
    line("PERCENT-COMPLETE", std::to_string(percent));
  }

  void span(const model::Task& t, const TaskText& words) {
    const std::string uid = span_uid(t.id);
    component(uid, [&] {
      begin("VEVENT");
      identity(uid, t.sequence);
      line("DTSTART;VALUE=DATE", util::format_ical_date(t.blocks.front().date));
      // DTEND of an all-day event is exclusive: the day after the last working day.
      line("DTEND;VALUE=DATE", util::format_ical_date(t.blocks.back().date + std::chrono::days{1}));
      describe(words, "");
      line("STATUS", "CONFIRMED");
      line("TRANSP", "TRANSPARENT");
      end("VEVENT");
    });
  }

  // ---- topics (the team's todos) ----

  void sum_topics() {
    m_sums.assign(m_project.topics.size(), TopicSums{});
    for (const auto& t : m_project.tasks) {
      const auto i = m_topics.find(t.topic_id);
      if (!i) continue;
      TopicSums& s = m_sums[*i];
      ++s.tasks;
      s.hours += t.estimate.hours;
      if (t.status == model::TaskStatus::done) {
        ++s.done;
        s.done_hours += t.estimate.hours;
      } else if (t.status == model::TaskStatus::in_progress) {
        ++s.in_progress;
      }
      if (t.planned()) {
        const model::Instant start = t.blocks.front().utc_start, due = t.blocks.back().utc_end;
        s.start = s.start ? std::min(*s.start, start) : start;
        s.due = s.due ? std::max(*s.due, due) : due;
      }
    }
  }

  // The to-do of t's topic, unless written already.
  void topic_before(const model::Task& t) {
    const auto i = m_topics.find(t.topic_id);
    if (i && !m_sums[*i].written) topic_todo(*i);
  }

  // A topic's to-do: its dates, status and progress are its tasks' (done
  // when all are; in process when one is started or done; the hours done out
  // of the hours estimated). The store's topic fingerprint covers all this.
  void topic_todo(std::size_t i) {
    const model::Topic& topic = m_project.topics[i];
    TopicSums& s = m_sums[i];
    s.written = true;
    const std::string uid = topic_uid(topic.id);
    component(uid, [&] {
      begin("VTODO");
      identity(uid, topic.sequence);
      if (s.start) {
        line("DTSTART", util::format_ical_utc(*s.start));
        line("DUE", util::format_ical_utc(*s.due));
      }
      text("SUMMARY", topic_summary(topic));
      std::string d = "Topic: " + topic.title + "\n";
      if (!topic.focus.empty()) d += "Focus: " + topic.focus + "\n";
      d += "Document: " + topic.document + "\n";
      d += "Tasks: " + std::to_string(s.tasks) + " (" + std::to_string(s.done) + " done, " +
           std::to_string(s.in_progress) + " in progress)";
      text("DESCRIPTION", d);
      const bool all_done = s.tasks > 0 && s.done == s.tasks;
      const model::TaskStatus status = all_done                     ? model::TaskStatus::done
                                       : s.done + s.in_progress > 0 ? model::TaskStatus::in_progress
                                                                    : model::TaskStatus::open;
      const int percent = all_done ? 100
                          : s.hours > 0
                              ? std::min(99, static_cast<int>(s.done_hours / s.hours * 100 + 0.5))
                              : 0;
      progress(percent, status);
      end("VTODO");
    });
  }

  // ---- cancelled items ----

  // Whether this calendar holds the item (so it is not cancelled here).
  bool holds(const model::CancelledItem& c) const {
    switch (c.kind) {
      case model::CalendarItemKind::topic:
        return m_topics.find(c.subject).has_value();
      case model::CalendarItemKind::task:
      case model::CalendarItemKind::block: {
        const model::Task* task = m_index.task(c.subject);
        if (task == nullptr || !holds(*task)) return false;
        return c.kind == model::CalendarItemKind::task ||
               static_cast<std::size_t>(c.number) <= task->blocks.size();
      }
    }
    return false;
  }

  // Whether the item is of a kind this calendar's mode writes.
  bool writes(const model::CancelledItem& c) const {
    switch (m_options.mode) {
      case IcsMode::events:
        return c.kind == model::CalendarItemKind::block;
      case IcsMode::todos:
        return c.kind == model::CalendarItemKind::task ||
               (m_tree && c.kind == model::CalendarItemKind::topic);
      case IcsMode::span:
        return c.kind == model::CalendarItemKind::task && c.first_date.has_value();
    }
    return false;
  }

  // The cancelled items to write: of this mode, this calendar's (a person's
  // own, or any for the team's), still within their retention, not held
  // here; of each uid the one with the highest sequence.
  std::vector<const model::CancelledItem*> cancelled_to_write() {
    std::vector<const model::CancelledItem*> out;
    const model::Date today = std::chrono::floor<std::chrono::days>(m_project.plan.now);
    const int days = *m_options.cancelled_retention_days;
    const std::vector<std::uint32_t>* own =
        m_options.assignee.empty() ? nullptr : &m_index.cancelled_of(m_options.assignee);
    const std::size_t count = own ? own->size() : m_project.cancelled.size();
    for (std::size_t i = 0; i < count; ++i) {
      const model::CancelledItem& c = m_project.cancelled[own ? (*own)[i] : i];
      if (!writes(c) || !model::within_retention(c, today, days)) continue;
      if (holds(c)) continue;
      if (!out.empty() && out.back()->uid == c.uid) {  // project.cancelled is by uid
        if (c.sequence > out.back()->sequence) out.back() = &c;
        continue;
      }
      out.push_back(&c);
    }
    return out;
  }

  // A cancelled item: same UID, STATUS:CANCELLED, its sequence, and what it
  // was (its time, its title).
  void cancelled(const model::CancelledItem& c) {
    const bool topic = c.kind == model::CalendarItemKind::topic;
    const std::string summary =
        topic ? c.text
              : task_summary(c.task_kind, c.text, c.topic_title.empty() ? nullptr : &c.topic_title,
                             false);
    const bool todo = m_options.mode == IcsMode::todos;
    const std::string uid = m_options.mode == IcsMode::span ? span_uid(c.subject) : c.uid;
    begin(todo ? "VTODO" : "VEVENT");
    identity(uid, c.sequence);
    if (m_options.mode == IcsMode::span) {
      line("DTSTART;VALUE=DATE", util::format_ical_date(*c.first_date));
      line("DTEND;VALUE=DATE", util::format_ical_date(*c.last_date + std::chrono::days{1}));
    } else if (c.utc_start && c.utc_end) {
      line("DTSTART", util::format_ical_utc(*c.utc_start));
      line(todo ? "DUE" : "DTEND", util::format_ical_utc(*c.utc_end));
    }
    text("SUMMARY", summary);
    text("DESCRIPTION", "No longer in the plan here (" + std::string(topic ? "topic " : "task ") +
                            c.subject + ").");
    line("STATUS", "CANCELLED");
    if (!todo) line("TRANSP", "TRANSPARENT");
    end(todo ? "VTODO" : "VEVENT");
  }

  const model::Project& m_project;
  const IcsIndex& m_index;
  const IcsOptions& m_options;
  std::ostream* m_out;
  std::vector<IcsResource>* m_resources;
  std::string m_buffer;
  std::string m_header;   // the calendar's first lines, for each resource
  std::string m_scratch;  // a value being escaped
  const std::string m_dtstamp;
  const model::TopicIndex& m_topics;
  const bool m_tree;  // the team's todos: topics are parents
  std::vector<TopicSums> m_sums;
};

const std::vector<std::uint32_t> k_no_items;

}  // namespace

IcsIndex::IcsIndex(const model::Project& project) : m_topics(project.topics) {
  m_tasks.reserve(project.tasks.size());
  for (const auto& person : project.team) m_people.emplace(person.name, &person);
  for (std::uint32_t i = 0; i < project.tasks.size(); ++i) {
    const model::Task& t = project.tasks[i];
    m_tasks.emplace(t.id, &t);
    const std::string& own = model::calendar_of(t);
    if (!own.empty()) m_calendars[own].tasks.push_back(i);
    for (const auto& b : t.blocks) {
      const std::string& person = model::block_person(t, b);
      if (person.empty() || person == own) continue;
      auto& tasks = m_calendars[person].tasks;
      if (tasks.empty() || tasks.back() != i) tasks.push_back(i);
    }
  }
  for (std::uint32_t i = 0; i < project.cancelled.size(); ++i) {
    const std::string& calendar = project.cancelled[i].calendar;
    if (!calendar.empty()) m_calendars[calendar].cancelled.push_back(i);
  }
}

const model::Task* IcsIndex::task(std::string_view id) const {
  const auto it = m_tasks.find(id);
  return it == m_tasks.end() ? nullptr : it->second;
}

const model::Assignee* IcsIndex::person(std::string_view name) const {
  const auto it = m_people.find(name);
  return it == m_people.end() ? nullptr : it->second;
}

const std::vector<std::uint32_t>& IcsIndex::tasks_of(std::string_view name) const {
  const auto it = m_calendars.find(name);
  return it == m_calendars.end() ? k_no_items : it->second.tasks;
}

const std::vector<std::uint32_t>& IcsIndex::cancelled_of(std::string_view name) const {
  const auto it = m_calendars.find(name);
  return it == m_calendars.end() ? k_no_items : it->second.cancelled;
}

void write_ics(const model::Project& project, const IcsIndex& index, const IcsOptions& options,
               std::ostream& out) {
  CalendarWriter(project, index, options, &out, nullptr).write();
}

void write_ics(const model::Project& project, const IcsOptions& options, std::ostream& out) {
  write_ics(project, IcsIndex(project), options, out);
}

std::vector<IcsResource> ics_resources(const model::Project& project, const IcsIndex& index,
                                       const IcsOptions& options) {
  std::vector<IcsResource> resources;
  CalendarWriter(project, index, options, nullptr, &resources).write();
  return resources;
}

std::vector<IcsResource> ics_resources(const model::Project& project, const IcsOptions& options) {
  return ics_resources(project, IcsIndex(project), options);
}

}  // namespace rplan::exporters
