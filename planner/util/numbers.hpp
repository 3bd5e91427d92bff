#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rplan::util {

// Reads a decimal number that is all of `text` ("8", "0.5", "+2", "-1", "1e3"),
// whatever the locale; nullopt for anything else: empty text, spaces or other
// characters around it, NaN, infinity, hexadecimal, or a value beyond the
// range of double. Every number a user writes is read here.
std::optional<double> parse_number(std::string_view text);

// The values a setting accepts: from `low` (excluded when `low_end` says so)
// up to `high` included; whole numbers only when `kind` says so. NaN and the
// infinities are in no range.
struct NumberRange {
  enum class LowEnd { included, excluded };
  enum class Kind { any, whole };

  double low = 0;
  double high = 0;
  LowEnd low_end = LowEnd::included;
  Kind kind = Kind::any;

  bool contains(double value) const;
  // What the range accepts, to follow "must be" or "is not":
  // "a number more than 0 and at most 24", "a whole number from 0 to 1000".
  std::string describe() const;
};

}  // namespace rplan::util
