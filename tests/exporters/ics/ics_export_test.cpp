// The iCalendar builder: content lines, the three modes, UIDs, SEQUENCE and
// golden files (per-assignee files are in ics_files_test.cpp). The golden
// files live in tests/golden/ics/; after an intended change, run
// `RPLAN_UPDATE_GOLDEN=1 build/tests/exporters/ics/ics_test` and review the diff.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <map>
#include <sstream>

#include "exporters/ics_export.hpp"
#include "ics_fixture.hpp"
#include "ics_test_support.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters::testing {
namespace {

// ---- content lines ----

TEST(IcsTextTest, EscapesOnlyBackslashSemicolonCommaAndLineBreaks) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"plain text: with \"quotes\" & colons", "plain text: with \"quotes\" & colons"},
      {"a,b;c\\d", "a\\,b\\;c\\\\d"},
      {"one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour"},
      {"END:VEVENT\nBEGIN:VEVENT", "END:VEVENT\\nBEGIN:VEVENT"},
      {"tab\there", "tab\there"},
      {"Zoë 🚀 中文", "Zoë 🚀 中文"},
      {"\\n is not a break", "\\\\n is not a break"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.in);
    EXPECT_EQ(ics_escape_text(c.in), c.out);
  }
}

TEST(IcsTextTest, DropsControlCharactersAndRepairsBadUtf8) {
  EXPECT_EQ(ics_escape_text(std::string("a\x01"
                                        "b\x7f"
                                        "c\0d",
                                        7)),
            "abcd");
  EXPECT_EQ(ics_escape_text("caf\xC3"), "caf\xEF\xBF\xBD");
  EXPECT_EQ(ics_escape_text("\xFF"
                            "x"),
            "\xEF\xBF\xBDx");
  EXPECT_FALSE(util::find_invalid_utf8(ics_escape_text("\xC3\x28\xE2\x82")));
}

TEST(IcsTextTest, QuotesParametersWithCaretEncoding) {
  EXPECT_EQ(ics_quote_param("Ada Lovelace"), "\"Ada Lovelace\"");
  EXPECT_EQ(ics_quote_param("Mere \"Kiwi\" Ngata"), "\"Mere ^'Kiwi^' Ngata\"");
  EXPECT_EQ(ics_quote_param("a^b\nc;d,e:f"), "\"a^^b^nc;d,e:f\"");
  EXPECT_EQ(ics_quote_param("Zoë\x01"), "\"Zoë\"");
}

// Checks the folding rules on one folded line and returns it unfolded.
std::string check_fold(const std::string& folded) {
  const auto lines = physical_lines(folded);
  std::string unfolded;
  std::vector<std::size_t> folds;  // offsets in `unfolded` where a fold was
  for (std::size_t i = 0; i < lines.size(); ++i) {
    SCOPED_TRACE("physical line " + std::to_string(i + 1));
    EXPECT_LE(lines[i].size(), 75u);
    EXPECT_FALSE(util::find_invalid_utf8(lines[i])) << lines[i];
    if (i > 0) {
      EXPECT_EQ(lines[i][0], ' ');
      folds.push_back(unfolded.size());
      unfolded += lines[i].substr(1);
    } else {
      unfolded += lines[i];
    }
  }
  // No fold between a backslash and the character it escapes.
  for (std::size_t i = 0; i < unfolded.size(); ++i) {
    if (unfolded[i] != '\\') continue;
    ++i;
    EXPECT_EQ(std::count(folds.begin(), folds.end(), i), 0) << "an escape split at " << i;
  }
  return unfolded;
}

TEST(IcsTextTest, FoldsAt75OctetsWithoutSplittingCharacters) {
  const std::string pieces[] = {"a", "é", "€", "😀", "\\,", "\\\\"};
  for (const auto& piece : pieces) {
    for (std::size_t prefix = 0; prefix < 4; ++prefix) {  // every alignment
      std::string line = "SUMMARY:" + std::string(prefix, 'x');
      for (int i = 0; i < 200; ++i) line += piece;
      SCOPED_TRACE(piece + " after " + std::to_string(prefix));
      const std::string folded = ics_fold(line);
      EXPECT_EQ(check_fold(folded), line);
    }
  }
  EXPECT_EQ(ics_fold(std::string(75, 'a')), std::string(75, 'a') + "\r\n");
  EXPECT_EQ(ics_fold(std::string(76, 'a')), std::string(75, 'a') + "\r\n a\r\n");
  // A continuation line holds 74 octets after its space.
  EXPECT_EQ(ics_fold(std::string(75 + 74 + 1, 'a')),
            std::string(75, 'a') + "\r\n " + std::string(74, 'a') + "\r\n a\r\n");
}

