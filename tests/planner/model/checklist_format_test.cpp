#include "planner/model/checklist_format.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace rplan::model {
namespace {

TEST(ChecklistFormatTest, WritesTheMarkerThatItReadsBack) {
  for (const auto status : {TaskStatus::open, TaskStatus::in_progress, TaskStatus::done}) {
    SCOPED_TRACE(std::string(to_string(status)));
    std::string out = "- [ ] item ";
    append_checklist_marker(out, "k3m9x2", status, "p4q7r8s2");
    const std::string prefix = "- [ ] item <!--";
    ASSERT_TRUE(out.starts_with(prefix));
    ASSERT_TRUE(out.ends_with("-->"));
    const auto parsed = parse_checklist_marker(
        std::string_view(out).substr(prefix.size(), out.size() - 3 - prefix.size()));
    ASSERT_TRUE(parsed.has_value());
    EXPECT_EQ(parsed->problem, "");
    EXPECT_EQ(parsed->marker, (ChecklistMarker{"k3m9x2", status, "p4q7r8s2"}));
  }
}

// The fingerprints of checklists already written (tests/golden/md/by-topic.md)
// must not change, or they would no longer sync.
TEST(ChecklistFormatTest, KeepsTheFingerprintsOfEarlierChecklists) {
  EXPECT_EQ(checklist_fingerprint(
                "Research Research Redis and Memcached \u2014 Ada Lovelace \u00b7 8 h \u00b7 "
                "Mon 7 Dec \u2192 Tue 8 Dec"),
            "gxg742fc");
  // White space is collapsed first: a reflowed item has the same fingerprint.
  EXPECT_EQ(checklist_fingerprint(
                "  Research Research Redis\n and  Memcached \u2014 Ada Lovelace \u00b7 8 h \u00b7 "
                "Mon 7 Dec \u2192 Tue 8 Dec\t"),
            "gxg742fc");
}

TEST(ChecklistFormatTest, ReadsMarkersAndSaysWhatIsWrongWithBrokenOnes) {
  struct Case {
    const char* body;
    bool ours;
    const char* problem;  // "" for a valid marker
    ChecklistMarker marker;
  };
  const std::vector<Case> cases = {
      {" rplan:a1 status=open text=abc ", true, "", {"a1", TaskStatus::open, "abc"}},
      {"rplan:a1 status=in-progress", true, "", {"a1", TaskStatus::in_progress, ""}},
      {"rplan:a1 status=in_progress later=key text=x",
       true,
       "",
       {"a1", TaskStatus::in_progress, "x"}},
      {"\n rplan:a1\n status=done\n", true, "", {"a1", TaskStatus::done, ""}},
      {" a note of the user ", false, "", {}},
      {"rplan", false, "", {}},
      {"rplan:",
       true,
       "an rplan marker without a task id: write <!-- rplan:ID status=open -->",
       {}},
      {"rplan: a1 status=open",
       true,
       "an rplan marker without a task id: write <!-- rplan:ID status=open -->",
       {}},
      {"rplan:a1 status=finished",
       true,
       "the rplan marker of task a1 has status=finished; expected open, in-progress or done",
       {}},
      {"rplan:a1 text=abc",
       true,
       "the rplan marker of task a1 has no status=; it should read <!-- rplan:a1 status=open "
       "--> (as exported)",
       {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.body);
    const auto parsed = parse_checklist_marker(c.body);
    ASSERT_EQ(parsed.has_value(), c.ours);
    if (!parsed) continue;
    EXPECT_EQ(parsed->problem, c.problem);
    if (parsed->problem.empty()) {
      EXPECT_EQ(parsed->marker, c.marker);
    }
  }
}

TEST(ChecklistFormatTest, ABoxAsksForAChangeOnlyWhenItDiffersFromItsMarker) {
  using S = TaskStatus;
  struct Case {
    ChecklistBox box;
    S exported;
    std::optional<S> request;
  };
  const std::vector<Case> cases = {
      {ChecklistBox::ticked, S::open, S::done},
      {ChecklistBox::ticked, S::in_progress, S::done},
      {ChecklistBox::open, S::done, S::open},
      {ChecklistBox::ticked, S::done, std::nullopt},
      {ChecklistBox::open, S::open, std::nullopt},
      {ChecklistBox::open, S::in_progress, std::nullopt},
      {ChecklistBox::missing, S::open, std::nullopt},
      {ChecklistBox::missing, S::done, std::nullopt},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::to_string(static_cast<int>(c.box)) + " " +
                 std::string(to_string(c.exported)));
    EXPECT_EQ(checklist_request(c.box, c.exported), c.request);
  }
  // The box a writer draws asks for nothing when read back unchanged.
  for (const auto status : {S::open, S::in_progress, S::done}) {
    EXPECT_EQ(checklist_request(checklist_box(status), status), std::nullopt);
  }
}

TEST(ChecklistFormatTest, TellsWhetherARequestIsAlreadyMet) {
  using S = TaskStatus;
  EXPECT_TRUE(checklist_request_met(S::done, S::done));
  EXPECT_FALSE(checklist_request_met(S::done, S::open));
  EXPECT_FALSE(checklist_request_met(S::done, S::in_progress));
  EXPECT_TRUE(checklist_request_met(S::open, S::open));
  EXPECT_TRUE(checklist_request_met(S::open, S::in_progress));
  EXPECT_FALSE(checklist_request_met(S::open, S::done));
}

}  // namespace
}  // namespace rplan::model
