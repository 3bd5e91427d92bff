// rplan-generate: writes a benchmark dataset into a folder.
//
//   rplan-generate --tasks N --people P --out DIR [--seed S] [--equal-team]
//
// DIR/topics.md (ceil(N / 3) topics of up to 3 prompts), DIR/team.csv (P
// people) and DIR/holidays.txt ("YYYY-MM-DD Name" lines, for `rplan holiday
// add`). The same options give the same bytes (bench/dataset.hpp).
// --equal-team: everyone 8 hours, Monday to Friday, 09:00, UTC, no skills.

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "bench/dataset.hpp"

namespace {

void usage() {
  std::cerr << "usage: rplan-generate --tasks N --people P --out DIR [--seed S] [--equal-team]\n";
  std::exit(2);
}

std::uint64_t number(const char* text) {
  char* end = nullptr;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0') usage();
  return value;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out.flush()) {
    std::cerr << "rplan-generate: error: cannot write " << path.string() << "\n";
    std::exit(73);
  }
}

}  // namespace

int main(int argc, char** argv) {
  rplan::bench::DatasetOptions options;
  std::string out;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--equal-team") {
      options.equal_team = true;
      continue;
    }
    if (i + 1 >= argc) usage();
    if (arg == "--tasks") {
      options.tasks = number(argv[++i]);
    } else if (arg == "--people") {
      options.people = number(argv[++i]);
    } else if (arg == "--seed") {
      options.seed = number(argv[++i]);
    } else if (arg == "--out") {
      out = argv[++i];
    } else {
      usage();
    }
  }
  if (out.empty() || options.tasks == 0 || options.people == 0) usage();
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::cerr << "rplan-generate: error: cannot create " << out << ": " << ec.message() << "\n";
    return 73;
  }
  const std::filesystem::path dir = out;
  write(dir / "topics.md", rplan::bench::topics_document(options));
  write(dir / "team.csv", rplan::bench::team_csv(options));
  write(dir / "holidays.txt", rplan::bench::holidays_text());
  return 0;
}