TEST(IcsTextTest, FoldingBytesThatAreNotUtf8StillEnds) {
  // Escaped text is always UTF-8; ics_fold on its own must still terminate.
  const std::string garbage(200, '\x80');
  const auto lines = physical_lines(ics_fold(garbage));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].size(), 75u);
}

TEST(IcsTextTest, UidsAreTaskIdsWithTheRplanDomain) {
  EXPECT_EQ(event_uid("ka1", 1), "ka1-1@rplan");
  EXPECT_EQ(event_uid("ka1", 12), "ka1-12@rplan");
  EXPECT_EQ(todo_uid("ka1"), "ka1@rplan");
  EXPECT_EQ(span_uid("ka1"), "ka1-span@rplan");
  EXPECT_EQ(parse_ics_mode("span"), IcsMode::span);
  EXPECT_FALSE(parse_ics_mode("Events"));
}

// ---- whole calendars ----

TEST(IcsExportTest, MatchesTheGoldenFiles) {
  const auto p = sample_project();
  expect_golden("events.ics", ics(p, IcsMode::events));
  expect_golden("todos.ics", ics(p, IcsMode::todos));
  expect_golden("span.ics", ics(p, IcsMode::span));
  expect_golden("events-ada.ics", ics(p, IcsMode::events, "Ada Lovelace"));
}

TEST(IcsExportTest, EveryModeIsCrlfFoldedValidUtf8WithCalendarProperties) {
  const auto p = sample_project();
  for (const auto mode : {IcsMode::events, IcsMode::todos, IcsMode::span}) {
    SCOPED_TRACE(static_cast<int>(mode));
    const std::string text = ics(p, mode);
    EXPECT_EQ(text.find('\n'), text.find("\r\n") + 1);
    for (const auto& l : physical_lines(text)) {
      EXPECT_LE(l.size(), 75u) << l;
      EXPECT_FALSE(util::find_invalid_utf8(l)) << l;
      EXPECT_EQ(l.find('\r'), std::string::npos);
      EXPECT_EQ(l.find('\n'), std::string::npos);
    }
    const auto lines = content_lines(text);
    ASSERT_GE(lines.size(), 6u);
    EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
    EXPECT_EQ(lines[1], "VERSION:2.0");
    EXPECT_EQ(lines[2], "PRODID:-//rplan//rplan research planner//EN");
    EXPECT_EQ(lines[3], "CALSCALE:GREGORIAN");
    EXPECT_EQ(lines[4], "X-WR-CALNAME:Backend research\\, Q1\\; “2027”");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
    EXPECT_TRUE(values(text, "METHOD").empty());
    // Every component has one UID and one DTSTAMP, the plan's creation time.
    const auto begins = std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
      return l == "BEGIN:VEVENT" || l == "BEGIN:VTODO";
    });
    EXPECT_EQ(values(text, "UID").size(), static_cast<std::size_t>(begins));
    const auto stamps = values(text, "DTSTAMP");
    EXPECT_EQ(stamps.size(), static_cast<std::size_t>(begins));
    for (const auto& s : stamps) EXPECT_EQ(s, "20270301T100000Z");
    // An unchanged plan exports the same bytes.
    EXPECT_EQ(ics(p, mode), text);
  }
}

