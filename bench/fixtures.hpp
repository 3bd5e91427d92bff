#pragma once

#include <cstddef>
#include <streambuf>
#include <string>

#include "planner/model/model.hpp"

// In-memory inputs of the micro-benchmarks, built from bench/dataset.hpp and
// cached per size (building a 300,000-task plan once is enough).
namespace rplan::bench {

// The generated topic document of `tasks` prompts (seed 1).
const std::string& document_text(std::size_t tasks);

// The document parsed and estimated, as `rplan import` hands it to the store.
model::ParsedDocument parsed_document(std::size_t tasks);

// The people of a benchmark of `tasks` tasks: one per 300 tasks, at least 5
// (3,000 tasks: 10 people; 300,000 tasks: 1,000), as scripts/bench uses.
std::size_t people_for(std::size_t tasks);

// A project as load_project() returns it before any plan: topics and tasks
// with short ids ("t12", "k34"), the generated team and holidays.
model::Project unplanned_project(std::size_t tasks);
// The same with `people` people (0: people_for(tasks)).
model::Project unplanned_project(std::size_t tasks, std::size_t people);

// The same project planned from 2026-12-07 (schedule::make_plan), created_at
// fixed. Cached: the reference stays valid for the life of the program.
const model::Project& planned_project(std::size_t tasks);

// A stream buffer that counts what it is given and keeps nothing.
class CountingBuffer : public std::streambuf {
 public:
  std::size_t bytes() const { return m_bytes; }

 protected:
  int_type overflow(int_type c) override {
    ++m_bytes;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    m_bytes += static_cast<std::size_t>(n);
    return n;
  }

 private:
  std::size_t m_bytes = 0;
};

}  // namespace rplan::bench
