#pragma once

// Reading iCalendar text back in tests, without libical: physical lines,
// unfolded content lines and property values.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "exporters/ics_export.hpp"
#include "tests/support/files.hpp"

namespace rplan::exporters::testing {

using rplan::testing::slurp;

inline IcsOptions ics_options(IcsMode mode, std::string assignee = "",
                              std::optional<int> cancelled_retention_days = std::nullopt) {
  IcsOptions o;
  o.mode = mode;
  o.assignee = std::move(assignee);
  o.cancelled_retention_days = cancelled_retention_days;
  return o;
}

inline std::string ics(const model::Project& p, IcsMode mode, std::string assignee = "") {
  std::ostringstream out;
  write_ics(p, ics_options(mode, std::move(assignee)), out);
  return out.str();
}

// The lines between CRLFs (the text must end with one).
inline std::vector<std::string> physical_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto end = text.find("\r\n", pos);
    if (end == std::string::npos) {
      ADD_FAILURE() << "text does not end with CRLF: " << text.substr(pos);
      break;
    }
    lines.push_back(text.substr(pos, end - pos));
    pos = end + 2;
  }
  return lines;
}

// Content lines: continuation lines (starting with a space) joined to the one before.
inline std::vector<std::string> content_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (const auto& l : physical_lines(text)) {
    if (!l.empty() && l[0] == ' ' && !lines.empty()) {
      lines.back() += l.substr(1);
    } else {
      lines.push_back(l);
    }
  }
  return lines;
}

// The values of every property called `name` (with or without parameters), in order.
inline std::vector<std::string> values(const std::string& text, const std::string& name) {
  std::vector<std::string> found;
  for (const auto& l : content_lines(text)) {
    if (l.rfind(name, 0) == 0 && l.size() > name.size() &&
        (l[name.size()] == ':' || l[name.size()] == ';')) {
      found.push_back(l.substr(l.find(':', name.size()) + 1));
    }
  }
  return found;
}

// Undoes TEXT escaping.
inline std::string unescape(const std::string& value) {
  std::string s;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) {
      ++i;
      s += value[i] == 'n' || value[i] == 'N' ? '\n' : value[i];
    } else {
      s += value[i];
    }
  }
  return s;
}

// Compares text with tests/golden/ics/<name> byte for byte. With the
// environment variable RPLAN_UPDATE_GOLDEN=1 the golden file is rewritten
// instead (then review the diff before committing it).
inline void expect_golden(const std::string& name, const std::string& text) {
  const std::filesystem::path path =
      std::filesystem::path(RPLAN_SOURCE_DIR) / "tests/golden/ics" / name;
  if (const char* update = std::getenv("RPLAN_UPDATE_GOLDEN");
      update && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing: run the test with RPLAN_UPDATE_GOLDEN=1 to create it";
  const std::string golden = slurp(path);
  if (golden == text) return;
  const auto want = physical_lines(golden), got = physical_lines(text);
  std::size_t i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) ++i;
  ADD_FAILURE() << name << " differs from " << path << " at line " << i + 1
                << "\n  golden: " << (i < want.size() ? want[i] : "<end>")
                << "\n  actual: " << (i < got.size() ? got[i] : "<end>")
                << "\n(RPLAN_UPDATE_GOLDEN=1 rewrites the golden files)";
}

}  // namespace rplan::exporters::testing