TEST(IcsExportTest, EventsAreOnePerWorkBlockAtUtcInstantsAcrossSummerTime) {
  const std::string text = ics(sample_project(), IcsMode::events);
  EXPECT_EQ(values(text, "UID"),
            (std::vector<std::string>{"ka1-1@rplan", "ka1-2@rplan", "kb2-1@rplan", "kb2-2@rplan",
                                      "kc3-1@rplan", "kd4-1@rplan", "kd4-2@rplan", "kf6-1@rplan"}));
  EXPECT_EQ(values(text, "DTSTART"),
            (std::vector<std::string>{"20270326T080000Z",  // Berlin 09:00 CET
                                      "20270329T070000Z",  // Berlin 09:00 CEST, after 2027-03-28
                                      "20270312T133000Z",  // New York 08:30 EST
                                      "20270315T123000Z",  // New York 08:30 EDT, after 2027-03-14
                                      "20270330T043000Z",  // Kolkata 10:00
                                      "20270328T200000Z",  // Auckland 09:00 NZDT on the 29th
                                      "20270330T200000Z",  // Auckland 09:00 on the 31st
                                      "20270329T130000Z"}));
  EXPECT_EQ(values(text, "DTEND"),
            (std::vector<std::string>{"20270326T140000Z", "20270329T130000Z", "20270312T213000Z",
                                      "20270315T133000Z", "20270330T083000Z", "20270328T230000Z",
                                      "20270330T230000Z", "20270329T150000Z"}));
  EXPECT_EQ(values(text, "SEQUENCE"),
            (std::vector<std::string>{"2", "0", "0", "0", "0", "0", "0", "0"}));
  EXPECT_EQ(text.find("ke5"), std::string::npos) << "an unassigned task has no event";
  EXPECT_TRUE(values(text, "DTSTART;VALUE=DATE").empty());
}

TEST(IcsExportTest, TextCannotInjectStructure) {
  const std::string text = ics(sample_project(), IcsMode::events);
  const auto lines = content_lines(text);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "BEGIN:VEVENT"), 8);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "END:VEVENT"), 8);
  const auto summaries = values(text, "SUMMARY");
  ASSERT_FALSE(summaries.empty());
  EXPECT_EQ(unescape(summaries[0]),
            "Research caching; queues, and C:\\temp\\path\nEND:VEVENT\nBEGIN:VEVENT\n"
            "SUMMARY:forged — with ünïcödé and 🚀 (Caching, queues; and more)");
  for (const auto& l : lines) EXPECT_NE(l.rfind("SUMMARY:forged", 0), 0u);
  const auto descriptions = values(text, "DESCRIPTION");
  EXPECT_EQ(unescape(descriptions[0]),
            "Topic: Caching, queues; and more\nFocus: Über-fast caches, naïvely\nPrompt: "
            "Research caching; queues, and C:\\temp\\path\nEND:VEVENT\nBEGIN:VEVENT\n"
            "SUMMARY:forged — with ünïcödé and 🚀\nKind: Research\nEstimate: 12 h\n"
            "Assignee: Ada Lovelace\nStatus: open\nTask: ka1 (work block 1)");
  EXPECT_EQ(values(text, "CATEGORIES")[0], "Research,Caching\\, queues\\; and more");
}

TEST(IcsExportTest, AttendeesOnlyForPeopleWithAnEmailWithTheNameQuoted) {
  const std::string text = ics(sample_project(), IcsMode::events);
  std::vector<std::string> attendees;
  for (const auto& l : content_lines(text)) {
    if (l.rfind("ATTENDEE", 0) == 0) attendees.push_back(l);
  }
  EXPECT_EQ(attendees,
            (std::vector<std::string>{"ATTENDEE;CN=\"Ada Lovelace\":mailto:ada@example.org",
                                      "ATTENDEE;CN=\"Ada Lovelace\":mailto:ada@example.org",
                                      "ATTENDEE;CN=\"Grace Hopper\":mailto:grace@example.org",
                                      "ATTENDEE;CN=\"Grace Hopper\":mailto:grace@example.org",
                                      "ATTENDEE;CN=\"Mere ^'Kiwi^' Ngata\":mailto:mere@example.org",
                                      "ATTENDEE;CN=\"Mere ^'Kiwi^' Ngata\":mailto:mere@example.org",
                                      "ATTENDEE;CN=\"李雷\":mailto:li.lei@example.cn"}))
      << "Linus has no email and gets no ATTENDEE";
}

TEST(IcsExportTest, UidsSurviveAReplanAndSequenceIsTheStoredOne) {
  auto p = sample_project();
  const std::string before = ics(p, IcsMode::events);
  // A re-plan moves Ada's work by a day; the store raised the sequences.
  plan(p.tasks[0], "Ada Lovelace",
       {block("Europe/Berlin", "2027-03-29", "09:00", 360, 3),
        block("Europe/Berlin", "2027-03-30", "09:00", 360, 1)},
       2);
  p.plan.created_at += std::chrono::hours{1};
  const std::string after = ics(p, IcsMode::events);
  EXPECT_EQ(values(after, "UID"), values(before, "UID"));
  EXPECT_EQ(values(after, "SEQUENCE")[0], "3");
  EXPECT_EQ(values(after, "SEQUENCE")[1], "1");
  EXPECT_EQ(values(after, "DTSTAMP")[0], "20270301T110000Z");
  EXPECT_EQ(values(ics(p, IcsMode::todos), "SEQUENCE")[1], "2") << "[0] is its topic's";
  EXPECT_EQ(values(ics(p, IcsMode::span), "SEQUENCE")[0], "2");
}

