#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tests/support/files.hpp"

namespace rplan::e2e {

using rplan::testing::slurp;

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// A temporary folder for one test: the working directory of every rplan run,
// holding its database. Removed afterwards.
class Workspace {
 public:
  const std::filesystem::path& dir() const { return m_dir.path(); }
  std::filesystem::path path(const std::string& name) const { return m_dir / name; }
  // Writes a file into the workspace and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    return m_dir.write(name, content);
  }
  // Runs the built rplan with args in dir(), with env added (SOURCE_DATE_EPOCH
  // is pinned unless given), and waits for it.
  Result run(const std::vector<std::string>& args,
             const std::map<std::string, std::string>& env = {}) const;
  // Runs rplan as the unprivileged user `nobody` (through setpriv) when the
  // tests run as root, so file permissions apply; as itself otherwise.
  Result run_unprivileged(const std::vector<std::string>& args) const;
  // Starts rplan without waiting (output discarded); returns its pid.
  int start(const std::vector<std::string>& args) const;

 private:
  Result spawn(const std::vector<std::string>& argv,
               const std::map<std::string, std::string>& env) const;
  testing::TempDir m_dir;
};

// A fixture file under tests/data/.
std::filesystem::path data(const std::string& name);
// The seed document, if this checkout has ../shared/seeds beside it ("" if not).
std::filesystem::path seed_document();

// Whether `text` contains `part`.
inline bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace rplan::e2e
