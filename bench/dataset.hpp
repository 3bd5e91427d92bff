#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

// Synthetic inputs for the benchmarks: topic documents and teams of any size,
// the same bytes for the same options on every machine (a fixed PRNG, no
// locale, no clock). Shared by rplan-generate, the micro-benchmarks and the
// TaskJuggler comparison.
namespace rplan::bench {

struct DatasetOptions {
  std::size_t tasks = 3000;  // prompts; topics hold 3 each (the last one fewer)
  std::size_t people = 10;
  std::uint64_t seed = 1;
  // An equal team (the like-for-like comparison with TaskJuggler): everyone
  // 8 hours a day, Monday to Friday, from 09:00, UTC, without skills.
  bool equal_team = false;
};

// A topic document of ceil(tasks / 3) topics: a title, an Overview section,
// then "### N. Title" topics, each with a Research Focus line, a Skills line
// on about a third of them, and a Research Prompts list of a research, an
// analysis and a documentation prompt (in that order; a last topic may stop
// early). About 40% of the prompts list items ("including A, B, and C"), about
// 10% wrap onto a second line and about 3% carry nested items. Ends with a
// Navigation section. Topic titles are unique.
std::string topics_document(const DatasetOptions& options);

// A team CSV with the header name,email,hours_per_day,workdays,day_start,
// timezone,skills: unique names, about 10% without an email, 4-8 hours a day,
// mostly Monday to Friday, five IANA time zones (UTC, Europe/Berlin,
// America/New_York, Asia/Kolkata, Australia/Sydney), day starts from 08:00 to
// 13:00, and zero to three skills from the words the topics use.
std::string team_csv(const DatasetOptions& options);

// Global holidays from 2026 to 2030, one "YYYY-MM-DD Name" per line.
std::string holidays_text();

}  // namespace rplan::bench
