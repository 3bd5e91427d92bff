#include "exporters/markdown_export.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <unordered_set>
#include <vector>

#include "planner/model/checklist_format.hpp"
#include "planner/model/topic_index.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters {

namespace {

bool is_ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// "&amp;", "&#38;", "&#x26;": text that a Markdown reader would decode.
bool starts_entity(std::string_view text, std::size_t amp) {
  std::size_t i = amp + 1;
  while (i < text.size() && (is_ascii_alnum(text[i]) || text[i] == '#')) ++i;
  return i > amp + 1 && i < text.size() && text[i] == ';';
}

// At the start of a block: "-", "+", "=" (lists, thematic breaks, setext
// underlines) and "12." / "12)" (ordered lists). "#", "*", ">", "_" and "|"
// are escaped wherever they are.
std::size_t escape_block_start(std::string_view text, std::string& out) {
  if (text.empty()) return 0;
  if (text[0] == '-' || text[0] == '+' || text[0] == '=') {
    out += '\\';
    out += text[0];
    return 1;
  }
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits > 0 && digits < text.size() && (text[digits] == '.' || text[digits] == ')')) {
    out.append(text.substr(0, digits));
    out += '\\';
    out += text[digits];
    return digits + 1;
  }
  return 0;
}

// Appends `text`, whitespace already collapsed, with a backslash before
// every character a Markdown reader would take for markup there.
void append_escaped(std::string& out, std::string_view text, MarkdownPlace place) {
  std::size_t i = place == MarkdownPlace::line_start ? escape_block_start(text, out) : 0;
  // Characters that may need a backslash; runs of others are copied whole.
  static constexpr auto k_special = [] {
    std::array<bool, 256> table{};
    for (const unsigned char c : std::string_view("\\`*[]<>|~_#&")) table[c] = true;
    return table;
  }();
  for (; i < text.size(); ++i) {
    std::size_t end = i;
    while (end < text.size() && !k_special[static_cast<unsigned char>(text[end])]) ++end;
    if (end != i) {
      out.append(text, i, end - i);
      i = end;
      if (i == text.size()) break;
    }
    const char c = text[i];
    bool escape = false;
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
        escape = true;
        break;
      case '_':  // intraword "_" never opens or closes emphasis
        escape = i == 0 || i + 1 == text.size() || !is_ascii_alnum(text[i - 1]) ||
                 !is_ascii_alnum(text[i + 1]);
        break;
      case '#':  // a heading at line start, a closing sequence after a space
        escape = i == 0 || text[i - 1] == ' ';
        break;
      case '&':
        escape = starts_entity(text, i);
        break;
      default:
        break;
    }
    if (escape) out += '\\';
    out += c;
  }
}

constexpr const char* k_weekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// The pieces of text every item and heading needs, with the plan's year.
class Formatter {
 public:
  explicit Formatter(const model::Project& project) {
    if (project.plan.exists) {
      m_year = static_cast<int>(std::chrono::year_month_day{project.plan.start}.year());
    }
  }

  // "Mon 7 Dec", or "Mon 7 Dec 2027" outside the plan's starting year.
  std::string date(util::Date day) const {
    const std::chrono::year_month_day ymd{day};
    std::string text = std::string(k_weekdays[util::weekday_index(day)]) + " " +
                       std::to_string(static_cast<unsigned>(ymd.day())) + " " +
                       k_months[static_cast<unsigned>(ymd.month()) - 1];
    const int year = static_cast<int>(ymd.year());
    if (year != m_year) text += " " + std::to_string(year);
    return text;
  }

  std::string span(util::Date from, util::Date to) const {
    return from == to ? date(from) : date(from) + " \u2192 " + date(to);
  }

 private:
  int m_year = 0;  // no plan: every date shows its year
};

// What an item shows after the prompt, besides hours and dates.
struct ItemContext {
  bool topic = false;     // the topic's title (when not grouped by topic)
  bool assignee = false;  // the person (when not grouped by person)
};

class ChecklistWriter {
 public:
  ChecklistWriter(const model::Project& project, std::ostream& out)
      : m_project(project), m_out(out), m_format(project), m_topics(project.topics) {}

  void header();
  void by_topic();
  void by_assignee();
  void by_week();

 private:
  void heading(const std::string& markdown) { m_out << "\n## " << markdown << "\n\n"; }
  void item(const model::Task& task, ItemContext context);
  const model::Topic* topic_of(const model::Task& task) const { return m_topics.topic_of(task); }

