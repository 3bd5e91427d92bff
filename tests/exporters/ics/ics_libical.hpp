#pragma once

// libical, the strict parser of Evolution and GNOME Calendar, as the judge of
// what the exporter writes.

#include <gtest/gtest.h>
#include <libical/ical.h>

#include <memory>
#include <string>
#include <vector>

namespace rplan::exporters::testing {

struct ComponentDeleter {
  void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};
using Calendar = std::unique_ptr<icalcomponent, ComponentDeleter>;

inline Calendar parse_calendar(const std::string& text) {
  return Calendar(icalparser_parse_string(text.c_str()));
}

// Every X-LIC-ERROR property libical put anywhere in the tree, as text.
inline void collect_errors(icalcomponent* c, std::vector<std::string>& errors) {
  for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
       p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
    errors.push_back(std::string(icalcomponent_kind_to_string(icalcomponent_isa(c))) + ": " +
                     icalproperty_get_xlicerror(p));
  }
  for (icalcomponent* s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
       s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
    collect_errors(s, errors);
  }
}

// The sub-components of `kind` (VEVENT, VTODO) in file order.
inline std::vector<icalcomponent*> components(icalcomponent* calendar, icalcomponent_kind kind) {
  std::vector<icalcomponent*> found;
  for (icalcomponent* c = icalcomponent_get_first_component(calendar, kind); c;
       c = icalcomponent_get_next_component(calendar, kind)) {
    found.push_back(c);
  }
  return found;
}

// Parses text, runs libical's restriction check (RFC 5545 cardinalities for a
// calendar without METHOD), and expects no X-LIC-ERROR anywhere. Returns the
// parsed calendar (null on failure).
inline Calendar expect_libical_accepts(const std::string& text) {
  Calendar cal = parse_calendar(text);
  EXPECT_NE(cal, nullptr) << "libical could not parse the calendar";
  if (!cal) return cal;
  EXPECT_EQ(icalcomponent_isa(cal.get()), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(icalrestriction_check(cal.get()), 1);
  std::vector<std::string> errors;
  collect_errors(cal.get(), errors);
  EXPECT_TRUE(errors.empty()) << errors.size() << " X-LIC-ERROR, the first: " << errors.front();
  return cal;
}

// libical checks little without a METHOD, so this also checks a copy under
// iTIP PUBLISH, whose rules are strict (one UID, one DTSTAMP, one DTSTART,
// one SUMMARY, nothing unexpected). PUBLISH forbids ATTENDEE and needs an
// ORGANIZER (and a VTODO a PRIORITY), which a plain calendar file does not
// have, so the copy drops the one and adds the others before the check; it
// also gives an unscheduled VTODO the DTSTART that PUBLISH (unlike RFC 5545)
// requires.
inline void expect_strict_publish_rules_hold(const std::string& text) {
  Calendar cal = parse_calendar(text);
  ASSERT_NE(cal, nullptr);
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  for (const auto kind : {ICAL_VEVENT_COMPONENT, ICAL_VTODO_COMPONENT}) {
    for (icalcomponent* c : components(cal.get(), kind)) {
      std::vector<icalproperty*> attendees;
      for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_ATTENDEE_PROPERTY); p;
           p = icalcomponent_get_next_property(c, ICAL_ATTENDEE_PROPERTY)) {
        attendees.push_back(p);
      }
      for (icalproperty* p : attendees) {
        icalcomponent_remove_property(c, p);
        icalproperty_free(p);
      }
      icalcomponent_add_property(c, icalproperty_new_organizer("mailto:lead@example.org"));
      if (kind == ICAL_VTODO_COMPONENT) {
        icalcomponent_add_property(c, icalproperty_new_priority(0));
        if (icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY) == nullptr) {
          icalcomponent_set_dtstart(c, icaltime_from_string("20270301T100000Z"));
        }
      }
    }
  }
  EXPECT_EQ(icalrestriction_check(cal.get()), 1);
  std::vector<std::string> errors;
  collect_errors(cal.get(), errors);
  EXPECT_TRUE(errors.empty()) << errors.size() << " X-LIC-ERROR, the first: " << errors.front();
}

inline std::string text_of(icalcomponent* c, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(c, kind);
  if (p == nullptr) return "<missing>";
  const char* s = icalproperty_get_value_as_string(p);
  return s ? s : "";
}

}  // namespace rplan::exporters::testing
