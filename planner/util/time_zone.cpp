#include "planner/util/time_zone.hpp"

#include <date/tz.h>

#include "planner/util/error.hpp"

namespace rplan::util {

namespace {
const date::time_zone* find_zone(std::string_view name) {
  try {
    return date::locate_zone(std::string(name));
  } catch (const std::runtime_error&) {  // an unknown name; std::bad_alloc goes on
    return nullptr;
  }
}
}  // namespace

bool is_known_time_zone(std::string_view name) { return find_zone(name) != nullptr; }

TimeZone::TimeZone(std::string_view name) : m_name(name), m_zone(find_zone(name)) {
  if (m_zone == nullptr) {
    throw InputError("unknown time zone \"" + m_name +
                     "\" (use an IANA name such as Europe/Berlin or America/New_York)");
  }
}

Instant TimeZone::to_utc(Date day, int minute) const {
  const auto* zone = static_cast<const date::time_zone*>(m_zone);
  const date::local_seconds local{day.time_since_epoch() + std::chrono::minutes{minute}};
  const auto info = zone->get_info(local);
  // unique and ambiguous (first occurrence) alike; in a DST gap info.first is
  // the offset before the gap, which moves the time forward by the gap.
  return Instant{local.time_since_epoch() - info.first.offset};
}

int TimeZone::offset_minutes(Instant utc) const {
  const auto* zone = static_cast<const date::time_zone*>(m_zone);
  const auto info = zone->get_info(utc);
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
}

}  // namespace rplan::util