  const model::Project& m_project;
  std::ostream& m_out;
  Formatter m_format;
  model::TopicIndex m_topics;
  // Scratch text of item(), kept from one item to the next.
  std::string m_plain, m_marked, m_rendered, m_escaped_prompt, m_marker;
};

void ChecklistWriter::header() {
  const std::string title = m_project.title.empty() ? "Research plan" : m_project.title;
  m_out << "# " << escape_markdown(title, MarkdownPlace::line_start) << " \u2014 checklist\n\n"
        << "<!-- Written by rplan. Tick the boxes of finished tasks, then run "
           "\"rplan sync\" on this file. Keep the rplan comment at the end of each item: "
           "it names the task. -->\n\n";
  std::size_t done = 0;
  double hours = 0;
  std::unordered_set<std::string_view> topics;
  for (const auto& t : m_project.tasks) {
    if (t.status == model::TaskStatus::done) ++done;
    hours += t.estimate.hours;
    topics.insert(t.topic_id);
  }
  m_out << m_project.tasks.size() << (m_project.tasks.size() == 1 ? " task" : " tasks") << " in "
        << topics.size() << (topics.size() == 1 ? " topic" : " topics") << " \u00b7 " << done
        << " done \u00b7 " << util::format_hours(hours) << " h";
  if (m_project.plan.exists) {
    m_out << " \u00b7 " << m_format.span(m_project.plan.start, m_project.plan.finish);
  }
  m_out << "\n";
}

void ChecklistWriter::item(const model::Task& task, ItemContext context) {
  const std::string_view kind = model::display_name(task.kind);
  // The prompt and the details, whitespace collapsed once, as rendered
  // (`plain`, what the fingerprint covers) and as Markdown (`marked`).
  const std::string prompt = util::collapse_whitespace(task.prompt);
  std::string& plain = m_plain;
  std::string& marked = m_marked;
  plain.clear();
  marked.clear();
  auto add = [&, first = true](std::string_view text) mutable {
    if (!first) {
      plain += " \u00b7 ";
      marked += " \u00b7 ";
    }
    first = false;
    const std::size_t from = plain.size();
    plain += util::collapse_whitespace(text);
    append_escaped(marked, std::string_view(plain).substr(from), MarkdownPlace::inline_text);
  };
  if (context.topic) {
    const model::Topic* topic = topic_of(task);
    add(topic ? topic->title : task.topic_id);
  }
  const std::string& person = model::plan_person(task);
  if (context.assignee && person.empty()) {
    add("unassigned");
  } else if (context.assignee) {  // a done task is ticked with the person who did it
    add(task.status == model::TaskStatus::done ? "done by " + person : person);
  }
  add(util::format_hours(task.estimate.hours) + " h");
  if (task.status == model::TaskStatus::in_progress) add("in progress");
  if (task.planned()) {
    add(m_format.span(task.blocks.front().date, task.blocks.back().date));
  } else if (task.status != model::TaskStatus::done) {
    add("not scheduled");
  }
  // The kind once, in bold: the prompt's first word when it says the kind
  // ("**Research** Redis"), else the kind before the prompt.
  const std::size_t kind_word = model::kind_word_length(task.kind, prompt);
  const std::string_view bold =
      kind_word > 0 ? std::string_view(prompt).substr(0, kind_word) : kind;
  const std::string_view rest =
      kind_word > 0 ? util::trim(std::string_view(prompt).substr(kind_word)) : prompt;
  std::string& rendered = m_rendered;
  rendered.assign(bold).append(" ").append(rest).append(" \u2014 ").append(plain);
  std::string& escaped_prompt = m_escaped_prompt;
  escaped_prompt.clear();
  append_escaped(escaped_prompt, rest, MarkdownPlace::inline_text);
  std::string& marker = m_marker;
  marker.clear();
  model::append_checklist_marker(marker, task.id, task.status,
                                 model::checklist_fingerprint(rendered));
  const bool ticked = model::checklist_box(task.status) == model::ChecklistBox::ticked;
  m_out << "- [" << (ticked ? 'x' : ' ') << "] **" << bold << "** " << escaped_prompt << " \u2014 "
        << marked << ' ' << marker << '\n';
}

