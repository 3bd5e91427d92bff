#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rplan::util {

// Returns the byte offset of the first byte that is not part of a well-formed
// UTF-8 sequence (overlong forms, surrogates and code points past U+10FFFF are
// ill-formed), or nullopt when the whole text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Strips ASCII white space (space, tab, CR, LF, FF, VT) from both ends.
std::string_view trim(std::string_view text);

// Trims and replaces every run of ASCII white space inside by one space.
std::string collapse_whitespace(std::string_view text);

std::string to_lower_ascii(std::string_view text);

// Splits on sep; with trim_parts each part is trimmed; empty parts are kept
// unless skip_empty.
enum class EmptyParts { keep, skip };
std::vector<std::string> split(std::string_view text, char sep,
                               EmptyParts empty = EmptyParts::skip);

std::string join(const std::vector<std::string>& parts, std::string_view sep);

// A file-name-safe slug: ASCII letters and digits lower-cased, every other run
// of characters one '-', no leading or trailing '-'. Text without any ASCII
// letter or digit slugs to "".
std::string slug(std::string_view text);

// A short, typeable identifier derived from key: `length` characters of a
// 64-bit FNV-1a hash in Crockford-style base32 (digits and lower-case letters
// without i, l, o, u). The first character is always a letter so ids never
// look like numbers.
std::string short_id(std::string_view key, std::size_t length);

// Formats hours without trailing zeros: 8 -> "8", 6.5 -> "6.5", 1.25 -> "1.25".
std::string format_hours(double hours);

// Counts code points (not bytes) of valid UTF-8 text.
std::size_t utf8_length(std::string_view text);

}  // namespace rplan::util
