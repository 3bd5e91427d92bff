#include "planner/pipeline/reporter.hpp"

#include <cstdio>
#include <utility>

namespace rplan::pipeline {

namespace {
constexpr const char* k_clear_line = "\r\033[K";
}  // namespace

StreamReporter::StreamReporter(std::ostream& err, Progress progress, Timings timings, Clock clock)
    : m_err(err), m_progress(progress), m_timings(timings), m_clock(std::move(clock)) {}

std::string StreamReporter::timing_line(const std::string& prefix, const std::string& what,
                                        double began) const {
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.3f", m_clock() - began);
  return "rplan: " + prefix + what + ": " + seconds + " s\n";
}

void StreamReporter::write_line(const std::string& line) {
  std::string text = m_progress_shown ? k_clear_line + line : line;
  if (m_progress_shown && !m_stage.empty()) {
    text += m_stage + "...";
  } else {
    m_progress_shown = false;
  }
  // One insertion and a flush: the line reaches the stream whole.
  m_err << text << std::flush;
}

void StreamReporter::end_stage() {
  const std::string ended = std::exchange(m_stage, {});
  if (m_timings == Timings::on && !ended.empty()) {
    write_line(timing_line("", ended, m_stage_began));
  }
}

void StreamReporter::stage(const std::string& what) {
  const std::lock_guard<std::mutex> lock(m_mutex);
  end_stage();
  m_stage = what;
  if (m_timings == Timings::on) m_stage_began = m_clock();
  if (m_progress == Progress::terminal) {
    m_err << (k_clear_line + what + "...") << std::flush;
    m_progress_shown = true;
  }
}

void StreamReporter::stage_done() {
  const std::lock_guard<std::mutex> lock(m_mutex);
  end_stage();
  if (m_progress_shown) m_err << k_clear_line << std::flush;
  m_progress_shown = false;
}

void StreamReporter::job_began(const std::string& name) {
  if (m_timings == Timings::off) return;
  const std::lock_guard<std::mutex> lock(m_mutex);
  m_jobs[name] = m_clock();
}

void StreamReporter::job_ended(const std::string& name) {
  if (m_timings == Timings::off) return;
  const std::lock_guard<std::mutex> lock(m_mutex);
  const auto it = m_jobs.find(name);
  if (it == m_jobs.end()) return;
  write_line(timing_line("  ", name, it->second));
  m_jobs.erase(it);
}

void StreamReporter::message(const std::string& lines) {
  if (lines.empty()) return;
  const std::lock_guard<std::mutex> lock(m_mutex);
  write_line(lines);
}

}  // namespace rplan::pipeline
