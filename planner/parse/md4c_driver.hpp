#pragma once

// The one place that drives md4c for the readers of parse/ (topic documents,
// checklists). Internal to parse/.

#include <md4c.h>

#include <exception>
#include <string>
#include <string_view>

#include "planner/util/error.hpp"
#include "planner/util/text.hpp"

namespace rplan::parse::detail {

// `text` with every byte that is not part of well-formed UTF-8 replaced by
// '?', or "" when the text is valid. md4c (Debian's 0.4.8) decodes a malformed
// sequence by reading past it, off the end of the input, so md4c only ever
// sees valid UTF-8; the callers report the bytes themselves. Offsets, and so
// line numbers, stay the same.
inline std::string valid_utf8_copy(std::string_view text) {
  auto bad = util::find_invalid_utf8(text);
  if (!bad) return {};
  std::string copy(text);
  while (bad) {
    copy[*bad] = '?';
    const std::size_t next = *bad + 1;
    bad = util::find_invalid_utf8(std::string_view(copy).substr(next));
    if (bad) *bad += next;
  }
  return copy;
}

// Runs md4c (GitHub dialect) over `markdown`, calling the collector's
//   enter_block(MD_BLOCKTYPE, void* detail), leave_block(MD_BLOCKTYPE),
//   enter_span(MD_SPANTYPE), leave_span(), text(MD_TEXTTYPE, const MD_CHAR*, MD_SIZE).
// No exception crosses md4c's C code: the first one a callback throws is kept,
// parsing stops (a non-zero return), and it is rethrown here. A failure of
// md4c itself (out of memory) is an InputError naming `path`.
template <class Collector>
void run_md4c(std::string_view markdown, Collector& collector, const std::string& path) {
  struct Call {
    Collector* collector;
    std::exception_ptr failure;
    const char* begin;  // the input md4c reads
    const char* end;
  };
  // Calls f on the collector; turns an exception into md4c's "stop".
  static constexpr auto guarded = [](void* userdata, auto&& f) noexcept {
    auto* call = static_cast<Call*>(userdata);
    try {
      f(*call->collector);
      return 0;
    } catch (...) {
      call->failure = std::current_exception();
      return 1;
    }
  };
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_DIALECT_GITHUB;
  parser.enter_block = [](MD_BLOCKTYPE type, void* detail, void* userdata) {
    return guarded(userdata, [&](Collector& c) { c.enter_block(type, detail); });
  };
  parser.leave_block = [](MD_BLOCKTYPE type, void*, void* userdata) {
    return guarded(userdata, [&](Collector& c) { c.leave_block(type); });
  };
  parser.enter_span = [](MD_SPANTYPE type, void*, void* userdata) {
    return guarded(userdata, [&](Collector& c) { c.enter_span(type); });
  };
  parser.leave_span = [](MD_SPANTYPE, void*, void* userdata) {
    return guarded(userdata, [&](Collector& c) { c.leave_span(); });
  };
  parser.text = [](MD_TEXTTYPE type, const MD_CHAR* data, MD_SIZE size, void* userdata) {
    // A text range inside the input never reaches past its end. (Debian's
    // md4c 0.4.8 was once seen by the fuzzer to report one that did; ranges
    // md4c keeps itself, such as a replacement character, are left alone.)
    const auto* call = static_cast<const Call*>(userdata);
    if (data >= call->begin && data <= call->end && size > static_cast<MD_SIZE>(call->end - data)) {
      size = static_cast<MD_SIZE>(call->end - data);
    }
    return guarded(userdata, [&](Collector& c) { c.text(type, data, size); });
  };
  Call call{&collector, nullptr, markdown.data(), markdown.data() + markdown.size()};
  const int result =
      md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &call);
  if (call.failure) std::rethrow_exception(call.failure);
  if (result != 0) throw InputError(path + ": the Markdown parser failed (out of memory)");
}

}  // namespace rplan::parse::detail
