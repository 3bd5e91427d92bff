#pragma once

// Files in tests: a temporary folder for each test, and a whole file read back.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace rplan::testing {

// A fresh folder under the system's temporary folder ($TMPDIR, else /tmp),
// named after the running test ("rplan-Suite-Name-XXXXXX", unique even for
// two in one test), removed with everything in it when it goes out of scope,
// also after the test made it read-only.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }
  // Writes `content` to `name` in the folder (making the folders on the way)
  // and returns its path.
  std::filesystem::path write(const std::string& name, std::string_view content) const;
  // How many files and folders the folder holds (not counting their contents).
  std::size_t entries() const;

 private:
  std::filesystem::path m_path;
};

// The file's bytes as they are (no newline translation); "" when it cannot be
// read, so that a missing file compares unequal to any expected content.
std::string slurp(const std::filesystem::path& path);

}  // namespace rplan::testing
