#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "planner/model/model.hpp"

namespace rplan::testing {

// A fresh folder per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    m_path = std::filesystem::temp_directory_path() /
             ("rplan-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
              std::to_string(::getpid()));
    std::filesystem::remove_all(m_path);
    std::filesystem::create_directories(m_path);
  }
  ~TempDir() { std::filesystem::remove_all(m_path); }
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

 private:
  std::filesystem::path m_path;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A parsed document built by hand: topics of (title, prompts).
inline model::ParsedDocument document(
    const std::string& name,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& topics) {
  model::ParsedDocument doc;
  doc.name = name;
  doc.title = "Test document";
  int line = 1;
  for (const auto& [title, prompts] : topics) {
    model::ParsedTopic t;
    t.title = title;
    t.line = line++;
    for (const auto& text : prompts) {
      model::ParsedPrompt p;
      p.text = text;
      p.line = line++;
      p.kind = text.rfind("Document", 0) == 0 ? model::TaskKind::documentation
                                              : model::TaskKind::research;
      p.estimate = {8, 6, 8, 12, false};
      t.prompts.push_back(p);
    }
    doc.topics.push_back(t);
  }
  return doc;
}

}  // namespace rplan::testing
