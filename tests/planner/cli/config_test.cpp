#include "planner/cli/config.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "planner/cli/numbers.hpp"
#include "planner/util/error.hpp"

namespace rplan::cli {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    m_dir = fs::temp_directory_path() /
            ("rplan-config-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_dir);
    fs::create_directories(m_dir);
  }
  void TearDown() override { fs::remove_all(m_dir); }

  fs::path write(const std::string& text) const {
    const fs::path p = m_dir / "rplan.ini";
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  // The error read_config throws for `text`, with its exit code.
  std::pair<std::string, ExitCode> error_for(const std::string& text) const {
    try {
      read_config(write(text));
    } catch (const Error& e) {
      return {e.what(), e.code()};
    }
    return {"no error", ExitCode::ok};
  }

  fs::path m_dir;
};

TEST_F(ConfigTest, AnEmptyFileKeepsEveryDefault) {
  const Config c = read_config(write("# nothing set\n"));
  const Config defaults;
  EXPECT_FALSE(c.db.has_value());
  EXPECT_EQ(c.estimate.research, defaults.estimate.research);
  EXPECT_EQ(c.estimate.free_items, defaults.estimate.free_items);
  EXPECT_EQ(c.strategy, model::Strategy::balanced);
  EXPECT_EQ(c.documenting, schedule::DocumentingOrder::after_topic);
}

TEST_F(ConfigTest, ReadsEveryKey) {
  const Config c =
      read_config(write("db = plans/rplan.db\n"
                        "[estimate]\n"
                        "research = 10   # hours\n"
                        "analysis = 5.5\n"
                        "documentation = 3\n"
                        "other = 7\n"
                        "per_extra_item = 0\n"
                        "free_items = 4\n"
                        "optimistic_factor = 0.5\n"
                        "pessimistic_factor = 2\n"
                        "[schedule]\n"
                        "strategy = round-robin\n"
                        "documenting = free\n"));
  EXPECT_EQ(c.db, "plans/rplan.db");
  EXPECT_EQ(c.estimate.research, 10);
  EXPECT_EQ(c.estimate.analysis, 5.5);
  EXPECT_EQ(c.estimate.documentation, 3);
  EXPECT_EQ(c.estimate.other, 7);
  EXPECT_EQ(c.estimate.per_extra_item, 0);
  EXPECT_EQ(c.estimate.free_items, 4u);
  EXPECT_EQ(c.estimate.optimistic_factor, 0.5);
  EXPECT_EQ(c.estimate.pessimistic_factor, 2);
  EXPECT_EQ(c.strategy, model::Strategy::round_robin);
  EXPECT_EQ(c.documenting, schedule::DocumentingOrder::free);
}

TEST_F(ConfigTest, EachKindMayHaveItsOwnFactors) {
  const Config c =
      read_config(write("[estimate]\n"
                        "optimistic_factor = 0.8\n"
                        "research_optimistic = 0.5\n"
                        "research_pessimistic = 3\n"
                        "documentation_pessimistic = 1.2\n"));
  EXPECT_EQ(c.estimate.optimistic_of(model::TaskKind::research), 0.5);
  EXPECT_EQ(c.estimate.pessimistic_of(model::TaskKind::research), 3);
  EXPECT_EQ(c.estimate.optimistic_of(model::TaskKind::documentation), 0.8);
  EXPECT_EQ(c.estimate.pessimistic_of(model::TaskKind::documentation), 1.2);
  EXPECT_EQ(c.estimate.optimistic_of(model::TaskKind::analysis), 0.8);
  EXPECT_EQ(c.estimate.pessimistic_of(model::TaskKind::other), 1.5);
}

// A bad number in the file is bad input (65) naming the file, the key and the
// value: NaN and infinity included, which used to pass the range check and
// reach the database and an integer cast.
TEST_F(ConfigTest, BadNumbersNameTheFileAndKey) {
  struct Case {
    std::string line;
    std::string key;
  };
  const Case cases[] = {
      {"[estimate]\nresearch = nan", "estimate.research = nan"},
      {"[estimate]\nresearch = NaN", "estimate.research = NaN"},
      {"[estimate]\nanalysis = inf", "estimate.analysis = inf"},
      {"[estimate]\ndocumentation = -inf", "estimate.documentation = -inf"},
      {"[estimate]\nother = 1e400", "estimate.other = 1e400"},
      {"[estimate]\nresearch = 0", "estimate.research = 0"},
      {"[estimate]\nresearch = -3", "estimate.research = -3"},
      {"[estimate]\nresearch = 1001", "estimate.research = 1001"},
      {"[estimate]\nresearch = 8h", "estimate.research = 8h"},
      {"[estimate]\nresearch = 0x10", "estimate.research = 0x10"},
      {"[estimate]\nresearch =", "estimate.research = \"\""},
      {"[estimate]\nper_extra_item = -1", "estimate.per_extra_item = -1"},
      {"[estimate]\nper_extra_item = nan", "estimate.per_extra_item = nan"},
      {"[estimate]\nfree_items = 2.5", "estimate.free_items = 2.5"},
      {"[estimate]\nfree_items = nan", "estimate.free_items = nan"},
      {"[estimate]\nfree_items = -1", "estimate.free_items = -1"},
      {"[estimate]\nfree_items = 99999999999", "estimate.free_items = 99999999999"},
      {"[estimate]\noptimistic_factor = 0", "estimate.optimistic_factor = 0"},
      {"[estimate]\npessimistic_factor = inf", "estimate.pessimistic_factor = inf"},
      {"[estimate]\nresearch_optimistic = 1.5", "estimate.research_optimistic = 1.5"},
      {"[estimate]\nother_optimistic = 0", "estimate.other_optimistic = 0"},
      {"[estimate]\nanalysis_pessimistic = 0.9", "estimate.analysis_pessimistic = 0.9"},
      {"[estimate]\ndocumentation_pessimistic = nan", "estimate.documentation_pessimistic = nan"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    const auto [message, code] = error_for(c.line + "\n");
    EXPECT_EQ(code, ExitCode::data) << message;
    EXPECT_NE(message.find((m_dir / "rplan.ini").string() + ": " + c.key + " is not a"),
              std::string::npos)
        << message;
  }
}

TEST_F(ConfigTest, UnknownKeysAndWordsAreBadInput) {
  const std::pair<std::string, std::string> cases[] = {
      {"[estimate]\nreserch = 11\n", "estimate.reserch"},
      {"colour = red\n", "colour"},
      {"[schedule]\nstrategy = fastest\n", "schedule.strategy must be balanced or round-robin"},
      {"[schedule]\ndocumenting = never\n", "schedule.documenting must be after-topic or free"},
      {"[estimate]\nresearch = 8\nresearch = 9\n", "estimate.research"},
      {"just words\n", "just words"},
  };
  for (const auto& [text, words] : cases) {
    SCOPED_TRACE(text);
    const auto [message, code] = error_for(text);
    EXPECT_EQ(code, ExitCode::data) << message;
    EXPECT_NE(message.find("rplan.ini: "), std::string::npos) << message;
    EXPECT_NE(message.find(words), std::string::npos) << message;
  }
}

TEST_F(ConfigTest, AMissingFileOrAFolderIsMissingInput) {
  EXPECT_THROW(read_config(m_dir / "missing.ini"), MissingInputError);
  EXPECT_THROW(read_config(m_dir), MissingInputError);
}

// The same check serves options: a usage error (2) naming the option.
TEST(CheckedNumberTest, AnOptionIsAUsageErrorNamingIt) {
  const util::NumberRange hours{0, 24, util::NumberRange::LowEnd::excluded};
  EXPECT_EQ(checked_number("7.5", hours, NumberSource::option, "--hours-per-day"), 7.5);
  for (const char* text : {"nan", "inf", "-inf", "0", "25", "", "six"}) {
    SCOPED_TRACE(text);
    try {
      checked_number(text, hours, NumberSource::option, "--hours-per-day");
      ADD_FAILURE() << "expected an error";
    } catch (const UsageError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("--hours-per-day ", 0), 0u) << e.what();
      EXPECT_NE(std::string(e.what()).find("is not a number more than 0 and at most 24"),
                std::string::npos)
          << e.what();
    }
  }
}

}  // namespace
}  // namespace rplan::cli
