#include "planner/parse/inline_text.hpp"

#include <cstdint>

#include "planner/util/text.hpp"

namespace rplan::parse {
namespace {

// ASCII white space: ' ' and '\t' '\n' '\v' '\f' '\r' (9-13). One compare for
// the common case: most bytes are above ' '.
bool is_space(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u <= ' ' && (u == ' ' || (u >= '\t' && u <= '\r'));
}

constexpr std::string_view k_replacement = "\xEF\xBF\xBD";  // U+FFFD

// An entity's code point as UTF-8: U+0000 becomes U+FFFD, as in HTML.
void append_entity(std::string& out, std::uint32_t cp) {
  util::append_utf8(out, cp == 0 ? char32_t{0xFFFD} : static_cast<char32_t>(cp));
}

struct NamedEntity {
  std::string_view name;
  std::uint32_t code_point;
};

// The entities people actually type in prose; md4c reports any well-formed
// name, so the rest stay as written.
constexpr NamedEntity k_named[] = {
    {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},      {"apos", '\''},
    {"nbsp", ' '},      {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026}, {"lsquo", 0x2018},
    {"rsquo", 0x2019},  {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"laquo", 0x00AB},  {"raquo", 0x00BB},
    {"middot", 0x00B7}, {"bull", 0x2022},  {"times", 0x00D7}, {"rarr", 0x2192},   {"larr", 0x2190},
    {"copy", 0x00A9},   {"reg", 0x00AE},   {"trade", 0x2122}, {"euro", 0x20AC},   {"deg", 0x00B0},
    {"plusmn", 0x00B1}, {"shy", 0x00AD},   {"sect", 0x00A7},
};

bool starts_with_br_tag(std::string_view html) {
  if (html.size() < 3 || html[0] != '<') return false;
  const char b = html[1], r = html[2];
  if ((b != 'b' && b != 'B') || (r != 'r' && r != 'R')) return false;
  return html.size() == 3 || html[3] == '>' || html[3] == '/' || is_space(html[3]);
}

}  // namespace

void TextBuilder::append(std::string_view piece) {
  const std::size_t n = piece.size();
  std::size_t i = 0;
  while (i < n && is_space(piece[i])) ++i;
  if (i == n) {
    if (n > 0) space();
    return;
  }
  if ((m_pending_space || i > 0) && !m_out.empty()) m_out += ' ';
  // One pass, one resize: collapsing only ever shortens the piece.
  const std::size_t old_size = m_out.size();
  m_out.resize(old_size + (n - i));
  char* const begin = m_out.data();
  char* out = begin + old_size;
  bool in_space = false;
  for (; i < n; ++i) {
    const char c = piece[i];
    if (is_space(c)) {
      in_space = true;
      continue;
    }
    if (in_space) *out++ = ' ';
    in_space = false;
    *out++ = c;
  }
  m_out.resize(static_cast<std::size_t>(out - begin));
  m_pending_space = in_space;
}

void TextBuilder::separator(std::string_view punctuation) {
  if (m_out.empty()) return;
  m_out += punctuation;
  m_pending_space = true;
}

bool TextBuilder::ends_with_colon() const {
  return m_out.ends_with(':') || m_out.ends_with("\xEF\xBC\x9A");
}

std::string TextBuilder::take() {
  // A copy of exactly the right size; the buffer stays for the next text, so
  // building many texts in a row does not grow a fresh buffer each time.
  std::string out(m_out);
  clear();
  return out;
}

void TextBuilder::clear() {
  m_out.clear();
  m_pending_space = false;
}

std::string decode_entity(std::string_view entity) {
  if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') {
    return std::string(entity);
  }
  const std::string_view body = entity.substr(1, entity.size() - 2);
  std::string out;
  if (body.front() == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return std::string(entity);
    std::uint32_t cp = 0;
    for (char c : digits) {
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = static_cast<std::uint32_t>(c - '0');
      } else if (hex && c >= 'a' && c <= 'f') {
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      } else if (hex && c >= 'A' && c <= 'F') {
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      } else {
        return std::string(entity);
      }
      cp = cp * (hex ? 16 : 10) + digit;
      if (cp > 0x10FFFF) cp = 0x110000;  // saturate: out of range either way
    }
    append_entity(out, cp);
    return out;
  }
  for (const auto& named : k_named) {
    if (named.name == body) {
      append_entity(out, named.code_point);
      return out;
    }
  }
  return std::string(entity);
}

void append_inline(TextBuilder& out, MD_TEXTTYPE type, std::string_view text) {
  switch (type) {
    case MD_TEXT_NORMAL:
    case MD_TEXT_CODE:
    case MD_TEXT_LATEXMATH:
      out.append(text);
      break;
    case MD_TEXT_ENTITY:
      out.append(decode_entity(text));
      break;
    case MD_TEXT_NULLCHAR:
      out.append(k_replacement);
      break;
    case MD_TEXT_BR:
    case MD_TEXT_SOFTBR:
      out.space();
      break;
    case MD_TEXT_HTML:
      if (starts_with_br_tag(text)) out.space();
      break;
  }
}

}  // namespace rplan::parse
