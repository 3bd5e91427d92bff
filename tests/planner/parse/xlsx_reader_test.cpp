#include "planner/parse/xlsx_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "planner/util/error.hpp"
#include "tests/planner/parse/xlsx_test_books.hpp"

namespace rplan::parse::xlsx {
namespace {

using rplan::testing::BookSpec;
using rplan::testing::ZipBuilder;
using rplan::testing::ZipEntry;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace rplan::testing;

Workbook read(const std::string& bytes, const ReadOptions& options = {}) {
  return read_workbook(bytes, "book.xlsx", options);
}

// Every line a read that must fail prints.
std::vector<std::string> problems(const std::string& bytes, const ReadOptions& options = {}) {
  try {
    read(bytes, options);
  } catch (const DiagnosticsError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    EXPECT_FALSE(out.empty());
    EXPECT_EQ(e.code(), ExitCode::data);
    return out;
  }
  ADD_FAILURE() << "the workbook was read without problems";
  return {};
}

// The one line of a read refused as a whole.
std::string problem(const std::string& bytes, const ReadOptions& options = {}) {
  const auto lines = problems(bytes, options);
  EXPECT_EQ(lines.size(), 1u) << ::testing::PrintToString(lines);
  return lines.empty() ? std::string() : lines.back();
}

const Cell& at(const Sheet& sheet, const char* a1) {
  const Cell* cell = sheet.find(*parse_cell_ref(a1));
  if (cell == nullptr) throw std::runtime_error(std::string("no cell ") + a1);
  return *cell;
}

std::vector<std::string> refs(const Sheet& sheet) {
  std::vector<std::string> out;
  for (const auto& c : sheet.cells) out.push_back(format_cell_ref(c.ref));
  return out;
}

std::string date_time(double serial, DateSystem system) {
  const auto when = serial_to_date_time(serial, system);
  return when ? util::format_rfc3339(*when, 0) : "none";
}

std::string date(double serial, DateSystem system) {
  const auto day = serial_to_date(serial, system);
  return day ? util::format_date(*day) : "none";
}

ReadOptions with_limits(const ReadLimits& limits) {
  ReadOptions options;
  options.limits = limits;
  return options;
}

// ---- A1 references, dates and number formats ----

TEST(XlsxReaderTest, CellReferencesReadAndWriteA1) {
  EXPECT_EQ(format_cell_ref({5, 11}), "F12");
  EXPECT_EQ(parse_cell_ref("F12"), (CellRef{5, 11}));
  EXPECT_EQ(parse_cell_ref("A1"), (CellRef{0, 0}));
  EXPECT_EQ(parse_cell_ref("XFD1048576"), (CellRef{16383, 1048575}));
  EXPECT_EQ(format_cell_ref({16383, 1048575}), "XFD1048576");
  for (const char* bad : {"", "A", "1", "A0", "A01", "a1", "$A$1", "XFE1", "A1048577", "ABCD1",
                          "1A", "A1B", "A 1", "A-1", "AAAA1"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(parse_cell_ref(bad), std::nullopt);
  }
}

TEST(XlsxReaderTest, ColumnsCountInLettersWithoutAZero) {
  EXPECT_EQ(column_name(0), "A");
  EXPECT_EQ(column_name(25), "Z");
  EXPECT_EQ(column_name(26), "AA");
  EXPECT_EQ(column_name(51), "AZ");
  EXPECT_EQ(column_name(52), "BA");
  EXPECT_EQ(column_name(701), "ZZ");
  EXPECT_EQ(column_name(702), "AAA");
  EXPECT_EQ(column_name(16383), "XFD");
  for (std::uint32_t c = 0; c < k_max_columns; ++c) {
    ASSERT_EQ(parse_cell_ref(column_name(c) + "7"), (CellRef{c, 6})) << c;
  }
}

TEST(XlsxReaderTest, CellLocationsQuoteSheetNamesAsExcelDoes) {
  EXPECT_EQ(cell_location("plan.xlsx", "Tasks", {5, 11}), "plan.xlsx:Tasks!F12");
  EXPECT_EQ(cell_location("plan.xlsx", "Q1 plan", {0, 0}), "plan.xlsx:'Q1 plan'!A1");
  EXPECT_EQ(cell_location("plan.xlsx", "Bo's", {0, 0}), "plan.xlsx:'Bo''s'!A1");
  EXPECT_EQ(cell_location("plan.xlsx", "2026", {0, 0}), "plan.xlsx:'2026'!A1");
  EXPECT_EQ(cell_location("plan.xlsx", "Übersicht", {0, 0}), "plan.xlsx:'Übersicht'!A1");
  EXPECT_EQ(cell_location("plan.xlsx", "v1.2_old", {0, 0}), "plan.xlsx:v1.2_old!A1");
}

TEST(XlsxReaderTest, SerialsFollowThe1900SystemWithItsLeapYearThatNeverWas) {
  const auto s = DateSystem::from_1900;
  EXPECT_EQ(date(0, s), "1899-12-31");  // Excel shows 1900-01-00
  EXPECT_EQ(date(1, s), "1900-01-01");
  EXPECT_EQ(date(59, s), "1900-02-28");
  EXPECT_EQ(date(60, s), "none");  // 1900-02-29
  EXPECT_EQ(date(61, s), "1900-03-01");
  EXPECT_EQ(date(46363, s), "2026-12-07");
  EXPECT_EQ(date(2958465, s), "9999-12-31");
  EXPECT_EQ(date(2958466, s), "none");
  EXPECT_EQ(date(-1, s), "none");
  EXPECT_EQ(date(std::numeric_limits<double>::quiet_NaN(), s), "none");
  EXPECT_EQ(date(std::numeric_limits<double>::infinity(), s), "none");
}

TEST(XlsxReaderTest, SerialsFollowThe1904System) {
  const auto s = DateSystem::from_1904;
  EXPECT_EQ(date(0, s), "1904-01-01");
  EXPECT_EQ(date(1, s), "1904-01-02");
  EXPECT_EQ(date(46363 - 1462, s), "2026-12-07");  // 1,462 days apart since 1900-03-01
  EXPECT_EQ(date(2957003, s), "9999-12-31");
  EXPECT_EQ(date(2957004, s), "none");
  EXPECT_EQ(date(-0.5, s), "none");
}

TEST(XlsxReaderTest, TimesOfDayRoundToTheNearestSecond) {
  const auto s = DateSystem::from_1900;
  EXPECT_EQ(date_time(46363.375, s), "2026-12-07T09:00:00+00:00");
  EXPECT_EQ(date_time(46363 + (9 * 3600 + 30 * 60 + 15) / 86400.0, s), "2026-12-07T09:30:15+00:00");
  EXPECT_EQ(date_time(46363.9999999, s), "2026-12-08T00:00:00+00:00");
  EXPECT_EQ(date(46363.9999999, s), "2026-12-08");  // the day the time shows
  EXPECT_EQ(date_time(0.5, s), "1899-12-31T12:00:00+00:00");
  EXPECT_EQ(date_time(60.5, s), "none");
  EXPECT_EQ(date_time(2958465.99999, s), "9999-12-31T23:59:59+00:00");
}

TEST(XlsxReaderTest, DateTimesGiveBackTheirSerials) {
  for (const auto system : {DateSystem::from_1900, DateSystem::from_1904}) {
    const util::Date first =
        *util::parse_date(system == DateSystem::from_1900 ? "1899-12-31" : "1904-01-01");
    EXPECT_EQ(date_time_to_serial(util::Instant{first} - std::chrono::seconds{1}, system),
              std::nullopt);
    for (const char* day :
         {"1900-01-01", "1900-02-28", "1900-03-01", "1904-01-01", "2026-12-07", "9999-12-31"}) {
      SCOPED_TRACE(day);
      const util::Instant when = util::Instant{*util::parse_date(day)} + std::chrono::hours{18};
      const auto serial = date_time_to_serial(when, system);
      if (when < util::Instant{first}) {
        EXPECT_EQ(serial, std::nullopt);
        continue;
      }
      ASSERT_TRUE(serial.has_value());
      EXPECT_EQ(serial_to_date_time(*serial, system), when);
    }
    EXPECT_EQ(date_time_to_serial(
                  util::Instant{*util::parse_date("9999-12-31")} + std::chrono::days{1}, system),
              std::nullopt);
  }
  EXPECT_EQ(
      date_time_to_serial(util::Instant{*util::parse_date("1900-03-01")}, DateSystem::from_1900),
      61.0);
  EXPECT_EQ(
      date_time_to_serial(util::Instant{*util::parse_date("1900-02-28")}, DateSystem::from_1900),
      59.0);
}

TEST(XlsxReaderTest, BuiltInNumberFormatsThatShowDates) {
  std::vector<std::uint32_t> dates;
  for (std::uint32_t id = 0; id < 200; ++id) {
    if (is_builtin_date_format(id)) dates.push_back(id);
  }
  EXPECT_THAT(dates, ElementsAre(14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34,
                                 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58));
}

TEST(XlsxReaderTest, FormatCodesThatShowDates) {
  for (const char* code : {"yyyy-mm-dd", "yyyy\\-mm\\-dd", "d/m/yy", "DD.MM.YYYY", "h:mm AM/PM",
                           "[h]:mm:ss", "[mm]:ss", "mm:ss.0", "[$-409]mmmm d, yyyy;@", "[Red]yyyy",
                           "\"due \"yyyy-mm-dd", "[$-F800]dddd\\,\\ mmmm\\ dd"}) {
    SCOPED_TRACE(code);
    EXPECT_TRUE(is_date_format_code(code));
  }
  for (const char* code : {"General", "0.00", "#,##0", "#,##0 \"days\"", "0.0\\d", "[Red]0.00", "@",
                           "0.00E+00", "_(* #,##0_)", "0;yyyy", "[$€-407] #,##0.00", "0 \"h\"",
                           "#,##0_s", "*s0", "", "\"unclosed yyyy", "[unclosed yyyy"}) {
    SCOPED_TRACE(code);
    EXPECT_FALSE(is_date_format_code(code));
  }
}

// ---- What cells hold ----

TEST(XlsxReaderTest, ReadsEveryKindOfCell) {
  const auto wb =
      read(one_sheet("<row r=\"1\">"
                     "<c r=\"A1\"><v>1.5</v></c>"
                     "<c r=\"B1\" t=\"n\"><v> 2 </v></c>"
                     "<c r=\"C1\" t=\"s\"><v>0</v></c>"
                     "<c r=\"D1\" t=\"inlineStr\"><is><t>inline</t></is></c>"
                     "<c r=\"E1\" t=\"str\"><f>\"a\"&amp;\"b\"</f><v>ab</v></c>"
                     "<c r=\"F1\" t=\"b\"><v>1</v></c>"
                     "<c r=\"G1\" t=\"b\"><v>0</v></c>"
                     "<c r=\"H1\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"
                     "<c r=\"I1\" t=\"d\"><v>2026-12-07T09:30:00</v></c>"
                     "<c r=\"J1\"><f>SUM(A1:B1)</f><v>3.5</v></c>"
                     "<c r=\"K1\"><f>NOW()</f></c>"
                     "<c r=\"L1\" s=\"0\"/>"
                     "<c r=\"M1\" t=\"s\"/>"
                     "<c r=\"N1\"><f t=\"shared\" si=\"0\"/><v>4</v></c>"
                     "<c r=\"O1\" t=\"str\"><f>\"\"</f><v></v></c>"
                     "<c r=\"P1\"><v>-1.25E-3</v></c>"
                     "</row>",
                     {"<t>shared</t>"}));
  ASSERT_EQ(wb.sheets.size(), 1u);
  const Sheet& s = wb.sheets[0];
  EXPECT_THAT(refs(s), ElementsAre("A1", "B1", "C1", "D1", "E1", "F1", "G1", "H1", "I1", "J1", "K1",
                                   "N1", "O1", "P1"));
  EXPECT_EQ(at(s, "A1").type, CellType::number);
  EXPECT_EQ(at(s, "A1").number, 1.5);
  EXPECT_EQ(at(s, "A1").text, "1.5");
  EXPECT_FALSE(at(s, "A1").formula.has_value());
  EXPECT_EQ(at(s, "B1").number, 2);
  EXPECT_EQ(at(s, "C1").type, CellType::shared_string);
  EXPECT_EQ(at(s, "C1").text, "shared");
  EXPECT_EQ(at(s, "D1").type, CellType::inline_string);
  EXPECT_EQ(at(s, "D1").text, "inline");
  EXPECT_EQ(at(s, "E1").type, CellType::formula_string);
  EXPECT_EQ(at(s, "E1").text, "ab");
  EXPECT_EQ(at(s, "E1").formula, "\"a\"&\"b\"");
  EXPECT_TRUE(at(s, "E1").is_text());
  EXPECT_EQ(at(s, "F1").type, CellType::boolean);
  EXPECT_EQ(at(s, "F1").number, 1);
  EXPECT_EQ(at(s, "G1").number, 0);
  EXPECT_EQ(at(s, "H1").type, CellType::error);
  EXPECT_EQ(at(s, "H1").text, "#DIV/0!");
  EXPECT_EQ(at(s, "H1").formula, "1/0");
  EXPECT_EQ(at(s, "I1").type, CellType::number);
  EXPECT_TRUE(at(s, "I1").date_style);
  EXPECT_EQ(date_time(at(s, "I1").number, wb.date_system), "2026-12-07T09:30:00+00:00");
  EXPECT_EQ(at(s, "J1").number, 3.5);
  EXPECT_EQ(at(s, "J1").formula, "SUM(A1:B1)");
  EXPECT_EQ(at(s, "K1").type, CellType::empty);
  EXPECT_EQ(at(s, "K1").formula, "NOW()");
  EXPECT_EQ(at(s, "N1").formula, "");
  EXPECT_EQ(at(s, "N1").number, 4);
  EXPECT_EQ(at(s, "O1").type, CellType::formula_string);
  EXPECT_EQ(at(s, "O1").text, "");
  EXPECT_EQ(at(s, "P1").number, -0.00125);
  EXPECT_EQ(s.find({11, 0}), nullptr);  // L1: a style and nothing else
  EXPECT_FALSE(at(s, "A1").is_text());
}

TEST(XlsxReaderTest, ReadsIsoDateCellsAsSerialsOfTheWorkbooksDateSystem) {
  BookSpec spec;
  spec.date1904 = true;
  spec.sheets[0].data =
      "<row r=\"1\"><c r=\"A1\" t=\"d\"><v>2026-12-07</v></c>"
      "<c r=\"B1\" t=\"d\"><v>2026-12-07T09:30:00.75Z</v></c>"
      "<c r=\"C1\" t=\"d\"><v>1904-01-01T00:00</v></c></row>";
  const auto wb = read(book(spec));
  const Sheet& s = wb.sheets[0];
  EXPECT_EQ(at(s, "A1").number, 44901);
  EXPECT_TRUE(at(s, "A1").date_style);
  EXPECT_EQ(at(s, "A1").text, "2026-12-07");
  EXPECT_EQ(date_time(at(s, "B1").number, wb.date_system), "2026-12-07T09:30:01+00:00");
  EXPECT_EQ(at(s, "C1").number, 0);

  std::string row = "<row r=\"1\">";
  std::uint32_t column = 0;
  for (const char* bad :
       {"2026-12-07 09:30", "2026-12-07T25:00", "2026-12-07T09:60", "2026-12-07T09:30:61",
        "2026-12-07T09:30:00.", "2026-12-07T09:30:00,5", "1903-12-31", "2026-12-7", "today"}) {
    row += "<c r=\"" + column_name(column++) + "1\" t=\"d\"><v>" + bad + "</v></c>";
  }
  spec.sheets[0].data = row + "</row>";
  EXPECT_EQ(problems(book(spec)).size(), column);
}

TEST(XlsxReaderTest, JoinsRichTextRunsAndLeavesPhoneticReadingsOut) {
  const auto wb = read(one_sheet(
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" "
      "t=\"inlineStr\"><is><r><t>in</t></r><r><rPr><b/></rPr><t>line</t></r>"
      "<rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></is></c></row>",
      {"<r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space=\"preserve\"> and plain</t></r>",
       "<t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh><phoneticPr fontId=\"1\"/>"}));
  const Sheet& s = wb.sheets[0];
  EXPECT_EQ(at(s, "A1").text, "Bold and plain");
  EXPECT_EQ(at(s, "A2").text, "東京");
  EXPECT_EQ(at(s, "A3").text, "inline");
}

TEST(XlsxReaderTest, KeepsSpaceAroundTextOnlyWherePreserved) {
  const auto wb = read(
      one_sheet("<row r=\"1\">"
                "<c r=\"A1\" t=\"inlineStr\"><is><t>  trimmed\n</t></is></c>"
                "<c r=\"B1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">  kept  </t></is></c>"
                "<c r=\"C1\" t=\"s\"><v>0</v></c>"
                "<c r=\"D1\" t=\"str\"><f>A1</f><v> as calculated </v></c>"
                "<c r=\"E1\" t=\"inlineStr\"><is><t>inner  space\tstays</t></is></c>"
                "</row>",
                {"<t xml:space=\"preserve\"> </t>"}));
  const Sheet& s = wb.sheets[0];
  EXPECT_EQ(at(s, "A1").text, "trimmed");
  EXPECT_EQ(at(s, "B1").text, "  kept  ");
  EXPECT_EQ(at(s, "C1").text, " ");
  EXPECT_EQ(at(s, "D1").text, " as calculated ");
  EXPECT_EQ(at(s, "E1").text, "inner  space\tstays");
}

TEST(XlsxReaderTest, DecodesExcelsCharacterEscapes) {
  const auto wb = read(one_sheet(
      "<row r=\"1\">"
      "<c r=\"A1\" t=\"inlineStr\"><is><t>_x0041__x00e9_ _xD83D__xDE80_ _x000D_</t></is></c>"
      "<c r=\"B1\" t=\"inlineStr\"><is><t>_x005F_x0041_ _x41_ _xZZZZ_ _x0041</t></is></c>"
      "<c r=\"C1\" t=\"inlineStr\"><is><t>_xD83D_ _xDE80_</t></is></c>"
      "<c r=\"D1\" t=\"s\"><v>0</v></c>"
      "<c r=\"E1\" t=\"str\"><f>\"_x0042_\"</f><v>_x0042_</v></c>"
      "</row>",
      {"<t>_x0009_tab</t>"}));
  const Sheet& s = wb.sheets[0];
  EXPECT_EQ(at(s, "A1").text, "Aé 🚀 \r");
  EXPECT_EQ(at(s, "B1").text, "_x0041_ _x41_ _xZZZZ_ _x0041");
  EXPECT_EQ(at(s, "C1").text, "\uFFFD \uFFFD");  // halves of a pair, apart
  EXPECT_EQ(at(s, "D1").text, "\ttab");
  EXPECT_EQ(at(s, "E1").text, "B");
  EXPECT_EQ(at(s, "E1").formula, "\"B\"");
}

TEST(XlsxReaderTest, CellsAndRowsWithoutReferencesFollowTheOnesBefore) {
  const auto wb =
      read(one_sheet("<row><c><v>1</v></c><c><v>2</v></c></row>"
                     "<row><c r=\"C2\"><v>3</v></c><c><v>4</v></c></row>"
                     "<row r=\"5\"><c><v>5</v></c></row>"
                     "<row><c t=\"inlineStr\"><is><t>six</t></is></c></row>"));
  const Sheet& s = wb.sheets[0];
  EXPECT_THAT(refs(s), ElementsAre("A1", "B1", "C2", "D2", "A5", "A6"));
  EXPECT_EQ(at(s, "D2").number, 4);
  EXPECT_EQ(at(s, "A6").text, "six");
}

TEST(XlsxReaderTest, CellsWrittenOutOfOrderComeOutInOrder) {
  const auto wb =
      read(one_sheet("<row r=\"3\"><c r=\"B3\"><v>1</v></c><c r=\"A3\"><v>2</v></c></row>"
                     "<row r=\"1\"><c r=\"C1\"><v>3</v></c></row>"));
  const Sheet& s = wb.sheets[0];
  EXPECT_THAT(refs(s), ElementsAre("C1", "A3", "B3"));
  EXPECT_EQ(at(s, "A3").number, 2);
}

TEST(XlsxReaderTest, MarksNumbersWhoseFormatShowsADate) {
  BookSpec spec;
  spec.formats = {0, 14, 164, 165, 22, 4, 166};
  spec.num_fmts =
      "<numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/>"
      "<numFmt numFmtId=\"165\" formatCode=\"#,##0.00 &quot;days&quot;\"/>"
      "<numFmt numFmtId=\"22\" formatCode=\"0.0\"/>"  // a built-in id given another format
      "<numFmt numFmtId=\"166\" formatCode=\"[h]:mm\"/>";
  std::string row = "<row r=\"1\">";
  for (int s = 0; s < 7; ++s) {
    row += "<c r=\"" + column_name(static_cast<std::uint32_t>(s)) + "1\" s=\"" + std::to_string(s) +
           "\"><v>46363</v></c>";
  }
  row += "<c r=\"H1\" s=\"1\" t=\"s\"><v>0</v></c></row>";
  spec.sheets[0].data = row;
  spec.shared = {"<t>text</t>"};
  const auto wb = read(book(spec));
  const Sheet& s = wb.sheets[0];
  std::vector<bool> dated;
  for (const auto& c : s.cells) dated.push_back(c.date_style);
  EXPECT_THAT(dated, ElementsAre(false, true, true, false, false, false, true, false));
}

TEST(XlsxReaderTest, ReadsSheetsInTabOrderHiddenOnesIncluded) {
  BookSpec spec;
  spec.sheets = {{"Tasks", "", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"},
                 {"Hidden", "hidden", "<row r=\"2\"><c r=\"B2\"><v>2</v></c></row>"},
                 {"Secret", "veryHidden", ""},
                 {"Shown", "visible", ""}};
  const auto wb = read(book(spec));
  ASSERT_EQ(wb.sheets.size(), 4u);
  EXPECT_EQ(wb.sheets[0].name, "Tasks");
  EXPECT_EQ(wb.sheets[0].state, SheetState::visible);
  EXPECT_EQ(wb.sheets[0].part, "xl/worksheets/sheet1.xml");
  EXPECT_EQ(wb.sheets[1].state, SheetState::hidden);
  EXPECT_EQ(wb.sheets[2].state, SheetState::very_hidden);
  EXPECT_EQ(wb.sheets[3].state, SheetState::visible);
  EXPECT_EQ(at(*wb.sheet("Hidden"), "B2").number, 2);
  EXPECT_TRUE(wb.sheet("Secret")->cells.empty());
  EXPECT_EQ(wb.sheet("tasks"), nullptr);
  EXPECT_EQ(wb.date_system, DateSystem::from_1900);
}

TEST(XlsxReaderTest, ReadsOnlyTheSheetsAsked) {
  BookSpec spec;
  spec.sheets = {{"Gantt", "", "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"},
                 {"Tasks", "", "<row r=\"1\"><c r=\"A1\"><v>2</v></c></row>"}};
  ReadOptions options;
  options.sheets = {"Tasks", "Absent"};
  const auto wb = read(book(spec), options);
  ASSERT_EQ(wb.sheets.size(), 2u);
  EXPECT_FALSE(wb.sheets[0].loaded);
  EXPECT_TRUE(wb.sheets[0].cells.empty());
  EXPECT_TRUE(wb.sheets[1].loaded);
  EXPECT_EQ(at(wb.sheets[1], "A1").number, 2);
}

TEST(XlsxReaderTest, ReadsThe1904DateSystem) {
  BookSpec spec;
  spec.date1904 = true;
  spec.formats = {0, 14};
  spec.sheets[0].data = "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>44901</v></c></row>";
  const auto wb = read(book(spec));
  EXPECT_EQ(wb.date_system, DateSystem::from_1904);
  EXPECT_EQ(date(at(wb.sheets[0], "A1").number, wb.date_system), "2026-12-07");
}

TEST(XlsxReaderTest, ResolvesRelationshipTargetsAsEachWriterWritesThem) {
  struct Case {
    const char* target;
    const char* entry;
  };
  for (const auto& [target, entry_name] :
       {Case{"worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"},      // Excel, LibreOffice
        Case{"/xl/worksheets/sheet1.xml", "xl/worksheets/sheet1.xml"},  // openpyxl
        Case{"./worksheets/../worksheets/s.xml", "xl/worksheets/s.xml"},
        Case{"../data/sheet.xml", "data/sheet.xml"},
        Case{"Worksheets/Sheet1.xml", "xl/worksheets/sheet1.xml"}}) {  // part names ignore case
    SCOPED_TRACE(target);
    auto entries = book_entries(BookSpec{});
    entry(entries, "xl/_rels/workbook.xml.rels").data =
        relationships(relationship("rId1", "worksheet", target));
    entry(entries, "xl/worksheets/sheet1.xml").name = entry_name;
    entry(entries, entry_name).data = sheet_xml("<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>");
    const auto wb = read(zip_of(entries));
    EXPECT_EQ(wb.sheets[0].part, entry_name);
    EXPECT_EQ(at(wb.sheets[0], "A1").number, 7);
  }
}

TEST(XlsxReaderTest, FindsTheWorkbookWhereThePackageSaysAndWithoutPackageRelationships) {
  auto entries = book_entries(BookSpec{});
  entry(entries, "_rels/.rels").data = package_rels("/book/main.xml");
  entry(entries, "xl/workbook.xml").name = "book/main.xml";
  entry(entries, "xl/_rels/workbook.xml.rels").name = "book/_rels/main.xml.rels";
  entry(entries, "xl/styles.xml").name = "book/styles.xml";
  entry(entries, "xl/worksheets/sheet1.xml").name = "book/worksheets/sheet1.xml";
  EXPECT_EQ(read(zip_of(entries)).sheets[0].part, "book/worksheets/sheet1.xml");

  auto plain = book_entries(BookSpec{});
  plain.erase(plain.begin() + 1);  // _rels/.rels: xl/workbook.xml is where it always is
  EXPECT_EQ(read(zip_of(plain)).sheets.size(), 1u);
}

TEST(XlsxReaderTest, ReadsPrefixedAndStrictSpreadsheetML) {
  const std::string strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
  auto entries = book_entries(BookSpec{});
  entry(entries, "xl/workbook.xml").data =
      "<x:workbook xmlns:x=\"" + strict +
      "\" xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\">"
      "<x:sheets><x:sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></x:sheets></x:workbook>";
  entry(entries, "xl/_rels/workbook.xml.rels").data =
      "<Relationships xmlns=\"" + k_package_rels_ns +
      "\"><Relationship Id=\"rId1\" "
      "Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet\" "
      "Target=\"worksheets/sheet1.xml\"/></Relationships>";
  entry(entries, "xl/worksheets/sheet1.xml").data =
      "<x:worksheet xmlns:x=\"" + k_main_ns +
      "\"><x:sheetData><x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>hi</x:t></x:is>"
      "</x:c><c xmlns=\"urn:other\" r=\"B1\"><v>1</v></c></x:row></x:sheetData></x:worksheet>";
  const auto wb = read(zip_of(entries));
  EXPECT_EQ(wb.sheets[0].name, "S");
  EXPECT_THAT(refs(wb.sheets[0]), ElementsAre("A1"));  // <c> of another namespace is not a cell
  EXPECT_EQ(at(wb.sheets[0], "A1").text, "hi");
}

TEST(XlsxReaderTest, ReadsPartsInUtf16) {
  auto entries = book_entries(BookSpec{});
  const std::string utf8 = "<worksheet xmlns=\"" + k_main_ns +
                           "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>é"
                           "</t></is></c></row></sheetData></worksheet>";
  std::string utf16 = "\xFF\xFE";  // little-endian, ASCII plus é (U+00E9)
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    if (utf8.compare(i, 2, "é") == 0) {
      utf16 += std::string("\xE9\0", 2);
      ++i;
    } else {
      utf16 += utf8[i];
      utf16 += '\0';
    }
  }
  entry(entries, "xl/worksheets/sheet1.xml").data = utf16;
  EXPECT_EQ(at(read(zip_of(entries)).sheets[0], "A1").text, "é");
}

// ---- Problems with cells ----

TEST(XlsxReaderTest, ReportsEveryCellAtFaultNamingSheetAndCell) {
  BookSpec spec;
  spec.sheets[0].name = "Tasks";
  spec.sheets[0].data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c><c r=\"B1\"><v>abc</v></c>"
      "<c r=\"C1\" t=\"b\"><v>2</v></c><c r=\"D1\" t=\"x\"><v>1</v></c>"
      "<c r=\"E1\" s=\"9\"><v>1</v></c><c r=\"F1\" t=\"d\"><v>2026-13-01</v></c>"
      "<c r=\"G1\"><v>inf</v></c><c r=\"H1\" t=\"s\"><v>-1</v></c><c r=\"I1\"><v>1</v></c></row>"
      "<row r=\"2\"><c r=\"A3\"><v>1</v></c><c r=\"ZZZZ2\"><v>1</v></c></row>"
      "<row r=\"0\"><c><v>1</v></c></row>"
      "<row r=\"4\"><c r=\"B4\"><v>1</v></c><c r=\"A4\"><v>1</v></c><c r=\"B4\"><v>2</v></c></row>";
  spec.shared = {"<t>only</t>"};
  EXPECT_THAT(
      problems(book(spec)),
      ElementsAre(
          "book.xlsx:Tasks!A1: error: shared string 5 does not exist (the workbook has 1)",
          "book.xlsx:Tasks!B1: error: \"abc\" is not a number",
          "book.xlsx:Tasks!C1: error: a boolean is 0 or 1, not \"2\"",
          "book.xlsx:Tasks!D1: error: unknown cell type t=\"x\" (n, s, str, inlineStr, b, e or d)",
          "book.xlsx:Tasks!E1: error: style s=\"9\" is not one of the 1 cell formats of styles.xml",
          "book.xlsx:Tasks!F1: error: \"2026-13-01\" is not an ISO 8601 date between 1900 and 9999",
          "book.xlsx:Tasks!G1: error: \"inf\" is not a number",
          "book.xlsx:Tasks!H1: error: shared string -1 does not exist (the workbook has 1)",
          "book.xlsx:Tasks!A3: error: the cell is written inside row 2; it is skipped",
          "book.xlsx:Tasks: error: cell reference \"ZZZZ2\" is not a cell of Excel's grid (A1 to "
          "XFD1048576); the cell is skipped",
          "book.xlsx:Tasks: error: row number \"0\" is not a row of Excel's grid (1 to "
          "1,048,576); its cells are skipped",
          "book.xlsx:Tasks!B4: error: two cells at one place; the second is skipped"));
}

TEST(XlsxReaderTest, QuotesSheetNamesInProblemsAsExcelDoes) {
  BookSpec spec;
  spec.sheets[0].name = "Q1 plan";
  spec.sheets[0].data = "<row r=\"2\"><c r=\"B2\" t=\"b\"><v>yes</v></c></row>";
  EXPECT_THAT(problems(book(spec)),
              ElementsAre("book.xlsx:'Q1 plan'!B2: error: a boolean is 0 or 1, not \"yes\""));
}

TEST(XlsxReaderTest, QuotesWhatTheFileSaysOnOneLineAndShort) {
  BookSpec spec;
  spec.sheets[0].name = "Line&#10;break";
  spec.sheets[0].data = "<row r=\"1\"><c r=\"A1\"><v>1&#10;2&#9;3</v></c><c r=\"B1\"><v>" +
                        std::string(100, 'x') + "é" + "</v></c></row>";
  EXPECT_THAT(problems(book(spec)),
              ElementsAre("book.xlsx:'Line\\nbreak'!A1: error: \"1\\n2\\t3\" is not a number",
                          "book.xlsx:'Line\\nbreak'!B1: error: \"" + std::string(60, 'x') +
                              "…\" is not a number"));
}

TEST(XlsxReaderTest, StopsAfterAHundredProblems) {
  std::string row = "<row r=\"1\">";
  for (std::uint32_t c = 0; c < 150; ++c) row += "<c r=\"" + column_name(c) + "1\"><v>x</v></c>";
  const auto lines = problems(one_sheet(row + "</row>"));
  ASSERT_EQ(lines.size(), 101u);
  EXPECT_EQ(lines[0], "book.xlsx:Sheet1!A1: error: \"x\" is not a number");
  EXPECT_EQ(lines.back(), "book.xlsx: error: reading stopped after 100 problems");
}

TEST(XlsxReaderTest, ReportsAnUnknownSheetStateAndReadsTheSheet) {
  BookSpec spec;
  spec.sheets[0].state = "invisible";
  EXPECT_THAT(problems(book(spec)),
              ElementsAre("book.xlsx:Sheet1: error: unknown sheet state \"invisible\" (visible, "
                          "hidden or veryHidden); read as visible"));
}

// ---- Files that are not workbooks, broken ones, missing parts ----

TEST(XlsxReaderTest, RefusesWhatIsNotAWorkbook) {
  EXPECT_EQ(problem(""), "book.xlsx: error: not an Excel workbook (.xlsx): the file is empty");
  EXPECT_EQ(problem("ID,Status\naaa1,done\n"),
            "book.xlsx: error: not an Excel workbook (.xlsx): not a zip archive");
  EXPECT_THAT(problem(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0')),
              HasSubstr("an older .xls file or a workbook with a password"));
  EXPECT_EQ(
      problem("PK\x03\x04 not really"),
      "book.xlsx: error: a damaged or truncated zip archive (an .xlsx file is a zip archive)");
  EXPECT_EQ(problem(ZipBuilder()
                        .add("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
                        .add("content.xml", "<office:document-content/>")
                        .bytes()),
            "book.xlsx: error: not an Excel workbook (.xlsx): an OpenDocument file (.ods?); save "
            "it as .xlsx");
  EXPECT_EQ(problem(ZipBuilder().add("readme.txt", "hello").bytes()),
            "book.xlsx: error: not an Excel workbook (.xlsx): the zip archive has no "
            "xl/workbook.xml");
  EXPECT_EQ(problem(ZipBuilder().add("_rels/.rels", package_rels("xl/workbook.bin")).bytes()),
            "book.xlsx: error: a binary workbook (.xlsb) cannot be read; save it as .xlsx");
}

TEST(XlsxReaderTest, RefusesATruncatedWorkbookWhereverItIsCut) {
  const std::string whole = one_sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  // Every cut up to the end-of-directory record (its last 22 bytes; minizip
  // reads the zeros of its last 3 bytes, the comment's length and the top of
  // an offset, as zeros when they are cut off: every entry is whole then).
  for (std::size_t cut = 1; cut <= whole.size() - 22; cut += 3) {
    SCOPED_TRACE(cut);
    const auto lines = problems(whole.substr(0, cut));
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_THAT(lines[0], HasSubstr("book.xlsx: error: "));
  }
}

TEST(XlsxReaderTest, RefusesDamagedEntries) {
  auto entries = book_entries(BookSpec{});
  entry(entries, "xl/workbook.xml").crc = 12345;
  EXPECT_EQ(problem(zip_of(entries)),
            "book.xlsx: error: a damaged zip archive: the data of xl/workbook.xml does not match "
            "its size or checksum");

  // What an entry declares and what it unpacks to differ either way.
  for (const std::uint32_t declared : {10u, 100000u}) {
    SCOPED_TRACE(declared);
    entries = book_entries(BookSpec{});
    entry(entries, "xl/workbook.xml").declared_size = declared;
    EXPECT_THAT(problem(zip_of(entries)), HasSubstr("does not match its size or checksum"));
  }

  entries = book_entries(BookSpec{});
  entry(entries, "xl/workbook.xml").data = "not deflate data at all";
  entry(entries, "xl/workbook.xml").method = 8;
  entry(entries, "xl/workbook.xml").deflate = false;
  EXPECT_THAT(problem(zip_of(entries)),
              HasSubstr("a damaged zip archive: the data of xl/workbook.xml cannot be unpacked"));
}

TEST(XlsxReaderTest, RefusesEncryptedEntriesAndUnknownCompression) {
  auto entries = book_entries(BookSpec{});
  entry(entries, "xl/workbook.xml").flags = 1;
  EXPECT_EQ(problem(zip_of(entries)),
            "book.xlsx: error: part xl/workbook.xml is encrypted; save the workbook as .xlsx "
            "without a password");
  entries = book_entries(BookSpec{});
  entry(entries, "xl/workbook.xml").method = 12;  // bzip2
  entry(entries, "xl/workbook.xml").deflate = false;
  EXPECT_EQ(problem(zip_of(entries)),
            "book.xlsx: error: part xl/workbook.xml is compressed with zip method 12, which "
            "cannot be read (only stored and deflated)");
}

TEST(XlsxReaderTest, RefusesTwoEntriesOfOneName) {
  auto entries = book_entries(BookSpec{});
  entries.push_back({"xl/worksheets/sheet1.xml", sheet_xml("")});
  EXPECT_EQ(problem(zip_of(entries)),
            "book.xlsx: error: the zip archive has two entries named xl/worksheets/sheet1.xml");
}

TEST(XlsxReaderTest, RefusesAWorkbookWithAPartMissing) {
  BookSpec spec;
  spec.shared = {"<t>s</t>"};
  struct Case {
    const char* part;
    const char* message;
  };
  for (const auto& [part, message] :
       {Case{"xl/workbook.xml",
             "book.xlsx: error: not an Excel workbook (.xlsx): the zip archive has no "
             "xl/workbook.xml"},
        Case{"xl/_rels/workbook.xml.rels",
             "book.xlsx: error: part xl/_rels/workbook.xml.rels is missing: the workbook's "
             "sheets cannot be found"},
        Case{"xl/worksheets/sheet1.xml",
             "book.xlsx: error: sheet \"Sheet1\" is missing: the workbook has no part "
             "xl/worksheets/sheet1.xml"},
        Case{"xl/sharedStrings.xml",
             "book.xlsx: error: the shared strings part is missing: the workbook has no part "
             "xl/sharedStrings.xml"},
        Case{"xl/styles.xml",
             "book.xlsx: error: the styles part is missing: the workbook has no part "
             "xl/styles.xml"}}) {
    SCOPED_TRACE(part);
    auto entries = book_entries(spec);
    std::erase_if(entries, [&](const ZipEntry& e) { return e.name == part; });
    EXPECT_EQ(problem(zip_of(entries)), message);
  }
}

TEST(XlsxReaderTest, RefusesSheetsThatDoNotAddUp) {
  auto entries = book_entries(BookSpec{});
  entry(entries, "xl/_rels/workbook.xml.rels").data =
      relationships(relationship("rId7", "worksheet", "worksheets/sheet1.xml"));
  EXPECT_EQ(problem(zip_of(entries)),
            "book.xlsx: error: sheet \"Sheet1\" refers to relationship rId1, which "
            "xl/_rels/workbook.xml.rels does not have");

  entries = book_entries(BookSpec{});
  entry(entries, "xl/_rels/workbook.xml.rels").data =
      relationships(relationship("rId1", "worksheet", "../../outside.xml"));
  EXPECT_EQ(problem(zip_of(entries)),
            "book.xlsx: error: sheet \"Sheet1\" has no part inside the workbook");

  BookSpec two;
  two.sheets = {{"Plan", "", ""}, {"plan", "", ""}};
  EXPECT_EQ(problem(book(two)), "book.xlsx: error: two sheets are named \"plan\"");

  two.sheets = {{"A", "", ""}, {"B", "", ""}};
  entries = book_entries(two);
  entry(entries, "xl/_rels/workbook.xml.rels").data =
      relationships(relationship("rId1", "worksheet", "worksheets/sheet1.xml") +
                    relationship("rId2", "worksheet", "worksheets/sheet1.xml"));
  EXPECT_EQ(problem(zip_of(entries)),
            "book.xlsx: error: sheet \"B\" shares part xl/worksheets/sheet1.xml with another "
            "sheet");

  entries = book_entries(BookSpec{});
  entry(entries, "xl/workbook.xml").data =
      "<workbook xmlns=\"" + k_main_ns + "\"><sheets><sheet sheetId=\"1\"/></sheets></workbook>";
  EXPECT_EQ(problem(zip_of(entries)),
            "book.xlsx: error: xl/workbook.xml: a sheet without a name or a relationship id "
            "(r:id)");
}

TEST(XlsxReaderTest, RefusesXmlThatIsNotWellFormedNamingPartLineAndColumn) {
  auto entries = book_entries(BookSpec{});
  entry(entries, "xl/worksheets/sheet1.xml").data =
      "<worksheet xmlns=\"" + k_main_ns + "\">\n<sheetData>\n  <row></sheetData></worksheet>";
  EXPECT_EQ(problem(zip_of(entries)),
            "book.xlsx: error: xl/worksheets/sheet1.xml: line 3, column 10: not well-formed XML "
            "(mismatched tag)");
  for (const std::string& broken :
       {std::string(), std::string("<worksheet"), std::string("<a>&nope;</a>"),
        std::string("<a>\xFF</a>"), std::string("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><a/>"),
        std::string("<a/><b/>")}) {
    SCOPED_TRACE(broken);
    entry(entries, "xl/worksheets/sheet1.xml").data = broken;
    EXPECT_THAT(problem(zip_of(entries)),
                HasSubstr("book.xlsx: error: xl/worksheets/sheet1.xml: line "));
  }
}

TEST(XlsxReaderTest, RefusesDocumentTypeDeclarationsSoNoEntityIsEverExpanded) {
  const std::string laughs =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
      " <!ENTITY lol9 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n]>\n"
      "<sst xmlns=\"" +
      k_main_ns + "\"><si><t>&lol9;</t></si></sst>";
  const std::string external = "<!DOCTYPE sst SYSTEM \"file:///etc/passwd\"><sst xmlns=\"" +
                               k_main_ns + "\"><si><t>&xxe;</t></si></sst>";
  for (const auto& part : {laughs, external}) {
    BookSpec spec;
    spec.shared = {"<t>x</t>"};
    auto entries = book_entries(spec);
    entry(entries, "xl/sharedStrings.xml").data = part;
    const std::string line = problem(zip_of(entries));
    EXPECT_THAT(line, ::testing::StartsWith("book.xlsx: error: xl/sharedStrings.xml: line "));
    EXPECT_THAT(
        line, ::testing::EndsWith(": a document type declaration (<!DOCTYPE>) is not allowed in a "
                                  "workbook part"));
  }
}

// ---- Limits ----

TEST(XlsxReaderTest, RefusesAZipBombByWhatItDeclares) {
  // A few bytes that say they unpack to 4 GiB: refused before anything is inflated.
  auto entries = book_entries(BookSpec{});
  entry(entries, "xl/worksheets/sheet1.xml").declared_size = 0xFFFFFFFFu;
  EXPECT_EQ(problem(zip_of(entries)),
            "book.xlsx: error: part xl/worksheets/sheet1.xml unpacks to 4,294,967,295 bytes, more "
            "than the limit of 512 MiB");
}

TEST(XlsxReaderTest, StopsInflatingAtTheLimitOfAllPartsTogether) {
  // Three sheets of 3 MiB each, about 9 KiB compressed: each within the limit
  // of a part, together past the limit of everything read.
  const std::string head = "<worksheet xmlns=\"" + k_main_ns + "\"><sheetData>";
  const std::string tail = "</sheetData></worksheet>";
  const std::uint64_t spaces = (3u << 20) - head.size() - tail.size();
  const std::string whole = head + std::string(spaces, ' ') + tail;
  const auto crc = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(whole.data()), static_cast<uInt>(whole.size())));
  const std::string compressed = deflate_raw(whole);
  ASSERT_LT(compressed.size(), 16u << 10);
  BookSpec spec;
  spec.sheets = {{"A", "", ""}, {"B", "", ""}, {"C", "", ""}};
  auto entries = book_entries(spec);
  ZipBuilder zip;
  for (auto& e : entries) {
    if (e.name.starts_with("xl/worksheets/")) {
      ZipEntry bomb(e.name, compressed);
      bomb.declared_size = static_cast<std::uint32_t>(whole.size());
      bomb.crc = crc;
      zip.add_precompressed(bomb);
    } else {
      zip.add(e);
    }
  }
  ReadLimits limits;
  limits.max_part_bytes = 4u << 20;
  limits.max_total_bytes = 8u << 20;
  EXPECT_EQ(
      problem(zip.bytes(), with_limits(limits)),
      "book.xlsx: error: the parts read unpack to more than the limit of 8 MiB (a zip bomb?)");
  limits.max_total_bytes = 10u << 20;
  EXPECT_EQ(read(zip.bytes(), with_limits(limits)).sheets.size(), 3u);
  limits.max_part_bytes = 2u << 20;
  EXPECT_EQ(problem(zip.bytes(), with_limits(limits)),
            "book.xlsx: error: part xl/worksheets/sheet1.xml unpacks to 3 MiB, more than the limit "
            "of 2 MiB");
}

TEST(XlsxReaderTest, RefusesPastEachCountingLimit) {
  ReadLimits limits;
  limits.max_entries = 5;
  EXPECT_EQ(problem(one_sheet(""), with_limits(limits)),
            "book.xlsx: error: the zip archive has 6 entries, more than the limit of 5");

  limits = {};
  limits.max_cells = 3;
  EXPECT_EQ(problem(one_sheet("<row><c><v>1</v></c><c><v>2</v></c><c/><c><v>3</v></c>"
                              "<c><v>4</v></c></row>"),
                    with_limits(limits)),
            "book.xlsx: error: the workbook has more cells than the limit of 3");
  BookSpec two;
  two.sheets = {{"A", "", "<row><c><v>1</v></c><c><v>2</v></c></row>"},
                {"B", "", "<row><c><v>1</v></c><c><v>2</v></c></row>"}};
  EXPECT_EQ(problem(book(two), with_limits(limits)),
            "book.xlsx: error: the workbook has more cells than the limit of 3");

  limits = {};
  limits.max_shared_strings = 2;
  EXPECT_EQ(problem(one_sheet("", {"<t>a</t>", "<t>b</t>", "<t>c</t>"}), with_limits(limits)),
            "book.xlsx: error: the workbook has more shared strings than the limit of 2");

  limits = {};
  limits.max_file_bytes = 100;
  EXPECT_EQ(problem(one_sheet(""), with_limits(limits)),
            "book.xlsx: error: the file is larger than the limit of 100 bytes");
}

TEST(XlsxReaderTest, RefusesElementsNestedPastTheLimit) {
  std::string deep;
  for (int i = 0; i < 70; ++i) deep += "<x>";
  for (int i = 0; i < 70; ++i) deep += "</x>";
  auto entries = book_entries(BookSpec{});
  entry(entries, "xl/worksheets/sheet1.xml").data =
      "<worksheet xmlns=\"" + k_main_ns + "\"><extLst>" + deep + "</extLst></worksheet>";
  EXPECT_THAT(problem(zip_of(entries)), HasSubstr("xl/worksheets/sheet1.xml: line 1, column "));
  EXPECT_THAT(problem(zip_of(entries)),
              HasSubstr(": elements are nested deeper than the limit of 64"));
  ReadLimits limits;
  limits.max_xml_depth = 100;
  EXPECT_EQ(read(zip_of(entries), with_limits(limits)).sheets.size(), 1u);
}

TEST(XlsxReaderTest, RefusesATagOrCommentPastTheLimitAndReadsLongTextWhole) {
  ReadLimits limits;
  limits.max_xml_token_bytes = 1u << 20;
  auto entries = book_entries(BookSpec{});
  entry(entries, "xl/worksheets/sheet1.xml").data = "<worksheet xmlns=\"" + k_main_ns + "\"><!--" +
                                                    std::string(3u << 20, '.') + "--></worksheet>";
  EXPECT_EQ(problem(zip_of(entries), with_limits(limits)),
            "book.xlsx: error: xl/worksheets/sheet1.xml: an XML tag, comment or declaration is "
            "longer than the limit of 1 MiB");
  // Text is handed over as it comes: a cell far longer than the limit is read.
  const std::string text(3u << 20, 'x');
  const auto wb = read(
      one_sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + text + "</t></is></c></row>"),
      with_limits(limits));
  EXPECT_EQ(at(wb.sheets[0], "A1").text, text);
}

// ---- Reading a file ----

class XlsxReaderFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = std::filesystem::temp_directory_path() /
            ("rplan-xlsx-reader-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(m_dir);
    std::filesystem::create_directories(m_dir);
  }
  void TearDown() override { std::filesystem::remove_all(m_dir); }
  std::filesystem::path write(const std::string& name, const std::string& bytes) const {
    std::ofstream(m_dir / name, std::ios::binary) << bytes;
    return m_dir / name;
  }
  std::filesystem::path m_dir;
};

TEST_F(XlsxReaderFileTest, ReadsAFileAndNamesItInProblems) {
  const auto good = write("good.xlsx", one_sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"));
  EXPECT_EQ(at(read_workbook_file(good).sheets[0], "A1").number, 1);
  const auto bad = write("bad.xlsx", one_sheet("<row r=\"1\"><c r=\"A1\"><v>x</v></c></row>"));
  try {
    read_workbook_file(bad);
    FAIL();
  } catch (const DiagnosticsError& e) {
    EXPECT_EQ(e.diagnostics().at(0).to_string(),
              bad.string() + ":Sheet1!A1: error: \"x\" is not a number");
  }
}

TEST_F(XlsxReaderFileTest, AMissingFileOrAFolderIsMissingInput) {
  for (const auto& path : {m_dir / "absent.xlsx", m_dir}) {
    try {
      read_workbook_file(path);
      FAIL() << path;
    } catch (const MissingInputError& e) {
      EXPECT_EQ(e.code(), ExitCode::no_input);
      EXPECT_THAT(e.what(), HasSubstr("cannot read " + path.string()));
    }
  }
}

TEST_F(XlsxReaderFileTest, AFileLargerThanTheLimitIsRefusedHavingReadOneByteMore) {
  const auto path = write("big.xlsx", std::string(5000, 'x'));
  ReadOptions options;
  options.limits.max_file_bytes = 4096;
  try {
    read_workbook_file(path, options);
    FAIL();
  } catch (const DiagnosticsError& e) {
    EXPECT_EQ(e.diagnostics().at(0).to_string(),
              path.string() + ": error: the file is larger than the limit of 4 KiB");
  }
}

// ---- Fuzzer findings (tests/data/fuzz/xlsx_reader-*) ----

TEST(XlsxReaderTest, FuzzFindingsReadOrFailCleanly) {
  const auto folder = std::filesystem::path(RPLAN_TEST_DATA) / "fuzz";
  int found = 0;
  for (const auto& file : std::filesystem::directory_iterator(folder)) {
    if (!file.path().filename().string().starts_with("xlsx_reader-")) continue;
    ++found;
    SCOPED_TRACE(file.path().filename().string());
    std::ifstream in(file.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    try {
      const auto wb = read(bytes);
      for (const auto& sheet : wb.sheets) {
        for (std::size_t i = 1; i < sheet.cells.size(); ++i) {
          EXPECT_LT(sheet.cells[i - 1].ref, sheet.cells[i].ref);
        }
      }
    } catch (const DiagnosticsError& e) {
      EXPECT_FALSE(e.diagnostics().empty());
    }
  }
  RecordProperty("findings", found);
}

}  // namespace
}  // namespace rplan::parse::xlsx
