#pragma once

#include <md4c.h>

#include <string>
#include <string_view>

// Internal to parse/: turning md4c's inline text callbacks into plain text.
namespace rplan::parse {

// Builds one line of plain text from pieces: every run of ASCII white space
// becomes one space, and there is never white space at either end. Appending
// costs time proportional to the piece, never to the text built so far.
class TextBuilder {
 public:
  void append(std::string_view piece);
  // A word break: a space before the next non-blank piece (none at the start).
  void space() { m_pending_space = !m_out.empty(); }
  // Appends punctuation followed by a word break, dropping any pending space
  // before it: "Research caching" + ":" -> "Research caching: ". Does nothing
  // while the text is empty, so no text starts with punctuation.
  void separator(std::string_view punctuation);
  // Whether the text ends with an ASCII or full-width (U+FF1A) colon.
  bool ends_with_colon() const;
  bool empty() const { return m_out.empty(); }
  const std::string& text() const { return m_out; }
  // Returns the text and leaves the builder empty (its buffer is reused).
  std::string take();
  void clear();

 private:
  std::string m_out;
  bool m_pending_space = false;
};

// Appends what one md4c text callback contributes to plain text: normal text
// and code spans as written, entities decoded (unknown names kept verbatim),
// line breaks as a space, a NUL as U+FFFD. Raw inline HTML is dropped (a
// <br> tag counts as a space).
void append_inline(TextBuilder& out, MD_TEXTTYPE type, std::string_view text);

// Decodes one entity as md4c reports it ("&amp;", "&#233;", "&#x1F600;") to
// UTF-8. Numeric references to NUL, surrogates or past U+10FFFF give U+FFFD;
// named entities outside a small common set are returned unchanged.
std::string decode_entity(std::string_view entity);

}  // namespace rplan::parse
