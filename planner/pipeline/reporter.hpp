#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <string>

namespace rplan::pipeline {

// What the pipeline says about its work as it goes: the stage its main line
// is in, and the jobs that run beside it (each export of `run`, on worker
// threads). The pipeline calls it from several threads at once, so every
// implementation is thread-safe.
class Reporter {
 public:
  virtual ~Reporter() = default;
  // The main line of work enters a stage ("planning 48 tasks for 4 people");
  // the previous stage, if any, has ended.
  virtual void stage(const std::string& what) = 0;
  // The last stage has ended.
  virtual void stage_done() = 0;
  // A job beside the stages begins or ends, on any thread. Names are unique
  // among the jobs under way.
  virtual void job_began(const std::string& name) = 0;
  virtual void job_ended(const std::string& name) = 0;
  // Whole lines for the error stream (each ending in a newline: a warning),
  // from any thread, written between the progress and timing lines.
  virtual void message(const std::string& lines) = 0;
};

// Says nothing (tests, benchmarks).
class SilentReporter final : public Reporter {
 public:
  void stage(const std::string&) override {}
  void stage_done() override {}
  void job_began(const std::string&) override {}
  void job_ended(const std::string&) override {}
  void message(const std::string&) override {}
};

// The one writer of progress and timing lines on rplan's error stream: it
// owns the stream while work is under way, and every line goes through one
// lock, so lines from several threads never mix.
//
// Progress::terminal shows the current stage as one line rewritten in place
// ("planning 48 tasks for 4 people..."). Timings::on prints, as each stage
// ends, "rplan: STAGE: 1.234 s" (the time since it began) and, as each job
// ends, "rplan:   NAME: 1.234 s".
class StreamReporter final : public Reporter {
 public:
  enum class Progress { off, terminal };
  enum class Timings { off, on };
  // Seconds on a monotonic clock (the command line passes the steady clock).
  using Clock = std::function<double()>;

  StreamReporter(std::ostream& err, Progress progress, Timings timings, Clock clock);
  void stage(const std::string& what) override;
  void stage_done() override;
  void job_began(const std::string& name) override;
  void job_ended(const std::string& name) override;
  void message(const std::string& lines) override;

 private:
  // These three with m_mutex held.
  // "rplan: PREFIXWHAT: 1.234 s\n" for what began at `began`.
  std::string timing_line(const std::string& prefix, const std::string& what, double began) const;
  // One whole line; a progress line on show is cleared first and shown again after it.
  void write_line(const std::string& line);
  void end_stage();

  std::ostream& m_err;
  const Progress m_progress;
  const Timings m_timings;
  const Clock m_clock;
  std::mutex m_mutex;  // guards everything below and every write to m_err
  std::string m_stage;
  bool m_progress_shown = false;  // the terminal shows m_stage's progress line
  double m_stage_began = 0;
  std::map<std::string, double> m_jobs;  // under way: name -> when it began
};

}  // namespace rplan::pipeline
