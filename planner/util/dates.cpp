#include "planner/util/dates.hpp"

#include <cstdio>

#include "planner/util/text.hpp"

namespace rplan::util {

namespace {
bool parse_digits(std::string_view text, int& out) {
  if (text.empty()) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}
}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0, m = 0, d = 0;
  if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m) ||
      !parse_digits(text.substr(8, 2), d)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{ymd};
}

std::string format_date(Date date) {
  const std::chrono::year_month_day ymd{date};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<int> parse_clock(std::string_view text) {
  const auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() - colon != 3) {
    return std::nullopt;
  }
  int h = 0, m = 0;
  if (!parse_digits(text.substr(0, colon), h) || !parse_digits(text.substr(colon + 1), m)) {
    return std::nullopt;
  }
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string format_clock(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

int weekday_index(Date date) {
  const std::chrono::weekday wd{date};
  return static_cast<int>(wd.iso_encoding()) - 1;
}

std::string_view weekday_name(int index) {
  static constexpr std::array<std::string_view, 7> k_names = {"mon", "tue", "wed", "thu",
                                                              "fri", "sat", "sun"};
  return k_names.at(static_cast<std::size_t>(index));
}

std::optional<int> parse_weekday(std::string_view text) {
  static constexpr std::array<std::string_view, 7> k_full = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  const std::string lower = to_lower_ascii(trim(text));
  for (int i = 0; i < 7; ++i) {
    if (lower == weekday_name(i) || lower == k_full[static_cast<std::size_t>(i)]) return i;
  }
  return std::nullopt;
}

Date next_monday(Date today) {
  const int idx = weekday_index(today);
  return today + std::chrono::days{7 - idx};
}

Date week_start(Date date) { return date - std::chrono::days{weekday_index(date)}; }

IsoWeek iso_week(Date date) {
  // The ISO year is the year of the Thursday of the date's week.
  const Date thursday = week_start(date) + std::chrono::days{3};
  const std::chrono::year_month_day ymd{thursday};
  const Date jan1 = Date{ymd.year() / std::chrono::January / 1};
  const int week = static_cast<int>((thursday - jan1).count() / 7) + 1;
  return {static_cast<int>(ymd.year()), week};
}

std::string format_rfc3339(Instant utc, int offset_minutes) {
  const Instant local = utc + std::chrono::minutes{offset_minutes};
  const Date day = std::chrono::floor<std::chrono::days>(local);
  const auto secs = (local - day).count();
  const std::chrono::year_month_day ymd{day};
  const int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld%c%02d:%02d",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60),
                offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

std::string format_ical_utc(Instant utc) {
  const Date day = std::chrono::floor<std::chrono::days>(utc);
  const auto secs = (utc - day).count();
  const std::chrono::year_month_day ymd{day};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02lld%02lld%02lldZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

std::string format_ical_date(Date date) {
  const std::chrono::year_month_day ymd{date};
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buf;
}

std::optional<Instant> parse_rfc3339(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS(+|-)HH:MM or ...Z
  if (text.size() < 20 || text[10] != 'T') return std::nullopt;
  const auto date = parse_date(text.substr(0, 10));
  if (!date) return std::nullopt;
  int h = 0, m = 0, s = 0;
  if (text[13] != ':' || text[16] != ':' || !parse_digits(text.substr(11, 2), h) ||
      !parse_digits(text.substr(14, 2), m) || !parse_digits(text.substr(17, 2), s)) {
    return std::nullopt;
  }
  const std::string_view zone = text.substr(19);
  int offset = 0;
  if (zone == "Z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh = 0, om = 0;
    if (!parse_digits(zone.substr(1, 2), oh) || !parse_digits(zone.substr(4, 2), om)) {
      return std::nullopt;
    }
    offset = (oh * 60 + om) * (zone[0] == '-' ? -1 : 1);
  } else {
    return std::nullopt;
  }
  return Instant{*date} + std::chrono::seconds{h * 3600 + m * 60 + s} -
         std::chrono::minutes{offset};
}

}  // namespace rplan::util
