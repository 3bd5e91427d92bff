#include "tests/support/files.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace rplan::testing {

namespace fs = std::filesystem;

namespace {

// "Suite-Name" of the running test, with characters that would make folders
// ('/' of parameterized tests) replaced; "test" outside a test.
std::string test_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name =
      info == nullptr ? "test" : std::string(info->test_suite_name()) + "-" + info->name();
  std::replace(name.begin(), name.end(), '/', '_');
  return name;
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / ("rplan-" + test_name() + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw std::runtime_error("cannot make a temporary folder " + pattern);
  }
  m_path = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(m_path, ec);
}

fs::path TempDir::write(const std::string& name, std::string_view content) const {
  const fs::path p = m_path / name;
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
  return p;
}

std::size_t TempDir::entries() const {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(m_path), {}));
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace rplan::testing
