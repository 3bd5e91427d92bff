#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <mutex>
#include <utility>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/pipeline/exports.hpp"
#include "planner/pipeline/reporter.hpp"
#include "planner/util/thread_group.hpp"

namespace rplan::pipeline {

// Writes exports on up to `threads` worker threads (the exporters only read
// the project, which must outlive the pool) while the caller goes on; the caller's thread joins in
// at finish(), and writes all of them when no worker could be started. Each job is reported as it
// begins and ends (its format's name). Every export is attempted; finish() throws the first failure
// in the order of `jobs`.
class ExportPool {
 public:
  using Jobs = std::vector<std::pair<const ExportFormat*, std::filesystem::path>>;
  ExportPool(const model::Project& project, const ExportOptions& options, Jobs jobs,
             std::size_t threads, Reporter& reporter);
  ExportPool(const ExportPool&) = delete;
  ExportPool& operator=(const ExportPool&) = delete;
  ~ExportPool() = default;  // joins (m_threads)

  // Writes what is left on the calling thread too, waits for the workers, and
  // rethrows the first failure.
  void finish();
  // No export starts from now on (those under way run to their end).
  void cancel() { m_next = m_jobs.size(); }
  // Waits for the workers (cancel() first to have them stop early).
  void join() { m_threads.join(); }
  // After finish(): the files written, job by job (ExportFormat::write).
  std::vector<std::filesystem::path> written() const;

 private:
  void work();

  const model::Project& m_project;
  const ExportOptions m_options;
  Jobs m_jobs;
  Reporter& m_reporter;
  std::vector<std::exception_ptr> m_errors;  // one per job, written by the thread that ran it
  std::vector<std::vector<std::filesystem::path>> m_written;  // likewise
  std::atomic<std::size_t> m_next{0};
  util::ThreadGroup m_threads;  // last: joined before the rest goes
};

// Holds finished exports back until the database commit is decided: they
// replace their files only when the plan they show was saved. Any thread may
// wait; one opens it, once.
class CommitGate {
 public:
  enum class Outcome { committed, failed };
  void open(Outcome outcome);
  // Returns once the gate is open on a commit; throws rplan::OutputError
  // ("the plan was not saved, so no export was replaced") when it failed.
  void wait();

 private:
  enum class State { waiting, committed, failed };
  std::mutex m_mutex;
  std::condition_variable m_changed;
  State m_state = State::waiting;
};

}  // namespace rplan::pipeline
