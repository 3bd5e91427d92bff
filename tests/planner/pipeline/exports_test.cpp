// The export table as `run` uses it: every format writes its whole file to a
// temporary name first and replaces its target only after before_publish
// returns (`run` waits there for the database commit).

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "planner/pipeline/exports.hpp"
#include "planner/util/error.hpp"
#include "tests/exporters/ics/ics_fixture.hpp"
#include "tests/support/files.hpp"

namespace rplan::pipeline {
namespace {

namespace fs = std::filesystem;
using rplan::testing::slurp;
using rplan::testing::TempDir;

std::size_t entries(const fs::path& folder) {
  std::size_t n = 0;
  for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator();
       ++it) {
    ++n;
  }
  return n;
}

TEST(ExportsTest, NoFormatReplacesItsFileWhenBeforePublishThrows) {
  TempDir dir;
  const model::Project project = exporters::testing::sample_project();
  for (const bool per_assignee : {false, true}) {
    for (const auto& format : export_formats()) {
      if (per_assignee && format.run_folder.empty()) continue;
      SCOPED_TRACE(format.name + (per_assignee ? " per assignee" : ""));
      const fs::path target = dir / (format.name + (per_assignee ? ".folder" : ".out"));
      ExportOptions options;
      options.per_assignee = per_assignee;
      if (!per_assignee) {
        std::ofstream(target) << "the previous export";
      }
      int calls = 0;
      options.before_publish = [&calls] {
        ++calls;
        throw OutputError("held back");
      };
      EXPECT_THROW(format.write(project, options, target), OutputError);
      EXPECT_EQ(calls, 1);
      if (per_assignee) {
        EXPECT_EQ(entries(target), 0u);  // the folder, and not one calendar in it
      } else {
        EXPECT_EQ(slurp(target), "the previous export");
      }
    }
  }
  // Nothing but the targets is left behind: no temporary files.
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) {
    EXPECT_TRUE(e.path().extension() == ".out" || e.path().extension() == ".folder") << e.path();
    ++files;
  }
  EXPECT_GT(files, 0u);
}

TEST(ExportsTest, EveryFormatPublishesOnceBeforePublishReturns) {
  TempDir dir;
  const model::Project project = exporters::testing::sample_project();
  for (const auto& format : export_formats()) {
    SCOPED_TRACE(format.name);
    const fs::path target = dir / (format.name + ".out");
    ExportOptions options;
    int calls = 0;
    options.before_publish = [&] {
      ++calls;
      EXPECT_FALSE(fs::exists(target)) << "replaced before before_publish returned";
    };
    format.write(project, options, target);
    EXPECT_EQ(calls, 1);
    EXPECT_GT(fs::file_size(target), 0u);
  }
}

}  // namespace
}  // namespace rplan::pipeline
