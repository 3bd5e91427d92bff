#include "planner/util/text.hpp"

#include <gtest/gtest.h>

#include <set>

namespace rplan::util {
namespace {

TEST(TextTest, FindsTheFirstInvalidUtf8Byte) {
  struct Case {
    std::string text;
    std::optional<std::size_t> bad;
  };
  const Case cases[] = {
      {"plain ascii", std::nullopt},
      {"caf\xc3\xa9 \xe2\x9a\x99\xef\xb8\x8f \xf0\x9f\x9a\x80", std::nullopt},
      {"ab\xff", 2},
      {"\xc3", 0},                // truncated
      {"x\xc0\xaf", 1},           // overlong '/'
      {"\xed\xa0\x80", 0},        // surrogate
      {"ok\xf4\x90\x80\x80", 2},  // past U+10FFFF
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(find_invalid_utf8(c.text), c.bad);
  }
}

TEST(TextTest, DecodesOneUtf8Character) {
  struct Case {
    std::string text;
    std::size_t pos;
    char32_t code_point;
    std::size_t length;  // 0: not well-formed; the code point is then the byte
  };
  const Case cases[] = {
      {"a", 0, U'a', 1},
      {"caf\xc3\xa9", 3, U'\u00e9', 2},
      {"\xe2\x9a\x99", 0, U'\u2699', 3},
      {"\xf0\x9f\x9a\x80", 0, U'\U0001F680', 4},
      {"\xf4\x8f\xbf\xbf", 0, U'\U0010FFFF', 4},
      {"\x80", 0, 0x80, 0},              // stray continuation byte
      {"\xc3", 0, 0xC3, 0},              // truncated
      {"\xc3x", 0, 0xC3, 0},             // continuation missing
      {"\xc0\xaf", 0, 0xC0, 0},          // overlong '/'
      {"\xe0\x80\xaf", 0, 0xE0, 0},      // overlong, three bytes
      {"\xed\xa0\x80", 0, 0xED, 0},      // surrogate
      {"\xf4\x90\x80\x80", 0, 0xF4, 0},  // past U+10FFFF
      {"\xff", 0, 0xFF, 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const Utf8Char got = decode_utf8(c.text, c.pos);
    EXPECT_EQ(got.code_point, c.code_point);
    EXPECT_EQ(got.length, c.length);
  }
}

TEST(TextTest, CollapsesWhitespaceRuns) {
  EXPECT_EQ(collapse_whitespace("  a \t b\r\n c  "), "a b c");
  EXPECT_EQ(collapse_whitespace(""), "");
}

TEST(TextTest, SplitsAndTrims) {
  EXPECT_EQ(split(" mon, tue ,,wed ", ','), (std::vector<std::string>{"mon", "tue", "wed"}));
  EXPECT_EQ(split("a,,b", ',', EmptyParts::keep), (std::vector<std::string>{"a", "", "b"}));
}

TEST(TextTest, SlugKeepsAsciiLettersAndDigits) {
  EXPECT_EQ(slug("Ada Lovelace"), "ada-lovelace");
  EXPECT_EQ(slug("../../etc/passwd"), "etc-passwd");
  EXPECT_EQ(slug("José María"), "jos-mar-a");
  EXPECT_EQ(slug("李雷"), "");
}

TEST(TextTest, ShortIdsAreStableTypeableAndSpread) {
  EXPECT_EQ(short_id("doc\x1ftopic", 6), short_id("doc\x1ftopic", 6));
  const std::string id = short_id("anything", 7);
  EXPECT_EQ(id.size(), 7u);
  EXPECT_TRUE(id[0] >= 'a' && id[0] <= 'z');
  for (char c : id) EXPECT_EQ(std::string("ilou").find(c), std::string::npos) << id;
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(short_id("key" + std::to_string(i), 6));
  EXPECT_GT(seen.size(), 9990u);
}

TEST(TextTest, FormatsHoursWithoutTrailingZeros) {
  EXPECT_EQ(format_hours(8), "8");
  EXPECT_EQ(format_hours(6.5), "6.5");
  EXPECT_EQ(format_hours(1.25), "1.25");
  EXPECT_EQ(format_hours(0), "0");
}

TEST(TextTest, FoldsCaseForTheScriptsOfNames) {
  struct Case {
    std::string text, folded;
  };
  const Case cases[] = {
      {"Priya Raman", "priya raman"},
      {"\xc3\x85sa \xc3\x96"
       "berg",
       "\xc3\xa5sa \xc3\xb6"
       "berg"},                                              // Åsa Öberg
      {"Jo\xc3\x83o", "jo\xc3\xa3o"},                        // João
      {"\xc5\x81ukasz \xc5\xbd", "\xc5\x82ukasz \xc5\xbe"},  // Łukasz Ž
      {"\xc8\x98tefan", "\xc8\x99tefan"},                    // Ștefan
      {"\xce\x9d\xce\x99\xce\x9a\xce\x9f\xce\xa3",
       "\xce\xbd\xce\xb9\xce\xba\xce\xbf\xcf\x83"},                              // ΝΙΚΟΣ
      {"\xd0\x98\xd0\xb2\xd0\xb0\xd0\xbd", "\xd0\xb8\xd0\xb2\xd0\xb0\xd0\xbd"},  // Иван
      {"\xe1\xba\x9e", "\xc3\x9f"},  // capital sharp s folds to ß (simple folding)
      {"Stra\xc3\x9f"
       "e",
       "stra\xc3\x9f"
       "e"},                                                     // ß stays
      {"\xe7\x94\xb0\xe4\xb8\xad", "\xe7\x94\xb0\xe4\xb8\xad"},  // 田中: no case
      {"bad\xff", "bad\xff"},                                    // ill-formed bytes kept
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(fold_case(c.text), c.folded);
  }
  EXPECT_EQ(fold_case(U'\u00d7'), U'\u00d7') << "the multiplication sign has no case";
  EXPECT_EQ(fold_case(U'\u0178'), U'\u00ff');
}

TEST(TextTest, WrapTextReflowsParagraphsAndKeepsListsAndIndents) {
  EXPECT_EQ(wrap_text("one two three\nfour five six seven", 14),
            "one two three\nfour five six\nseven");
  EXPECT_EQ(wrap_text("a b\n\nc d\n", 80), "a b\n\nc d\n");
  EXPECT_EQ(wrap_text("Items:\n- first\n- second\n  indented\n", 80),
            "Items:\n- first\n- second\n  indented\n");
  EXPECT_EQ(wrap_text("averyveryverylongword and more", 10), "averyveryverylongword\nand more");
  EXPECT_EQ(wrap_text("\u00e9t\u00e9 \u00e9t\u00e9", 7), "\u00e9t\u00e9 \u00e9t\u00e9")
      << "code points, not bytes";
}

TEST(TextTest, EditDistanceCountsSwapsAsOneEdit) {
  struct Case {
    std::string a, b;
    std::size_t distance;
  };
  const Case cases[] = {
      {"import", "import", 0}, {"improt", "import", 1}, {"imprt", "import", 1}, {"lst", "list", 1},
      {"", "plan", 4},         {"export", "expert", 1}, {"sync", "show", 3},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.a + " / " + c.b);
    EXPECT_EQ(edit_distance(c.a, c.b), c.distance);
    EXPECT_EQ(edit_distance(c.b, c.a), c.distance);
  }
}

TEST(TextTest, AppendUtf8EncodesEveryLengthAndReplacesWhatIsNotAScalarValue) {
  std::string out;
  for (const char32_t cp : {U'A', U'é', U'€', U'😀'}) append_utf8(out, cp);
  EXPECT_EQ(out, "Aé€😀");
  for (const char32_t cp : {char32_t{0xD800}, char32_t{0xDFFF}, char32_t{0x110000}}) {
    std::string replaced;
    append_utf8(replaced, cp);
    EXPECT_EQ(replaced, "\xEF\xBF\xBD") << static_cast<std::uint32_t>(cp);
  }
}

}  // namespace
}  // namespace rplan::util
