#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rplan::util {

// One character of UTF-8 text: its code point and its length in bytes.
struct Utf8Char {
  char32_t code_point = 0;
  std::size_t length = 0;  // 0 when the bytes are not a well-formed sequence
};

// Decodes the character that starts at text[pos] (pos < text.size()). Bytes
// that are not a well-formed sequence (a stray continuation byte, a truncated
// sequence, an overlong form, a surrogate, a code point past U+10FFFF) give
// length 0, and the code point is then the byte at pos. The one UTF-8 decoder:
// every reader of code points calls it.
inline Utf8Char decode_utf8(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[pos + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t cp = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    cp = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    cp = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    cp = lead & 0x07u;
  } else {
    return {lead, 0};
  }
  if (pos + length > text.size()) return {lead, 0};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return {lead, 0};
    cp = (cp << 6) | (byte(k) & 0x3Fu);
  }
  if ((length == 3 && cp < 0x800) || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return {lead, 0};
  }
  return {cp, length};
}

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

// `text` re-flowed to lines of at most `width` code points (a word longer
// than that gets a line of its own): lines of a paragraph are joined and
// broken again at spaces; an empty line ends a paragraph, and a line that
// starts with a space or "- " starts a new one (lists and indented examples
// keep their lines). Ends without a newline when `text` does.
std::string wrap_text(std::string_view text, std::size_t width);

// Appends code point `cp` as UTF-8; U+FFFD (the replacement character) when
// `cp` is not a Unicode scalar value (a surrogate, or above U+10FFFF).
void append_utf8(std::string& out, char32_t cp);

// One code point's simple case folding (Unicode CaseFolding.txt, statuses C
// and S) for the scripts people's names are mostly written in: Latin (Basic,
// Latin-1, Extended-A, the letters of Extended-B and Extended Additional that
// come in case pairs), Greek, Cyrillic, Armenian and the fullwidth Latin
// letters. Other code points fold to themselves. Simple folding maps one code
// point to one: "ß" stays "ß" (full folding would give "ss"), and the Turkish
// dotted capital I (U+0130) has no simple folding.
char32_t fold_case(char32_t cp);

// `text` with every code point case-folded (fold_case); bytes that are not
// well-formed UTF-8 are kept as they are. Two texts that fold to the same
// string are the same but for case: "Åsa Öberg" and "åsa öberg".
std::string fold_case(std::string_view text);

// The number of single-character edits (insert, delete, substitute, or swap
// two neighbours: the optimal string alignment distance) that turn `a` into
// `b`, counted in bytes; for suggesting the nearest of a few known words
// ("improt" -> "import" is 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace rplan::util
