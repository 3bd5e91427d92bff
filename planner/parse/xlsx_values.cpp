// What cells mean: A1 references, date serials, number formats.

#include <chrono>
#include <cmath>

#include "planner/parse/xlsx_reader.hpp"

namespace rplan::parse::xlsx {

namespace {

using std::chrono::days;
using std::chrono::seconds;
using std::chrono::sys_days;

constexpr std::int64_t k_day = 86400;
// The 1900 system counts from 1899-12-31 up to its 1900-02-29 (serial 60)
// and from 1899-12-30 after it; the 1904 system from 1904-01-01.
constexpr sys_days k_1900_early = sys_days{std::chrono::year{1899} / 12 / 31};
constexpr sys_days k_1900_late = sys_days{std::chrono::year{1899} / 12 / 30};
constexpr sys_days k_1904 = sys_days{std::chrono::year{1904} / 1 / 1};
constexpr sys_days k_last_day = sys_days{std::chrono::year{9999} / 12 / 31};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// A sheet name Excel writes without quotes in a reference.
bool plain_sheet_name(std::string_view name) {
  if (name.empty() || is_digit(name.front())) return false;
  for (const char c : name) {
    if (!(is_upper(c) || (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' || c == '.')) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string column_name(std::uint32_t column) {
  std::string name;
  std::uint64_t n = std::uint64_t{column} + 1;
  while (n > 0) {
    name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return name;
}

std::string format_cell_ref(CellRef ref) {
  return column_name(ref.column) + std::to_string(std::uint64_t{ref.row} + 1);
}

std::optional<CellRef> parse_cell_ref(std::string_view text) {
  std::size_t i = 0;
  std::uint32_t column = 0;
  while (i < text.size() && is_upper(text[i]) && i < 3) {
    column = column * 26 + static_cast<std::uint32_t>(text[i] - 'A' + 1);
    ++i;
  }
  if (i == 0 || column > k_max_columns) return std::nullopt;
  const std::size_t digits = text.size() - i;
  if (digits == 0 || digits > 7 || text[i] == '0') return std::nullopt;
  std::uint32_t row = 0;
  for (; i < text.size(); ++i) {
    if (!is_digit(text[i])) return std::nullopt;
    row = row * 10 + static_cast<std::uint32_t>(text[i] - '0');
  }
  if (row > k_max_rows) return std::nullopt;
  return CellRef{column - 1, row - 1};
}

std::string cell_location(std::string_view file_name, std::string_view sheet, CellRef ref) {
  std::string out(file_name);
  out += ':';
  if (plain_sheet_name(sheet)) {
    out += sheet;
  } else {
    out += '\'';
    for (const char c : sheet) {
      out += c;
      if (c == '\'') out += '\'';
    }
    out += '\'';
  }
  return out + '!' + format_cell_ref(ref);
}

std::optional<util::Instant> serial_to_date_time(double serial, DateSystem system) {
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466.0) return std::nullopt;
  const std::int64_t total = std::llround(serial * k_day);
  const std::int64_t day = total / k_day;
  const seconds time{total % k_day};
  sys_days date;
  if (system == DateSystem::from_1904) {
    date = k_1904 + days{day};
  } else if (day < 60) {
    date = k_1900_early + days{day};
  } else if (day == 60) {
    return std::nullopt;  // 1900-02-29, which never was
  } else {
    date = k_1900_late + days{day};
  }
  if (date > k_last_day) return std::nullopt;
  return util::Instant{date} + time;
}

std::optional<util::Date> serial_to_date(double serial, DateSystem system) {
  const auto when = serial_to_date_time(serial, system);
  if (!when) return std::nullopt;
  return std::chrono::floor<days>(*when);
}

std::optional<double> date_time_to_serial(util::Instant when, DateSystem system) {
  const sys_days date = std::chrono::floor<days>(when);
  const double time = static_cast<double>((when - util::Instant{date}).count()) / k_day;
  if (date > k_last_day) return std::nullopt;
  std::int64_t day = 0;
  if (system == DateSystem::from_1904) {
    day = (date - k_1904).count();
  } else {
    day = (date - k_1900_late).count();
    if (day < 61) day = (date - k_1900_early).count();  // before the day that never was
  }
  if (day < 0) return std::nullopt;
  return static_cast<double>(day) + time;
}

bool is_builtin_date_format(std::uint32_t id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

bool is_date_format_code(std::string_view code) {
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == ';') return false;  // only the first section (positive numbers) counts
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) return false;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped character, a space the width of one, a fill character
    } else if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) return false;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      // [h], [mm], [ss]: elapsed time. Anything else is a colour, a condition or a locale.
      if (!inside.empty() && inside.find_first_not_of(inside.front()) == std::string_view::npos &&
          (lower(inside.front()) == 'h' || lower(inside.front()) == 'm' ||
           lower(inside.front()) == 's')) {
        return true;
      }
      i = close;
    } else {
      const char l = lower(c);
      if (l == 'd' || l == 'm' || l == 'y' || l == 'h' || l == 's') return true;
    }
  }
  return false;
}

}  // namespace rplan::parse::xlsx
