#pragma once

// Internals of the HTML report shared by html_export.cpp (the document, the
// summary and the topics), html_gantt.cpp and html_workload.cpp (the SVG
// charts). Not part of the exporter's interface.

#include <charconv>
#include <concepts>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "exporters/plan_view.hpp"
#include "planner/model/baseline.hpp"
#include "planner/model/model.hpp"
#include "planner/model/plan_diff.hpp"

namespace rplan::exporters::html {

using model::Date;

template <class T>
concept Integer = std::is_integral_v<T> && !std::is_same_v<T, char> && !std::is_same_v<T, bool>;

// Buffered output of the report, which is written in millions of small
// pieces: std::ostream's cost per insertion dominated the run time. Collects
// 64 KiB at a time; flush() at the end (nothing is written on destruction, so
// a failed export leaves nothing half-flushed behind its exception).
class Writer {
 public:
  explicit Writer(std::ostream& out) : m_out(out) { m_buffer.reserve(k_capacity + 4096); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  Writer& operator<<(std::string_view text) {
    m_buffer.append(text);
    return spill();
  }
  Writer& operator<<(const char* text) { return *this << std::string_view(text); }
  Writer& operator<<(const std::string& text) { return *this << std::string_view(text); }
  Writer& operator<<(char c) {
    m_buffer.push_back(c);
    return spill();
  }
  // A double would otherwise become a char: numbers go through Num.
  Writer& operator<<(double) = delete;
  template <Integer T>
  Writer& operator<<(T value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    return *this << std::string_view(digits, static_cast<std::size_t>(end - digits));
  }
  std::string& buffer() { return m_buffer; }
  Writer& spill() {
    if (m_buffer.size() >= k_capacity) flush();
    return *this;
  }
  void flush() {
    m_out.write(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    m_buffer.clear();
  }

 private:
  static constexpr std::size_t k_capacity = 64 * 1024;
  std::ostream& m_out;
  std::string m_buffer;
};

// Appends text escaped as html_escape does.
void append_escaped(std::string& out, std::string_view text);

// Writes text escaped, without building a string.
struct Esc {
  std::string_view text;
};
inline Writer& operator<<(Writer& out, Esc e) {
  append_escaped(out.buffer(), e.text);
  return out.spill();
}

// A number in fixed notation with at most `precision` decimals, trailing
// zeros dropped (SVG coordinates: never "1.2e+06").
struct Num {
  double value;
  int precision = 1;
};
Writer& operator<<(Writer& out, Num n);

// At most max_code_points code points of UTF-8 text, "…" appended when cut.
std::string truncate_text(std::string_view text, std::size_t max_code_points);
// "Dec 7"; "December 2026".
std::string format_day_label(Date date);
std::string format_month_label(Date date);
// "42%", or "–" when whole is 0.
std::string percent(double part, double whole);

struct TopicStats {
  std::size_t tasks = 0;
  double hours = 0;
  double done_hours = 0;
  std::optional<Date> first, last;  // first and last local day with a block
  bool scheduled = false;           // from/to are set
  double from = 0, to = 0;          // in day columns from Report::first
  int main_person = -1;             // most hours of scheduled tasks in the topic (view's index)
};

// What the writers need beyond the plan view, computed before any output: a
// few numbers per topic, never the document itself.
struct Report {
  explicit Report(const PlanView& v) : view(v), project(v.project()) {}
  const PlanView& view;
  const model::Project& project;
  std::vector<TopicStats> topics;  // per group of the view (topics, then tasks without one)
  bool several_documents = false;
  // Day columns of the Gantt chart: the view's days.
  bool has_axis = false;
  Date first{};
  int days = 0;
  // With a baseline (`export html --baseline NAME`): the diff, and per task
  // of the project (in its order) the baseline's row, nullptr when it has none.
  const model::Baseline* baseline = nullptr;
  std::optional<model::PlanDiff> diff;
  std::vector<const model::BaselineTask*> then;
};

// Writes the <section> listing the tasks changed since the baseline
// (html_changes.cpp); nothing without a baseline.
void write_changes(const Report& r, Writer& out);

// Writes the <section> of the Gantt chart and of the workload chart.
void write_schedule(const Report& r, Date today, Writer& out);
void write_workload(const Report& r, Writer& out);
// Writes the <section> of the load heat map and the burn-up (html_load.cpp).
void write_load(const Report& r, Writer& out);
// The <section> of the forecast kept with the plan (an S-curve of its finish
// date, P50 / P85 / P95 marked); nothing when the project has none.
void write_forecast(const Report& r, Writer& out);
// "3. Caching" (the number when the topic has one); t == topics.size() is the
// group of tasks without a known topic.
std::string topic_title(const Report& r, std::size_t t);
// Share (0..1) of the assignee's working day before local `minute`.
double day_fraction(const Report& r, int person, int minute);

}  // namespace rplan::exporters::html
