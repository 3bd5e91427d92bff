#include "planner/pipeline/export_pool.hpp"

#include <algorithm>

#include "planner/util/error.hpp"

namespace rplan::pipeline {

ExportPool::ExportPool(const model::Project& project, const ExportOptions& options, Jobs jobs,
                       std::size_t threads, Reporter& reporter)
    : m_project(project),
      m_options(options),
      m_jobs(std::move(jobs)),
      m_reporter(reporter),
      m_errors(m_jobs.size()),
      m_written(m_jobs.size()),
      m_threads(std::min(threads, m_jobs.size())) {
  while (m_threads.start([this] { work(); })) {
  }
}

void ExportPool::finish() {
  work();
  join();
  for (const auto& e : m_errors) {
    if (e) std::rethrow_exception(e);
  }
}

std::vector<std::filesystem::path> ExportPool::written() const {
  std::vector<std::filesystem::path> all;
  for (const auto& files : m_written) all.insert(all.end(), files.begin(), files.end());
  return all;
}

void ExportPool::work() {
  for (std::size_t i = m_next++; i < m_jobs.size(); i = m_next++) {
    const auto& [format, path] = m_jobs[i];
    m_reporter.job_began(format->name);
    try {
      m_written[i] = format->write(m_project, m_options, path);
    } catch (...) {
      m_errors[i] = std::current_exception();
    }
    m_reporter.job_ended(format->name);
  }
}

void CommitGate::open(Outcome outcome) {
  {
    const std::lock_guard<std::mutex> lock(m_mutex);
    m_state = outcome == Outcome::committed ? State::committed : State::failed;
  }
  m_changed.notify_all();
}

void CommitGate::wait() {
  std::unique_lock<std::mutex> lock(m_mutex);
  m_changed.wait(lock, [this] { return m_state != State::waiting; });
  if (m_state == State::failed) {
    throw OutputError("the plan was not saved, so no export was replaced");
  }
}

}  // namespace rplan::pipeline
