#include "run_rplan.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <atomic>

extern char** environ;

namespace rplan::e2e {

namespace fs = std::filesystem;

fs::path data(const std::string& name) { return fs::path(RPLAN_SOURCE_DIR) / "tests/data" / name; }

fs::path seed_document() {
  const fs::path p =
      fs::path(RPLAN_SOURCE_DIR).parent_path() / "shared/seeds/backend-development-topics.md";
  return fs::exists(p) ? p : fs::path();
}

Result Workspace::run(const std::vector<std::string>& args,
                      const std::map<std::string, std::string>& env) const {
  std::vector<std::string> argv = {RPLAN_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return spawn(argv, env);
}

int Workspace::start(const std::vector<std::string>& args) const {
  std::vector<std::string> argv_strings = {RPLAN_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addchdir_np(&actions, dir().c_str());
  pid_t pid = 0;
  if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
    ADD_FAILURE() << "cannot start " << argv[0];
  }
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

Result Workspace::run_unprivileged(const std::vector<std::string>& args) const {
  std::vector<std::string> argv;
  if (::geteuid() == 0) {
    argv = {"/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"};
  }
  argv.push_back(RPLAN_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  return spawn(argv, {});
}

Result Workspace::spawn(const std::vector<std::string>& argv_strings_in,
                        const std::map<std::string, std::string>& env) const {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string kv = *e;
    const auto eq = kv.find('=');
    if (eq != std::string::npos) vars[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  vars.erase("RPLAN_DB");
  vars["SOURCE_DATE_EPOCH"] = "1795000000";  // 2026-11-17, a fixed clock
  vars["TZ"] = "UTC";
  for (const auto& [k, v] : env) vars[k] = v;
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : vars) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  std::vector<std::string> argv_strings = argv_strings_in;
  std::vector<char*> argv;
  for (auto& s : argv_strings) argv.push_back(s.data());
  argv.push_back(nullptr);

  // Outside the workspace, which a test may have made read-only; numbered, as
  // tests run several rplan processes at once.
  static std::atomic<int> runs{0};
  const std::string stem = dir().string() + "." + std::to_string(runs++);
  const fs::path out_file = fs::path(stem + ".stdout");
  const fs::path err_file = fs::path(stem + ".stderr");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addchdir_np(&actions, dir().c_str());
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  Result result;
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << argv[0];
    return result;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(out_file);
  result.err = slurp(err_file);
  fs::remove(out_file);
  fs::remove(err_file);
  return result;
}

}  // namespace rplan::e2e
