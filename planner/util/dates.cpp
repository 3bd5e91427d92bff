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

namespace {

// Fixed-width decimal digits, written by hand: dates and times are formatted
// millions of times in a large export, and snprintf's format parsing was a
// tenth of the iCalendar writer's time.
char* put_digits(char* at, long long value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    at[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return at + width;
}

// "YYYY" then `separator` (none if '\0') "MM" `separator` "DD"; years outside
// 0..9999 as snprintf's %04d writes them.
std::string ymd_text(const std::chrono::year_month_day& ymd, char separator) {
  const int year = static_cast<int>(ymd.year());
  const auto month = static_cast<unsigned>(ymd.month());
  const auto day = static_cast<unsigned>(ymd.day());
  char buf[48];
  if (year < 0 || year > 9999) {
    if (separator != '\0') {
      std::snprintf(buf, sizeof buf, "%04d%c%02u%c%02u", year, separator, month, separator, day);
    } else {
      std::snprintf(buf, sizeof buf, "%04d%02u%02u", year, month, day);
    }
    return buf;
  }
  char* at = put_digits(buf, year, 4);
  if (separator != '\0') *at++ = separator;
  at = put_digits(at, month, 2);
  if (separator != '\0') *at++ = separator;
  at = put_digits(at, day, 2);
  return std::string(buf, at);
}

}  // namespace

std::string format_date(Date date) { return ymd_text(std::chrono::year_month_day{date}, '-'); }

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
  if (minutes < 0 || minutes >= 100 * 60) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
  }
  char buf[5];
  put_digits(buf, minutes / 60, 2);
  buf[2] = ':';
  put_digits(buf + 3, minutes % 60, 2);
  return std::string(buf, 5);
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
  std::string text = ymd_text(ymd, '-');
  char buf[16];
  buf[0] = 'T';
  char* at = put_digits(buf + 1, secs / 3600, 2);
  *at++ = ':';
  at = put_digits(at, secs / 60 % 60, 2);
  *at++ = ':';
  at = put_digits(at, secs % 60, 2);
  *at++ = offset_minutes < 0 ? '-' : '+';
  at = put_digits(at, off / 60 % 100, 2);
  *at++ = ':';
  at = put_digits(at, off % 60, 2);
  return text.append(buf, at);
}

std::string format_ical_utc(Instant utc) {
  const Date day = std::chrono::floor<std::chrono::days>(utc);
  const auto secs = (utc - day).count();
  std::string text = ymd_text(std::chrono::year_month_day{day}, '\0');
  char buf[8];
  buf[0] = 'T';
  char* at = put_digits(buf + 1, secs / 3600, 2);
  at = put_digits(at, secs / 60 % 60, 2);
  at = put_digits(at, secs % 60, 2);
  *at++ = 'Z';
  return text.append(buf, at);
}

std::string format_ical_date(Date date) {
  return ymd_text(std::chrono::year_month_day{date}, '\0');
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
