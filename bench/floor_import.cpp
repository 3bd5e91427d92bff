// Floors of `rplan import` and `rplan team import`: read the file, find the
// fields with a line scan (no Markdown or CSV parser), insert the rows rplan
// inserts (same tables and columns) with one prepared statement per table in
// one transaction. Ids are a counter: no identity rules, no collision checks.

#include <charconv>
#include <fstream>
#include <iterator>

#include "bench/floor.hpp"

namespace rplan::bench::floor {

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string base36(std::uint64_t n, char prefix) {
  char digits[16];
  digits[0] = prefix;
  const auto end = std::to_chars(digits + 1, digits + sizeof digits, n, 36).ptr;
  return std::string(digits, end);
}

// Kind and hours from the leading verb and the commas: the estimation model
// reduced to a table look-up and a count.
struct Kind {
  const char* name;
  double hours;
};
Kind kind_of(std::string_view prompt) {
  const std::string_view verb = prompt.substr(0, prompt.find(' '));
  for (const char* v : {"Research", "Investigate", "Explore", "Study", "Survey"}) {
    if (verb == v) return {"research", 8};
  }
  for (const char* v :
       {"Analyze", "Analyse", "Compare", "Evaluate", "Assess", "Review", "Benchmark"}) {
    if (verb == v) return {"analysis", 6};
  }
  for (const char* v : {"Document", "Write", "Summarize", "Summarise", "Describe", "Draft"}) {
    if (verb == v) return {"documentation", 4};
  }
  return {"other", 6};
}

class TopicImport {
 public:
  explicit TopicImport(Db& db)
      : m_topic(db,
                "INSERT INTO topics (id, document_id, title, number, focus, skills, position, "
                "line) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        m_task(db,
               "INSERT INTO tasks (id, topic_id, position, prompt, line, kind, estimate_likely, "
               "estimate_optimistic, estimate_pessimistic) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)") {}

  void scan(std::string_view text, std::int64_t document) {
    m_document = document;
    int line_number = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      pos = end + 1;
      ++line_number;
      line_of(line, line_number);
    }
    flush_prompt();
  }

 private:
  void line_of(std::string_view line, int number) {
    if (starts_with(line, "## ") || starts_with(line, "### ") || starts_with(line, "#### ")) {
      flush_prompt();
      m_in_prompts = false;
      heading(line.substr(line.find(' ') + 1), number);
    } else if (starts_with(line, "**Research Focus**:")) {
      m_focus = line.substr(19 + (line.size() > 19 && line[19] == ' '));
    } else if (starts_with(line, "**Skills**:")) {
      m_skills = line.substr(11 + (line.size() > 11 && line[11] == ' '));
    } else if (starts_with(line, "**Research Prompts**:")) {
      insert_topic();
      m_in_prompts = true;
    } else if (!m_in_prompts) {
      return;
    } else if (starts_with(line, "- ") || starts_with(line, "* ") || starts_with(line, "+ ")) {
      flush_prompt();
      m_prompt.assign(line.substr(2));
      m_prompt_line = number;
    } else if (starts_with(line, "  ")) {
      const std::size_t first = line.find_first_not_of(" -*+");
      if (first != std::string_view::npos) m_prompt.append(" ").append(line.substr(first));
    } else if (line.empty()) {
      flush_prompt();
      m_in_prompts = false;
    }
  }