void ChecklistWriter::by_topic() {
  std::size_t i = 0;
  const auto& tasks = m_project.tasks;
  // Tasks come grouped by topic, in topic order (model::Project).
  while (i < tasks.size()) {
    const model::Topic* topic = topic_of(tasks[i]);
    if (topic == nullptr) {
      heading(escape_markdown(tasks[i].topic_id, MarkdownPlace::line_start));
    } else if (topic->number) {  // "## 3. Caching": a number in a heading opens no list
      heading(std::to_string(*topic->number) + ". " +
              escape_markdown(topic->title, MarkdownPlace::inline_text));
    } else {
      heading(escape_markdown(topic->title, MarkdownPlace::line_start));
    }
    if (topic && !topic->focus.empty()) {
      m_out << escape_markdown(topic->focus, MarkdownPlace::line_start) << "\n\n";
    }
    const std::string& id = tasks[i].topic_id;
    for (; i < tasks.size() && tasks[i].topic_id == id; ++i) {
      item(tasks[i], ItemContext{false, true});
    }
  }
}

// Planned tasks by their first block's start; unplanned ones keep project order.
std::vector<const model::Task*> in_time_order(const std::vector<const model::Task*>& tasks) {
  std::vector<const model::Task*> sorted = tasks;
  std::stable_sort(sorted.begin(), sorted.end(), [](const model::Task* a, const model::Task* b) {
    if (a->planned() != b->planned()) return a->planned();
    return a->planned() && a->blocks.front().utc_start < b->blocks.front().utc_start;
  });
  return sorted;
}

void ChecklistWriter::by_assignee() {
  std::map<std::string, std::vector<const model::Task*>> groups;
  std::vector<const model::Task*> unassigned;
  for (const auto& t : m_project.tasks) {
    const std::string& person = model::plan_person(t);
    (person.empty() ? unassigned : groups[person]).push_back(&t);
  }
  auto section = [&](const std::string& name, const std::vector<const model::Task*>& tasks) {
    heading(escape_markdown(name, MarkdownPlace::line_start));
    for (const model::Task* t : in_time_order(tasks)) item(*t, ItemContext{true, false});
  };
  for (const auto& person : m_project.team) {
    const auto it = groups.find(person.name);
    if (it == groups.end()) continue;
    section(person.name, it->second);
    groups.erase(it);
  }
  for (const auto& [name, tasks] : groups) section(name, tasks);  // not in the team any more
  if (!unassigned.empty()) section("Unassigned", unassigned);
}

void ChecklistWriter::by_week() {
  std::map<std::pair<int, int>, std::vector<const model::Task*>> weeks;
  std::vector<const model::Task*> unplanned;
  for (const auto& t : m_project.tasks) {
    if (!t.planned()) {
      unplanned.push_back(&t);
      continue;
    }
    const util::IsoWeek w = util::iso_week(t.blocks.front().date);
    weeks[{w.year, w.week}].push_back(&t);
  }
  for (const auto& [key, tasks] : weeks) {
    const util::Date monday = util::week_start(tasks.front()->blocks.front().date);
    const std::string week = std::to_string(key.second);
    heading(std::to_string(key.first) + "-W" + (key.second < 10 ? "0" : "") + week + " \u00b7 " +
            m_format.span(monday, monday + std::chrono::days{6}));
    for (const model::Task* t : in_time_order(tasks)) item(*t, ItemContext{true, true});
  }
  if (!unplanned.empty()) {
    heading("Not scheduled");
    for (const model::Task* t : unplanned) item(*t, ItemContext{true, true});
  }
}

}  // namespace

std::optional<ChecklistGroup> parse_checklist_group(std::string_view text) {
  if (text == "topic") return ChecklistGroup::topic;
  if (text == "assignee") return ChecklistGroup::assignee;
  if (text == "week") return ChecklistGroup::week;
  return std::nullopt;
}

std::string escape_markdown(std::string_view raw, MarkdownPlace place) {
  const std::string text = util::collapse_whitespace(raw);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_escaped(out, text, place);
  return out;
}

void write_checklist(const model::Project& project, ChecklistGroup group, std::ostream& out) {
  ChecklistWriter writer(project, out);
  writer.header();
  switch (group) {
    case ChecklistGroup::topic:
      writer.by_topic();
      break;
    case ChecklistGroup::assignee:
      writer.by_assignee();
      break;
    case ChecklistGroup::week:
      writer.by_week();
      break;
  }
}

}  // namespace rplan::exporters
