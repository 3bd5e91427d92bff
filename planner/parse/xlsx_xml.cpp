// The workbook reader's problems and its XML driver (expat).

#include <expat.h>

#include <algorithm>
#include <climits>
#include <exception>
#include <new>

#include "planner/parse/xlsx_internal.hpp"
#include "planner/util/text.hpp"

namespace rplan::parse::xlsx::detail {

namespace {

std::string escape_byte(unsigned char byte) {
  constexpr char k_hex[] = "0123456789ABCDEF";
  return std::string("\\x") + k_hex[byte >> 4] + k_hex[byte & 0xF];
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
  if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0) {
    return format_count(bytes >> 20) + " MiB";
  }
  if (bytes >= (1ull << 10) && bytes % (1ull << 10) == 0) {
    return format_count(bytes >> 10) + " KiB";
  }
  return format_count(bytes) + (bytes == 1 ? " byte" : " bytes");
}

std::string format_count(std::uint64_t count) {
  std::string digits = std::to_string(count);
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, ",");
  return digits;
}

std::string clip(std::string_view text) {
  constexpr std::size_t k_max = 60;
  if (text.size() <= k_max) return std::string(text);
  std::size_t cut = k_max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

namespace {

// `text` on one line, in valid UTF-8: control characters and stray bytes escaped.
std::string printable(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    const auto bad = util::find_invalid_utf8(text);
    for (const char c : text.substr(0, bad.value_or(text.size()))) {
      const auto byte = static_cast<unsigned char>(c);
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (c == '\t') {
        out += "\\t";
      } else if (byte < 0x20 || byte == 0x7F) {
        out += escape_byte(byte);
      } else {
        out += c;
      }
    }
    if (!bad) break;
    out += escape_byte(static_cast<unsigned char>(text[*bad]));
    text.remove_prefix(*bad + 1);
  }
  return out;
}

}  // namespace

void Problems::add(std::string location, std::string message) {
  m_found.push_back({printable(location), 0, printable(message)});
  if (m_found.size() >= k_max_problems) {
    m_found.push_back({printable(m_file), 0,
                       "reading stopped after " + std::to_string(k_max_problems) + " problems"});
    throw DiagnosticsError(std::move(m_found));
  }
}

void Problems::cell(std::string_view sheet, CellRef ref, std::string message) {
  add(cell_location(m_file, sheet, ref), std::move(message));
}

void Problems::sheet(std::string_view sheet, std::string message) {
  // The same quoting as a cell's location, without the cell.
  std::string location = cell_location(m_file, sheet, {});
  location.erase(location.rfind('!'));
  add(std::move(location), std::move(message));
}

void Problems::fatal(std::string message) {
  m_found.push_back({printable(m_file), 0, printable(message)});
  throw DiagnosticsError(std::move(m_found));
}

void Problems::throw_if_any() {
  if (!m_found.empty()) throw DiagnosticsError(std::move(m_found));
}

bool is_main_ns(std::string_view ns) {
  return ns == "http://schemas.openxmlformats.org/spreadsheetml/2006/main" ||
         ns == "http://purl.oclc.org/ooxml/spreadsheetml/main";
}

namespace {

// Expat reports a namespaced name as "URI" k_separator "local".
constexpr char k_separator = '\x01';
// Bytes handed to expat at a time, unless a token is pending (see parse_part).
constexpr std::size_t k_chunk = 64 * 1024;

std::pair<std::string_view, std::string_view> split_name(const char* name) {
  const std::string_view whole(name);
  const auto cut = whole.rfind(k_separator);
  if (cut == std::string_view::npos) return {{}, whole};
  return {whole.substr(0, cut), whole.substr(cut + 1)};
}

// Calls the handler from expat's callbacks. Nothing may unwind through
// expat's C frames: an exception is kept, the parser stopped, and the
// exception rethrown once XML_ParseBuffer has returned.
struct Driver {
  XML_Parser parser = nullptr;
  XmlHandler& handler;
  const ReadLimits& limits;
  Problems& problems;
  const std::string& part;
  std::uint32_t depth = 0;
  std::exception_ptr failure;

  // A fatal problem at the parser's current place.
  [[noreturn]] void refuse(const std::string& message) const {
    problems.fatal(clip(part) + ": line " + std::to_string(XML_GetCurrentLineNumber(parser)) +
                   ", column " + std::to_string(XML_GetCurrentColumnNumber(parser) + 1) + ": " +
                   message);
  }

  template <typename F>
  static void guard(void* data, F&& body) {
    auto* d = static_cast<Driver*>(data);
    if (d->failure) return;  // expat may call once more after a stop
    try {
      body(*d);
    } catch (...) {
      d->failure = std::current_exception();
      XML_StopParser(d->parser, XML_FALSE);
    }
  }

  static void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
    guard(data, [&](Driver& d) {
      if (++d.depth > d.limits.max_xml_depth) {
        d.refuse("elements are nested deeper than the limit of " +
                 std::to_string(d.limits.max_xml_depth));
      }
      const auto [ns, local] = split_name(name);
      d.handler.start(ns, local, XmlAttributes(attributes));
    });
  }
  static void on_end(void* data, const XML_Char* name) {
    guard(data, [&](Driver& d) {
      --d.depth;
      const auto [ns, local] = split_name(name);
      d.handler.end(ns, local);
    });
  }
  static void on_text(void* data, const XML_Char* chars, int length) {
    guard(data, [&](Driver& d) {
      d.handler.text(std::string_view(chars, static_cast<std::size_t>(length)));
    });
  }
  static void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    guard(data, [](Driver& d) {
      d.refuse("a document type declaration (<!DOCTYPE>) is not allowed in a workbook part");
    });
  }
};

}  // namespace

