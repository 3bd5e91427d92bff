// Every mode as libical reads it: no X-LIC-ERROR, the restriction check
// passes, and the text, times, attendees and relations come back as written.

#include <gtest/gtest.h>

#include "exporters/ics_export.hpp"
#include "ics_fixture.hpp"
#include "ics_libical.hpp"
#include "ics_test_support.hpp"

namespace rplan::exporters::testing {
namespace {

std::string utc_of(icaltimetype t) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02d%s", t.year, t.month, t.day, t.hour,
                t.minute, t.second, icaltime_is_utc(t) ? "Z" : "");
  return buf;
}

std::string date_of(icaltimetype t) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%s", t.year, t.month, t.day,
                t.is_date ? "" : " (not a DATE)");
  return buf;
}

TEST(IcsLibicalTest, EveryModeParsesWithoutErrors) {
  const auto p = sample_project();
  for (const auto mode : {IcsMode::events, IcsMode::todos, IcsMode::span}) {
    for (const std::string who : {"", "Ada Lovelace", "Linus Pauling", "李雷"}) {
      SCOPED_TRACE(std::to_string(static_cast<int>(mode)) + " " + who);
      const std::string text = ics(p, mode, who);
      const Calendar cal = expect_libical_accepts(text);
      ASSERT_NE(cal, nullptr);
      EXPECT_GT(icalcomponent_count_components(cal.get(), ICAL_ANY_COMPONENT), 0);
      expect_strict_publish_rules_hold(text);
    }
  }
}

TEST(IcsLibicalTest, AnEmptyCalendarParsesToo) {
  auto p = sample_project();
  for (auto& t : p.tasks) t.blocks.clear();
  const Calendar cal = expect_libical_accepts(ics(p, IcsMode::events));
  ASSERT_NE(cal, nullptr);
  EXPECT_EQ(icalcomponent_count_components(cal.get(), ICAL_ANY_COMPONENT), 0);
}

TEST(IcsLibicalTest, EventsComeBackWithTheirTextInstantsAndAttendees) {
  const auto p = sample_project();
  const Calendar cal = expect_libical_accepts(ics(p, IcsMode::events));
  ASSERT_NE(cal, nullptr);
  const auto events = components(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(events.size(), 8u);

  icalcomponent* first = events[0];
  EXPECT_STREQ(icalcomponent_get_uid(first), "ka1-1@rplan");
  EXPECT_EQ(icalcomponent_get_sequence(first), 2);
  EXPECT_EQ(utc_of(icalcomponent_get_dtstart(first)), "20270326T080000Z");
  EXPECT_EQ(utc_of(icalcomponent_get_dtend(first)), "20270326T140000Z");
  EXPECT_EQ(utc_of(icalcomponent_get_dtstamp(first)), "20270301T100000Z");
  EXPECT_EQ(utc_of(icalcomponent_get_dtstart(events[1])), "20270329T070000Z");
  const std::string prompt = std::string(k_tricky_prompt);
  std::string expected_prompt;  // CRLF reads back as one line break
  for (std::size_t i = 0; i < prompt.size(); ++i) {
    if (prompt.compare(i, 2, "\r\n") != 0) expected_prompt += prompt[i];
  }
  EXPECT_EQ(icalcomponent_get_summary(first), expected_prompt + " (Caching, queues; and more)")
      << "the prompt says its kind: no \"Research: \" before it";
  const std::string description = icalcomponent_get_description(first);
  EXPECT_NE(description.find("Prompt: " + expected_prompt + "\nKind: Research"), std::string::npos)
      << description;
  EXPECT_EQ(text_of(first, ICAL_STATUS_PROPERTY), "CONFIRMED");

  icalproperty* attendee = icalcomponent_get_first_property(first, ICAL_ATTENDEE_PROPERTY);
  ASSERT_NE(attendee, nullptr);
  EXPECT_STREQ(icalproperty_get_attendee(attendee), "mailto:ada@example.org");
  icalparameter* cn = icalproperty_get_first_parameter(attendee, ICAL_CN_PARAMETER);
  ASSERT_NE(cn, nullptr);
  EXPECT_STREQ(icalparameter_get_cn(cn), "Ada Lovelace");
  EXPECT_EQ(icalcomponent_get_first_property(events[4], ICAL_ATTENDEE_PROPERTY), nullptr)
      << "Linus has no email";

  // The 200-character prompt, folded between multi-octet characters, reads back whole.
  EXPECT_EQ(icalcomponent_get_summary(events[2]),
            "Analysis: " + long_prompt() + " (Caching, queues; and more)");
}

TEST(IcsLibicalTest, TodosComeBackWithStatusProgressDueAndRelations) {
  const Calendar cal = expect_libical_accepts(ics(sample_project(), IcsMode::todos));
  ASSERT_NE(cal, nullptr);
  const auto todos = components(cal.get(), ICAL_VTODO_COMPONENT);
  ASSERT_EQ(todos.size(), 8u);  // topic 1, its three tasks, topic 2, its three tasks
  EXPECT_STREQ(icalcomponent_get_uid(todos[0]), "tpc1-topic@rplan");
  EXPECT_EQ(icalcomponent_get_status(todos[0]), ICAL_STATUS_INPROCESS);
  EXPECT_EQ(icalcomponent_get_status(todos[1]), ICAL_STATUS_NEEDSACTION);
  EXPECT_EQ(icalcomponent_get_status(todos[2]), ICAL_STATUS_INPROCESS);
  EXPECT_EQ(icalcomponent_get_status(todos[3]), ICAL_STATUS_COMPLETED);
  icalproperty* percent = icalcomponent_get_first_property(todos[3], ICAL_PERCENTCOMPLETE_PROPERTY);
  ASSERT_NE(percent, nullptr);
  EXPECT_EQ(icalproperty_get_percentcomplete(percent), 100);
  EXPECT_EQ(utc_of(icalcomponent_get_due(todos[1])), "20270329T130000Z");
  EXPECT_TRUE(icaltime_is_null_time(icalcomponent_get_dtstart(todos[6]))) << "unassigned";

  std::vector<std::string> related;  // "RELTYPE uid"
  for (icalproperty* r = icalcomponent_get_first_property(todos[3], ICAL_RELATEDTO_PROPERTY); r;
       r = icalcomponent_get_next_property(todos[3], ICAL_RELATEDTO_PROPERTY)) {
    icalparameter* type = icalproperty_get_first_parameter(r, ICAL_RELTYPE_PARAMETER);
    ASSERT_NE(type, nullptr);
    const char* name = icalparameter_get_reltype(type) == ICAL_RELTYPE_X
                           ? icalparameter_get_xvalue(type)
                           : icalparameter_enum_to_string(icalparameter_get_reltype(type));
    related.push_back(std::string(name) + " " + icalproperty_get_relatedto(r));
  }
  EXPECT_EQ(related, (std::vector<std::string>{"DEPENDS-ON ka1@rplan", "DEPENDS-ON kb2@rplan",
                                               "PARENT tpc1-topic@rplan"}));
}

TEST(IcsLibicalTest, SpansComeBackAsAllDayDates) {
  const Calendar cal = expect_libical_accepts(ics(sample_project(), IcsMode::span));
  ASSERT_NE(cal, nullptr);
  const auto spans = components(cal.get(), ICAL_VEVENT_COMPONENT);
  ASSERT_EQ(spans.size(), 5u);
  EXPECT_EQ(date_of(icalcomponent_get_dtstart(spans[3])), "20270329");
  EXPECT_EQ(date_of(icalcomponent_get_dtend(spans[3])), "20270401");
}

}  // namespace
}  // namespace rplan::exporters::testing
