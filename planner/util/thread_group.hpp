#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace rplan::util {

// Threads that work beside the calling thread and are joined together: the
// one way rplan starts threads. The caller says how many the group may start
// (nothing here asks the hardware); work that gets no thread, because the
// group is full or the system has no thread to give, stays the caller's to do
// on its own thread. So every user has a one-thread path that gives the same
// result, and a machine out of threads slows down instead of failing.
class ThreadGroup {
 public:
  explicit ThreadGroup(std::size_t max_threads);
  // Joins every thread; an exception join() did not rethrow is dropped.
  ~ThreadGroup();
  ThreadGroup(const ThreadGroup&) = delete;
  ThreadGroup& operator=(const ThreadGroup&) = delete;

  // Runs `task` on a new thread and returns true; returns false, without
  // running it, when max_threads are started already or no thread can be
  // created. What `task` throws is kept for join().
  bool start(std::function<void()> task);
  // Waits for every started task, then rethrows the first exception one of
  // them threw (in the order they were started). Afterwards the group is
  // empty and may start max_threads again.
  void join();
  // Threads started and not joined yet.
  std::size_t size() const { return m_threads.size(); }

 private:
  std::size_t m_max;
  std::vector<std::thread> m_threads;
  // One per started thread, written by that thread only; each on the heap, so
  // that starting another thread never moves one a thread is writing to.
  std::vector<std::unique_ptr<std::exception_ptr>> m_errors;
};

}  // namespace rplan::util
