#include "planner/util/thread_group.hpp"

#include <system_error>
#include <utility>

namespace rplan::util {

ThreadGroup::ThreadGroup(std::size_t max_threads) : m_max(max_threads) {}

ThreadGroup::~ThreadGroup() {
  for (auto& t : m_threads) {
    if (t.joinable()) t.join();
  }
}

bool ThreadGroup::start(std::function<void()> task) {
  if (m_threads.size() >= m_max) return false;
  auto error = std::make_unique<std::exception_ptr>();
  std::exception_ptr* slot = error.get();
  m_errors.push_back(std::move(error));
  try {
    m_threads.emplace_back([task = std::move(task), slot] {
      try {
        task();
      } catch (...) {
        *slot = std::current_exception();
      }
    });
  } catch (const std::system_error&) {  // no thread to be had: the caller does the work
    m_errors.pop_back();
    return false;
  }
  return true;
}

void ThreadGroup::join() {
  for (auto& t : m_threads) t.join();
  m_threads.clear();
  auto errors = std::move(m_errors);
  m_errors.clear();
  for (const auto& e : errors) {
    if (*e) std::rethrow_exception(*e);
  }
}

}  // namespace rplan::util