std::optional<std::string_view> XmlAttributes::get(std::string_view local) const {
  for (const char** p = m_pairs; *p != nullptr; p += 2) {
    if (local == *p) return std::string_view(p[1]);
  }
  return std::nullopt;
}

std::optional<std::string_view> XmlAttributes::get(std::string_view ns,
                                                   std::string_view local) const {
  for (const char** p = m_pairs; *p != nullptr; p += 2) {
    const auto [name_ns, name_local] = split_name(*p);
    if (name_ns == ns && name_local == local) return std::string_view(p[1]);
  }
  return std::nullopt;
}

void parse_part(ZipArchive& zip, const std::string& entry, XmlHandler& handler,
                const ReadLimits& limits, Problems& problems) {
  zip.open(entry);
  const std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(
      XML_ParserCreateNS(nullptr, k_separator), &XML_ParserFree);
  if (!parser) throw std::bad_alloc();
  Driver driver{parser.get(), handler, limits, problems, entry, 0, nullptr};
  XML_SetUserData(parser.get(), &driver);
  XML_SetElementHandler(parser.get(), &Driver::on_start, &Driver::on_end);
  XML_SetCharacterDataHandler(parser.get(), &Driver::on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), &Driver::on_doctype);
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);

  // Expat 2.5 scans a token that spans chunks again from its start with
  // every chunk, so a huge tag or comment fed in fixed chunks would cost time
  // quadratic in its length. Handing over at least as many new bytes as are
  // still pending keeps the total work linear; the pending bytes (a token
  // not yet complete: text never waits) are bounded by max_xml_token_bytes.
  std::uint64_t fed = 0;
  for (bool last = false; !last;) {
    const XML_Index parsed = XML_GetCurrentByteIndex(parser.get());
    const std::uint64_t pending =
        fed == 0 || parsed < 0 ? 0 : fed - static_cast<std::uint64_t>(parsed);
    if (pending > limits.max_xml_token_bytes) {
      problems.fatal(clip(entry) +
                     ": an XML tag, comment or declaration is longer than the limit of " +
                     format_bytes(limits.max_xml_token_bytes));
    }
    const auto want = static_cast<std::size_t>(
        std::min<std::uint64_t>(std::max<std::uint64_t>(k_chunk, pending), INT_MAX / 2));
    auto* buffer = static_cast<char*>(XML_GetBuffer(parser.get(), static_cast<int>(want)));
    if (buffer == nullptr) throw std::bad_alloc();
    std::size_t got = 0;
    while (got < want) {
      const std::size_t n = zip.read(buffer + got, want - got);
      if (n == 0) {
        last = true;
        break;
      }
      got += n;
    }
    const auto status = XML_ParseBuffer(parser.get(), static_cast<int>(got), last);
    if (driver.failure) std::rethrow_exception(driver.failure);
    if (status != XML_STATUS_OK) {
      problems.fatal(
          clip(entry) + ": line " + std::to_string(XML_GetErrorLineNumber(parser.get())) +
          ", column " + std::to_string(XML_GetErrorColumnNumber(parser.get()) + 1) +
          ": not well-formed XML (" + XML_ErrorString(XML_GetErrorCode(parser.get())) + ")");
    }
    fed += got;
  }
}

namespace {

// The code unit of an escape "_xHHHH_" at `at`, or nullopt.
std::optional<char16_t> escape_at(std::string_view text, std::size_t at) {
  if (text.size() - at < 7 || text[at] != '_' || text[at + 1] != 'x' || text[at + 6] != '_') {
    return std::nullopt;
  }
  unsigned value = 0;
  for (std::size_t i = at + 2; i < at + 6; ++i) {
    const char c = text[i];
    unsigned digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else {
      return std::nullopt;
    }
    value = value * 16 + digit;
  }
  return static_cast<char16_t>(value);
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

std::string decode_escapes(std::string_view raw) {
  if (raw.find("_x") == std::string_view::npos) return std::string(raw);
  std::string out;
  out.reserve(raw.size());
  std::size_t i = 0;
  while (i < raw.size()) {
    const auto unit = escape_at(raw, i);
    if (!unit) {
      out += raw[i++];
      continue;
    }
    i += 7;
    if (*unit >= 0xD800 && *unit <= 0xDBFF) {
      const auto low = escape_at(raw, i);
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        i += 7;
        util::append_utf8(out,
                          0x10000 + ((char32_t(*unit) - 0xD800) << 10) + (char32_t(*low) - 0xDC00));
        continue;
      }
      util::append_utf8(out, 0xFFFD);
    } else if (*unit >= 0xDC00 && *unit <= 0xDFFF) {
      util::append_utf8(out, 0xFFFD);
    } else {
      util::append_utf8(out, *unit);
    }
  }
  return out;
}

std::string element_text(std::string_view raw, bool preserve_space) {
  if (!preserve_space) {
    while (!raw.empty() && is_xml_space(raw.front())) raw.remove_prefix(1);
    while (!raw.empty() && is_xml_space(raw.back())) raw.remove_suffix(1);
  }
  return decode_escapes(raw);
}

}  // namespace rplan::parse::xlsx::detail