TEST(IcsExportTest, TodosAreATreeOfTopicsWithDatesStatusProgressAndDependencies) {
  const std::string text = ics(sample_project(), IcsMode::todos);
  EXPECT_TRUE(values(text, "BEGIN").size() == 9u);  // the calendar, two topics, six tasks
  // Each topic's to-do comes before its tasks'.
  EXPECT_EQ(values(text, "UID"),
            (std::vector<std::string>{"tpc1-topic@rplan", "ka1@rplan", "kb2@rplan", "kc3@rplan",
                                      "tpc2-topic@rplan", "kd4@rplan", "ke5@rplan", "kf6@rplan"}));
  // A topic is in process once one of its tasks is started or done.
  EXPECT_EQ(
      values(text, "STATUS"),
      (std::vector<std::string>{"IN-PROCESS", "NEEDS-ACTION", "IN-PROCESS", "COMPLETED",
                                "NEEDS-ACTION", "NEEDS-ACTION", "NEEDS-ACTION", "NEEDS-ACTION"}));
  // Topic 1: kc3's 4 hours done of 25 estimated (16%).
  EXPECT_EQ(values(text, "PERCENT-COMPLETE"),
            (std::vector<std::string>{"16", "0", "0", "100", "0", "0", "0", "0"}));
  // Five planned tasks have dates, and their topics span them; the unassigned one has none.
  EXPECT_EQ(values(text, "DTSTART"),
            (std::vector<std::string>{"20270312T133000Z", "20270326T080000Z", "20270312T133000Z",
                                      "20270330T043000Z", "20270328T200000Z", "20270328T200000Z",
                                      "20270329T130000Z"}));
  EXPECT_EQ(values(text, "DUE"),
            (std::vector<std::string>{"20270330T083000Z", "20270329T130000Z", "20270315T133000Z",
                                      "20270330T083000Z", "20270330T230000Z", "20270330T230000Z",
                                      "20270329T150000Z"}));
  // Every task's parent is its topic; kc3's dependencies come before its parent.
  EXPECT_EQ(values(text, "RELATED-TO"),
            (std::vector<std::string>{"tpc1-topic@rplan", "tpc1-topic@rplan", "ka1@rplan",
                                      "kb2@rplan", "tpc1-topic@rplan", "tpc2-topic@rplan",
                                      "tpc2-topic@rplan", "tpc2-topic@rplan"}));
  EXPECT_NE(text.find("RELATED-TO;RELTYPE=DEPENDS-ON:ka1@rplan\r\n"
                      "RELATED-TO;RELTYPE=DEPENDS-ON:kb2@rplan\r\n"
                      "RELATED-TO;RELTYPE=PARENT:tpc1-topic@rplan\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("Waits for: ka1\\, kb2"), std::string::npos) << "and in the description";
  EXPECT_NE(text.find("Assignee: not scheduled"), std::string::npos);
  EXPECT_EQ(values(text, "SUMMARY")[0], "1. Caching\\, queues\\; and more");
  EXPECT_EQ(values(text, "SUMMARY")[3],
            "✓ Document the findings (Caching\\, "
            "queues\\; and more)");
}

TEST(IcsExportTest, APersonsTodosAreAFlatListWithoutRelations) {
  const std::string text = ics(sample_project(), IcsMode::todos, "Linus Pauling");
  EXPECT_EQ(values(text, "UID"), (std::vector<std::string>{"kc3@rplan"}));
  EXPECT_TRUE(values(text, "RELATED-TO").empty());
  EXPECT_NE(text.find("Waits for: ka1\\, kb2"), std::string::npos);
}

TEST(IcsExportTest, SpanIsAllDayOnLocalDatesWithAnExclusiveEnd) {
  const std::string text = ics(sample_project(), IcsMode::span);
  EXPECT_EQ(values(text, "UID"),
            (std::vector<std::string>{"ka1-span@rplan", "kb2-span@rplan", "kc3-span@rplan",
                                      "kd4-span@rplan", "kf6-span@rplan"}));
  EXPECT_EQ(values(text, "DTSTART;VALUE=DATE"),
            (std::vector<std::string>{"20270326", "20270312", "20270330", "20270329", "20270329"}))
      << "Auckland's work starts on its local 29th, though that is the 28th in UTC";
  EXPECT_EQ(values(text, "DTEND;VALUE=DATE"),
            (std::vector<std::string>{"20270330", "20270316", "20270331", "20270401", "20270330"}));
  EXPECT_EQ(values(text, "TRANSP"), std::vector<std::string>(5, "TRANSPARENT"));
  EXPECT_EQ(values(text, "SEQUENCE"), (std::vector<std::string>{"1", "0", "0", "3", "0"}));
}

TEST(IcsExportTest, APersonsCalendarHoldsOnlyTheirWork) {
  const auto p = sample_project();
  const std::string ada = ics(p, IcsMode::events, "Ada Lovelace");
  EXPECT_EQ(values(ada, "UID"), (std::vector<std::string>{"ka1-1@rplan", "ka1-2@rplan"}));
  EXPECT_EQ(values(ada, "X-WR-CALNAME")[0], "Backend research\\, Q1\\; “2027” — Ada Lovelace");
  EXPECT_EQ(values(ics(p, IcsMode::todos, "Linus Pauling"), "UID"),
            (std::vector<std::string>{"kc3@rplan"}))
      << "the unassigned task is in no one's todos";
  auto untitled = p;
  untitled.title.clear();
  EXPECT_EQ(values(ics(untitled, IcsMode::span), "X-WR-CALNAME")[0], "rplan plan");
}

// An in-progress task someone else carries on: the block of history its
// first person worked is in their calendar, not the new assignee's.
TEST(IcsExportTest, APersonsCalendarHoldsTheHistoryTheyWorked) {
  auto p = sample_project();
  model::Task& kb2 = p.tasks[1];
  ASSERT_EQ(kb2.id, "kb2");
  kb2.blocks[0].history = true;
  kb2.blocks[0].assignee = "Ada Lovelace";
  EXPECT_EQ(values(ics(p, IcsMode::events, "Ada Lovelace"), "UID"),
            (std::vector<std::string>{"ka1-1@rplan", "ka1-2@rplan", "kb2-1@rplan"}));
  EXPECT_EQ(values(ics(p, IcsMode::events, "Grace Hopper"), "UID"),
            (std::vector<std::string>{"kb2-2@rplan"}));
  // The whole calendar has every block once.
  EXPECT_EQ(values(ics(p, IcsMode::events), "UID").size(), 8u);
}

// The ATTENDEE of each event, by UID.
std::map<std::string, std::string> attendees_by_uid(const std::string& text) {
  std::map<std::string, std::string> out;
  std::string uid;
  for (const auto& l : content_lines(text)) {
    if (l.rfind("UID:", 0) == 0) uid = l.substr(4);
    if (l.rfind("ATTENDEE", 0) == 0) out[uid] = l;
  }
  return out;
}

// The ATTENDEE of a block is who worked it: the first person for the
// history of a task someone else carries on.
TEST(IcsExportTest, ABlockOfHistoryNamesWhoWorkedItAsAttendee) {
  auto p = sample_project();
  model::Task& kb2 = p.tasks[1];
  ASSERT_EQ(kb2.assignee, "Grace Hopper");
  kb2.blocks[0].history = true;
  kb2.blocks[0].assignee = "Ada Lovelace";
  const std::string ada = "ATTENDEE;CN=\"Ada Lovelace\":mailto:ada@example.org";
  const std::string grace = "ATTENDEE;CN=\"Grace Hopper\":mailto:grace@example.org";
  const auto team = attendees_by_uid(ics(p, IcsMode::events));
  EXPECT_EQ(team.at("kb2-1@rplan"), ada);
  EXPECT_EQ(team.at("kb2-2@rplan"), grace);
  EXPECT_EQ(attendees_by_uid(ics(p, IcsMode::events, "Ada Lovelace")).at("kb2-1@rplan"), ada);
  EXPECT_EQ(attendees_by_uid(ics(p, IcsMode::events, "Grace Hopper")).at("kb2-2@rplan"), grace);
  // Without an email, no ATTENDEE for that block.
  kb2.blocks[0].assignee = "Linus Pauling";
  EXPECT_FALSE(attendees_by_uid(ics(p, IcsMode::events)).contains("kb2-1@rplan"));
}

TEST(IcsExportTest, AnEmptyPlanIsAnEmptyCalendar) {
  auto p = sample_project();
  for (auto& t : p.tasks) {
    t.assignee.clear();
    t.blocks.clear();
  }
  const auto lines = content_lines(ics(p, IcsMode::events));
  EXPECT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
}

// ---- the index behind many calendars of one plan ----

// A cancelled block of a task that left `calendar`.
model::CancelledItem cancelled_block(std::string subject, std::string calendar,
                                     const model::Project& p) {
  model::CancelledItem c;
  c.kind = model::CalendarItemKind::block;
  c.subject = std::move(subject);
  c.number = 1;
  c.uid = model::event_uid(c.subject, 1);
  c.calendar = std::move(calendar);
  c.sequence = 2;
  c.left_on = std::chrono::floor<std::chrono::days>(p.plan.now);
  c.utc_start = p.plan.now;
  c.utc_end = p.plan.now + std::chrono::hours{2};
  c.text = "Research something that left";
  return c;
}

// Each person's tasks and cancelled items, as the index finds them in one
// pass, are those a search of the whole plan finds, in plan order; and each
// person's calendar writes exactly the cancelled items that left it.
TEST(IcsIndexTest, EachPersonsItemsAreTheOnesASearchOfThePlanFinds) {
  auto p = sample_project();
  model::Task& kb2 = p.tasks[1];
  kb2.blocks[0].history = true;
  kb2.blocks[0].assignee = "Ada Lovelace";  // history someone else worked
  p.cancelled = {cancelled_block("gone1", "Ada Lovelace", p),
                 cancelled_block("gone2", "Grace Hopper", p),
                 cancelled_block("gone3", "Ada Lovelace", p), cancelled_block("gone4", "", p)};
  std::sort(p.cancelled.begin(), p.cancelled.end(),
            [](const auto& a, const auto& b) { return a.uid < b.uid; });
  const IcsIndex index(p);
  std::vector<std::string> names;
  for (const auto& a : p.team) names.push_back(a.name);
  names.push_back("Someone who left");
  for (const auto& name : names) {
    std::vector<std::uint32_t> tasks, cancelled;
    for (std::uint32_t i = 0; i < p.tasks.size(); ++i) {
      const model::Task& t = p.tasks[i];
      const bool works = std::any_of(t.blocks.begin(), t.blocks.end(), [&](const auto& b) {
        return model::block_person(t, b) == name;
      });
      if (model::calendar_of(t) == name || works) tasks.push_back(i);
    }
    for (std::uint32_t i = 0; i < p.cancelled.size(); ++i) {
      if (p.cancelled[i].calendar == name) cancelled.push_back(i);
    }
    EXPECT_EQ(index.tasks_of(name), tasks) << name;
    EXPECT_EQ(index.cancelled_of(name), cancelled) << name;
  }
  EXPECT_EQ(index.tasks_of("Ada Lovelace"), (std::vector<std::uint32_t>{0, 1}));
  EXPECT_EQ(index.task("kb2"), &kb2);
  EXPECT_EQ(index.task("gone1"), nullptr);
  EXPECT_EQ(index.person("Ada Lovelace"), &p.team[0]);
  EXPECT_EQ(index.person("Someone who left"), nullptr);

  const auto cancelled_uids = [&](const std::string& name) {
    std::ostringstream out;
    write_ics(p, index, ics_options(IcsMode::events, name, 60), out);
    std::vector<std::string> uids;
    std::string uid;
    for (const auto& l : content_lines(out.str())) {
      if (l.rfind("UID:", 0) == 0) uid = l.substr(4);
      if (l == "STATUS:CANCELLED") uids.push_back(uid);
    }
    return uids;
  };
  EXPECT_EQ(cancelled_uids("Ada Lovelace"),
            (std::vector<std::string>{"gone1-1@rplan", "gone3-1@rplan"}));
  EXPECT_EQ(cancelled_uids("Grace Hopper"), (std::vector<std::string>{"gone2-1@rplan"}));
  EXPECT_EQ(cancelled_uids(""), (std::vector<std::string>{"gone1-1@rplan", "gone2-1@rplan",
                                                          "gone3-1@rplan", "gone4-1@rplan"}));
}

}  // namespace
}  // namespace rplan::exporters::testing
