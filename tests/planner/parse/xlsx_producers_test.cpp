// The workbook reader on workbooks real programs wrote: openpyxl (made at run
// time by make_xlsx_workbooks.py, with a manifest of what each cell holds),
// rplan's own export (libxlsxwriter), and LibreOffice, which opens the
// openpyxl workbooks and saves them again.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "exporters/xlsx_writer.hpp"
#include "planner/parse/xlsx_reader.hpp"
#include "tests/exporters/xlsx/xlsx_fixtures.hpp"

namespace rplan::parse::xlsx {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

enum class Producer { openpyxl, libreoffice };

std::string shell_quote(const fs::path& path) {
  std::string out = "'";
  for (const char c : path.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

SheetState state_named(const std::string& name) {
  if (name == "hidden") return SheetState::hidden;
  if (name == "veryHidden") return SheetState::very_hidden;
  return SheetState::visible;
}

// The cell at `a1` holds what the manifest says was written.
void expect_cell(const Sheet& sheet, const std::string& a1, const json& want, DateSystem system,
                 Producer producer) {
  SCOPED_TRACE(sheet.name + "!" + a1);
  const Cell* cell = sheet.find(*parse_cell_ref(a1));
  ASSERT_NE(cell, nullptr);
  const std::string type = want["type"];
  if (type == "string") {
    EXPECT_TRUE(cell->is_text());
    EXPECT_EQ(cell->text, want["text"].get<std::string>());
  } else if (type == "number") {
    EXPECT_EQ(cell->type, CellType::number);
    EXPECT_FALSE(cell->date_style);
    EXPECT_EQ(cell->number, want["number"].get<double>());
  } else if (type == "boolean") {
    EXPECT_EQ(cell->type, CellType::boolean);
    EXPECT_EQ(cell->number, want["number"].get<double>());
  } else if (type == "date" || type == "datetime") {
    EXPECT_EQ(cell->type, CellType::number);
    EXPECT_TRUE(cell->date_style);
    if (type == "date") {
      const auto day = serial_to_date(cell->number, system);
      ASSERT_TRUE(day.has_value());
      EXPECT_EQ(util::format_date(*day), want["date"].get<std::string>());
    } else {
      const auto when = serial_to_date_time(cell->number, system);
      ASSERT_TRUE(when.has_value());
      EXPECT_EQ(util::format_rfc3339(*when, 0), want["datetime"].get<std::string>() + "+00:00");
    }
  } else if (type == "formula") {
    EXPECT_EQ(cell->formula, want["formula"].get<std::string>());
    const json& calculated = want["calculated"];
    if (producer == Producer::openpyxl) {
      EXPECT_EQ(cell->type, CellType::empty);  // openpyxl does not calculate
    } else if (calculated.is_string()) {
      EXPECT_EQ(cell->type, CellType::formula_string);
      EXPECT_EQ(cell->text, calculated.get<std::string>());
    } else {
      EXPECT_EQ(cell->type, CellType::number);
      EXPECT_EQ(cell->number, calculated.get<double>());
    }
  } else {
    ADD_FAILURE() << "unknown manifest type " << type;
  }
}

void expect_workbook(const Workbook& wb, const json& want, Producer producer) {
  EXPECT_EQ(wb.date_system,
            want["date_system"] == 1904 ? DateSystem::from_1904 : DateSystem::from_1900);
  ASSERT_EQ(wb.sheets.size(), want["sheets"].size());
  for (std::size_t i = 0; i < wb.sheets.size(); ++i) {
    const Sheet& sheet = wb.sheets[i];
    const json& sheet_want = want["sheets"][i];
    EXPECT_EQ(sheet.name, sheet_want["name"].get<std::string>());
    const SheetState state = state_named(sheet_want["state"]);
    // LibreOffice keeps a very hidden sheet as a hidden one.
    EXPECT_EQ(sheet.state, producer == Producer::libreoffice && state == SheetState::very_hidden
                               ? SheetState::hidden
                               : state);
    EXPECT_TRUE(sheet.loaded);
    EXPECT_EQ(sheet.cells.size(), sheet_want["cells"].size()) << sheet.name;
    for (const auto& [a1, cell] : sheet_want["cells"].items()) {
      expect_cell(sheet, a1, cell, wb.date_system, producer);
    }
  }
}

class XlsxProducersTest : public ::testing::Test {
 protected:
  // The openpyxl workbooks are written once for all tests.
  static void SetUpTestSuite() {
    s_dir = fs::temp_directory_path() / ("rplan-xlsx-producers-" + std::to_string(::getpid()));
    fs::remove_all(s_dir);
    fs::create_directories(s_dir);
    const std::string command = std::string(RPLAN_PYTHON) + " " +
                                shell_quote(fs::path(RPLAN_SOURCE_DIR) /
                                            "tests/planner/parse/"
                                            "make_xlsx_workbooks.py") +
                                " " + shell_quote(s_dir / "openpyxl");
    s_made = std::system(command.c_str()) == 0;
  }
  static void TearDownTestSuite() { fs::remove_all(s_dir); }

  void SetUp() override { ASSERT_TRUE(s_made) << "make_xlsx_workbooks.py failed"; }

  static json manifest() {
    std::ifstream in(s_dir / "openpyxl" / "manifest.json");
    return json::parse(in);
  }

  static fs::path s_dir;
  static bool s_made;
};

fs::path XlsxProducersTest::s_dir;
bool XlsxProducersTest::s_made = false;

TEST_F(XlsxProducersTest, WorkbooksOpenpyxlWroteReadAsWritten) {
  const json all = manifest();
  ASSERT_EQ(all.size(), 3u);
  for (const auto& [name, want] : all.items()) {
    SCOPED_TRACE(name);
    expect_workbook(read_workbook_file(s_dir / "openpyxl" / name), want, Producer::openpyxl);
  }
}

TEST_F(XlsxProducersTest, WorkbooksLibreOfficeSavedAgainReadAsWritten) {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "soffice (LibreOffice) is not installed; scripts/install-deps installs "
                    "libreoffice-calc-nogui";
  }
  const json all = manifest();
  const fs::path out = s_dir / "libreoffice";
  std::string command = "cd " + shell_quote(s_dir / "openpyxl") +
                        " && timeout 600 soffice -env:UserInstallation=file://" +
                        (s_dir / "lo-profile").string() +
                        " --headless --norestore --convert-to xlsx --outdir " + shell_quote(out);
  for (const auto& [name, want] : all.items()) command += " " + name;
  command += " >" + shell_quote(s_dir / "soffice.log") + " 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  for (const auto& [name, want] : all.items()) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(fs::exists(out / name));
    const auto wb = read_workbook_file(out / name);
    expect_workbook(wb, want, Producer::libreoffice);
  }
}

// The rplan export's Tasks sheet, read back: the columns docs/file-formats.md
// lists, text exactly as the plan has it, local start times as date cells.
TEST_F(XlsxProducersTest, RplansOwnExportReadsBack) {
  auto project = exporters::xlsx::testing::sample_project();
  project.tasks[6].prompt = "Research _x0041_ escapes";  // text that looks like an escape
  const fs::path file = s_dir / "plan.xlsx";
  exporters::write_xlsx(project, file);
  const auto wb = read_workbook_file(file);

  std::vector<std::string> names;
  for (const auto& sheet : wb.sheets) {
    names.push_back(sheet.name);
    // The values as exported, for sync, are on a hidden sheet.
    EXPECT_EQ(sheet.state, sheet.name == "rplan_sync" ? SheetState::hidden : SheetState::visible);
  }
  EXPECT_EQ(names,
            (std::vector<std::string>{"Tasks", "Gantt", "Workload", "Topics", "rplan_sync"}));
  const Sheet& tasks = *wb.sheet("Tasks");
  const std::vector<std::string> header = {
      "ID",        "No.",          "Topic",     "Kind",          "Prompt",        "Status",
      "Assignee",  "Estimate (h)", "Spent (h)", "Remaining (h)", "Start (local)", "Finish (local)",
      "Slack (h)", "Time zone",    "Depends on"};
  for (std::uint32_t c = 0; c < header.size(); ++c) {
    const Cell* cell = tasks.find({c, 0});
    ASSERT_NE(cell, nullptr) << c;
    EXPECT_EQ(cell->text, header[c]);
  }
  std::size_t found = 0;
  for (std::uint32_t row = 1; row <= project.tasks.size(); ++row) {
    const Cell* id = tasks.find({0, row});
    ASSERT_NE(id, nullptr) << row;
    const auto task = std::find_if(project.tasks.begin(), project.tasks.end(),
                                   [&](const model::Task& t) { return t.id == id->text; });
    ASSERT_NE(task, project.tasks.end()) << id->text;
    ++found;
    SCOPED_TRACE(task->id);
    const Cell* prompt = tasks.find({4, row});
    ASSERT_NE(prompt, nullptr);
    EXPECT_TRUE(prompt->is_text());
    EXPECT_EQ(prompt->text, task->prompt);
    EXPECT_FALSE(prompt->formula.has_value());
    const Cell* estimate = tasks.find({7, row});
    ASSERT_NE(estimate, nullptr);
    EXPECT_EQ(estimate->type, CellType::number);
    EXPECT_DOUBLE_EQ(estimate->number, task->estimate.hours);
    const Cell* start = tasks.find({10, row});
    if (task->blocks.empty()) {
      EXPECT_EQ(start, nullptr);
      continue;
    }
    ASSERT_NE(start, nullptr);
    EXPECT_EQ(start->type, CellType::number);
    EXPECT_TRUE(start->date_style);
    const auto& first = task->blocks.front();
    EXPECT_EQ(serial_to_date_time(start->number, wb.date_system),
              util::Instant{first.date} + std::chrono::minutes{first.start_minute});
    EXPECT_EQ(tasks.find({6, row})->text, task->assignee);
  }
  EXPECT_EQ(found, project.tasks.size());
}

}  // namespace
}  // namespace rplan::parse::xlsx