  void heading(std::string_view text, int number) {
    m_title = text;
    m_number = -1;
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits > 0 && digits + 1 < text.size() && text[digits] == '.' && text[digits + 1] == ' ') {
      std::from_chars(text.data(), text.data() + digits, m_number);
      m_title = text.substr(digits + 2);
    }
    m_focus = {};
    m_skills = {};
    m_heading_line = number;
  }

  void insert_topic() {
    m_topic_id = base36(++m_topics, 't');
    m_position = 0;
    m_topic.bind(1, m_topic_id);
    m_topic.bind(2, m_document);
    m_topic.bind(3, m_title);
    if (m_number >= 0) {
      m_topic.bind(4, m_number);
    } else {
      m_topic.bind_null(4);
    }
    m_topic.bind(5, m_focus);
    m_topic.bind(6, m_skills);
    m_topic.bind(7, static_cast<int>(m_topics));
    m_topic.bind(8, m_heading_line);
    m_topic.run();
  }

  void flush_prompt() {
    if (m_prompt.empty()) return;
    const Kind kind = kind_of(m_prompt);
    std::size_t commas = 0;
    for (const char c : m_prompt) commas += c == ',';
    const std::size_t items = commas > 0 ? commas + 1 : 1;
    const double hours = kind.hours + (items > 2 ? static_cast<double>(items - 2) : 0.0);
    const std::string id = base36(++m_tasks, 'k');
    m_task.bind(1, id);
    m_task.bind(2, m_topic_id);
    m_task.bind(3, ++m_position);
    m_task.bind(4, m_prompt);
    m_task.bind(5, m_prompt_line);
    m_task.bind(6, std::string_view(kind.name));
    m_task.bind(7, hours);
    m_task.bind(8, hours * 0.75);
    m_task.bind(9, hours * 1.5);
    m_task.run();
    m_prompt.clear();
  }

  Stmt m_topic, m_task;
  std::int64_t m_document = 0;
  std::uint64_t m_topics = 0, m_tasks = 0;
  bool m_in_prompts = false;
  std::string_view m_title, m_focus, m_skills;
  int m_number = -1, m_heading_line = 0, m_prompt_line = 0, m_position = 0;
  std::string m_topic_id, m_prompt;
};

// Splits one CSV line at commas outside double quotes (quotes dropped).
std::vector<std::string_view> csv_fields(std::string_view line, std::vector<std::string>& keep) {
  std::vector<std::string_view> fields;
  keep.clear();
  keep.reserve(16);
  std::size_t i = 0;
  while (i <= line.size()) {
    if (i < line.size() && line[i] == '"') {
      const std::size_t close = line.find('"', i + 1);
      keep.emplace_back(line.substr(i + 1, close - i - 1));
      fields.push_back(keep.back());
      i = close == std::string_view::npos ? line.size() + 1 : close + 2;
    } else {
      std::size_t comma = line.find(',', i);
      if (comma == std::string_view::npos) comma = line.size();
      fields.push_back(line.substr(i, comma - i));
      i = comma + 1;
    }
  }
  return fields;
}

}  // namespace

void import_topics(const std::string& db_path, const std::string& file) {
  const std::string text = read_file(file);
  Db db(db_path);
  db.exec("BEGIN IMMEDIATE");
  std::string_view title;
  if (starts_with(text, "# ")) title = std::string_view(text).substr(2, text.find('\n') - 2);
  {
    Stmt doc(db, "INSERT INTO documents (name, title, ordinal) VALUES (?, ?, 1)");
    const std::string name = file.substr(file.find_last_of('/') + 1);
    doc.bind(1, name);
    doc.bind(2, title);
    doc.run();
  }
  TopicImport import(db);
  import.scan(text, sqlite3_last_insert_rowid(db.get()));
  db.exec("COMMIT");
}

void import_team(const std::string& db_path, const std::string& file) {
  const std::string text = read_file(file);
  Db db(db_path);
  db.exec("BEGIN IMMEDIATE");
  Stmt ins(db,
           "INSERT INTO assignees (name, email, hours_per_day, workdays, day_start, timezone, "
           "skills) VALUES (?, ?, ?, ?, ?, ?, ?)");
  std::vector<std::string> keep;
  std::size_t pos = text.find('\n') + 1;  // after the header (columns in generator order)
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    const auto f = csv_fields(std::string_view(text).substr(pos, end - pos), keep);
    pos = end + 1;
    if (f.size() < 7) continue;
    ins.bind(1, f[0]);
    ins.bind(2, f[1]);
    ins.bind(3, std::strtod(std::string(f[2]).c_str(), nullptr));
    ins.bind(4, f[3]);
    const int clock =
        ((f[4][0] - '0') * 10 + (f[4][1] - '0')) * 60 + (f[4][3] - '0') * 10 + (f[4][4] - '0');
    ins.bind(5, clock);
    ins.bind(6, f[5]);
    ins.bind(7, f[6]);
    ins.run();
  }
  db.exec("COMMIT");
}

}  // namespace rplan::bench::floor
