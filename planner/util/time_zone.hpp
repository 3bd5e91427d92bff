#pragma once

#include <string>
#include <string_view>

#include "planner/util/dates.hpp"

namespace rplan::util {

// True when name is an IANA zone in the system's tz database ("UTC" always is).
bool is_known_time_zone(std::string_view name);

// An IANA time zone from the system's tz database (HowardHinnant date/tz).
class TimeZone {
 public:
  // Throws rplan::InputError naming the zone when it is unknown.
  explicit TimeZone(std::string_view name);

  // The UTC instant of local wall-clock time `minute` after midnight on `day`.
  // A time in a DST gap is moved forward by the gap; an ambiguous time (the
  // hour repeated in autumn) takes its first occurrence.
  Instant to_utc(Date day, int minute) const;
  // Offset of local time from UTC at `utc`, in minutes (east positive).
  int offset_minutes(Instant utc) const;
  const std::string& name() const { return m_name; }

 private:
  std::string m_name;
  const void* m_zone;  // const date::time_zone*, kept opaque so callers need no date/tz.h
};

}  // namespace rplan::util
