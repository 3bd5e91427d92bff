#include "planner/parse/topic_parser.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "planner/util/error.hpp"
#include "tests/support/files.hpp"

namespace rplan::parse {
namespace {

using model::ParsedDocument;
using model::ParsedTopic;
using rplan::testing::slurp;
using Strings = std::vector<std::string>;

// A topic section as the seed writes it: heading, focus, label, items.
std::string topic(const std::string& heading, const std::string& items) {
  return heading + "\n**Research Focus**: Focus\n**Research Prompts**:\n" + items + "\n";
}

Strings prompt_texts(const ParsedTopic& t) {
  Strings texts;
  for (const auto& p : t.prompts) texts.push_back(p.text);
  return texts;
}

std::vector<int> prompt_lines(const ParsedTopic& t) {
  std::vector<int> lines;
  for (const auto& p : t.prompts) lines.push_back(p.line);
  return lines;
}

Strings titles(const ParsedDocument& d) {
  Strings out;
  for (const auto& t : d.topics) out.push_back(t.title);
  return out;
}

// The diagnostics parse_topics throws, as the CLI prints them; fails the test
// when it does not throw.
Strings errors_of(std::string_view text, const std::string& path = "t.md") {
  try {
    parse_topics(text, path);
  } catch (const DiagnosticsError& e) {
    EXPECT_EQ(e.code(), ExitCode::data);
    Strings out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  ADD_FAILURE() << "no error for:\n" << text;
  return {};
}

std::string fixture(const std::string& name) {
  return slurp(std::filesystem::path(RPLAN_TEST_DATA) / "topics" / name);
}

// ---- Topics and titles ----

TEST(TopicParserTest, HeadingsOfLevelTwoToFourAreTopicsNumberedOrNot) {
  struct Case {
    std::string heading;
    std::string title;
    std::optional<int> number;
  };
  const Case cases[] = {
      {"## 1. Caching", "Caching", 1},
      {"### 12. Caching", "Caching", 12},
      {"#### 3) Caching", "Caching", 3},
      {"### Caching", "Caching", std::nullopt},
      {"###   7.   Caching   layers  ###", "Caching layers", 7},
      {"### 2024 Roadmap", "2024 Roadmap", std::nullopt},
      {"### 3.5 Things", "3.5 Things", std::nullopt},
      {"### 1.", "1.", std::nullopt},
      {"### **1. Caching**", "Caching", 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.heading);
    const auto doc = parse_topics(topic(c.heading, "- Research it"), "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(doc.topics[0].title, c.title);
    EXPECT_EQ(doc.topics[0].number, c.number);
    EXPECT_EQ(doc.topics[0].line, 1);
  }
}

TEST(TopicParserTest, TitleIsTheHeadingTextWithoutMarkup) {
  struct Case {
    std::string heading;
    std::string title;
  };
  const Case cases[] = {
      {"### 1. **Bold** and *emphasis*", "Bold and emphasis"},
      {"### The `std::map` API", "The std::map API"},
      {"### [Linked](https://example.com) title", "Linked title"},
      {"### Fish &amp; Chips &#8212; &#x1F41F;", "Fish & Chips \xE2\x80\x94 \xF0\x9F\x90\x9F"},
      {"### <a id=\"x\"></a>Anchored", "Anchored"},
      {"### Escaped \\*stars\\*", "Escaped *stars*"},
      {"### ~~Old~~ New", "Old New"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.heading);
    const auto doc = parse_topics(topic(c.heading, "- Research it"), "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(doc.topics[0].title, c.title);
  }
}

TEST(TopicParserTest, FirstLevelOneHeadingIsTheDocumentTitle) {
  const auto doc = parse_topics(
      "# \xE2\x9A\x99\xEF\xB8\x8F Backend **Topics**\n\n# Second\n\n" + topic("### A", "- x"),
      "some/folder/backend.md");
  EXPECT_EQ(doc.title, "\xE2\x9A\x99\xEF\xB8\x8F Backend Topics");
  EXPECT_EQ(doc.name, "backend.md");
}

TEST(TopicParserTest, DocumentWithoutLevelOneHeadingHasAnEmptyTitle) {
  const auto doc = parse_topics(topic("## A", "- x"), "a.md");
  EXPECT_EQ(doc.title, "");
  EXPECT_EQ(doc.name, "a.md");
}

// ---- Labels ----

TEST(TopicParserTest, FocusLabelTakesTheColonInsideOrOutsideTheBold) {
  const std::string cases[] = {
      "**Research Focus**: Fast caches",   "**Research Focus:** Fast caches",
      "**Research Focus** : Fast caches",  "**research focus**: Fast caches",
      "__RESEARCH FOCUS__: Fast caches",   "**Research Focus**:   Fast   caches  ",
      "**Research Focus**: Fast\ncaches",  "**Research Focus**:\tFast\tcaches",
      "**Research Focus**: *Fast* caches", "**Research Focus**: Fast `caches`",
      "**Research Focus** Fast caches",
  };
  for (const auto& line : cases) {
    SCOPED_TRACE(line);
    const auto doc =
        parse_topics("### A\n" + line + "\n**Research Prompts**:\n- Research it\n", "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(doc.topics[0].focus, "Fast caches");
  }
}

TEST(TopicParserTest, LabelsWorkInOneParagraphOrInSeparateParagraphs) {
  const std::string cases[] = {
      "**Research Focus**: F\n**Skills**: db\n**Research Prompts**:\n- p",
      "**Research Focus**: F\n\n**Skills**: db\n\n**Research Prompts**:\n\n- p",
      "**Skills**: db\n**Research Focus**: F\n\n**Research Prompts:**\n- p",
      "Some intro prose.\n**Research Focus:** F\n**Skills:** db\n**Research Prompts:**\n- p",
  };
  for (const auto& body : cases) {
    SCOPED_TRACE(body);
    const auto doc = parse_topics("## A\n" + body + "\n", "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(doc.topics[0].focus, "F");
    EXPECT_EQ(doc.topics[0].skills, Strings{"db"});
    EXPECT_EQ(prompt_texts(doc.topics[0]), Strings{"p"});
  }
}

TEST(TopicParserTest, FocusIsEmptyWithoutAFocusLine) {
  const auto doc = parse_topics("### A\n**Research Prompts**:\n- p\n", "t.md");
  ASSERT_EQ(doc.topics.size(), 1u);
  EXPECT_EQ(doc.topics[0].focus, "");
  EXPECT_TRUE(doc.topics[0].skills.empty());
}

TEST(TopicParserTest, SkillsAreCommaSeparatedLowerCasedAndTrimmed) {
  struct Case {
    std::string line;
    Strings skills;
  };
  const Case cases[] = {
      {"**Skills**: database, security", {"database", "security"}},
      {"**Skills:** Database ,SECURITY,, Api ", {"database", "security", "api"}},
      {"**skills**: db, DB, db", {"db"}},
      {"**Skills**: `kubernetes`, **GPU**", {"kubernetes", "gpu"}},
      {"**Skills**: db,\nsecurity", {"db", "security"}},
      {"**Skills**:", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    const auto doc = parse_topics("### A\n" + c.line + "\n**Research Prompts**:\n- p\n", "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(doc.topics[0].skills, c.skills);
  }
}

TEST(TopicParserTest, FocusContinuesOverFollowingLinesUntilTheNextLabel) {
  const auto doc = parse_topics(
      "### A\n**Research Focus**: Building fast\nand **reliable** caches\n"
      "**Research Prompts**: (three of them)\nAnswer each one.\n- p\n",
      "t.md");
  ASSERT_EQ(doc.topics.size(), 1u);
  EXPECT_EQ(doc.topics[0].focus, "Building fast and reliable caches");
  EXPECT_EQ(prompt_texts(doc.topics[0]), Strings{"p"});
}

TEST(TopicParserTest, BoldTextThatIsNotALabelIsIgnored) {
  const std::string cases[] = {
      "**Research Topic**: x\n- p",         // not a label name
      "Note **Research Prompts**: x\n- p",  // a label only opens a line
      "*Research Prompts*:\n- p",           // emphasis, not bold
      "Research Prompts:\n- p",             // plain text
  };
  for (const auto& body : cases) {
    SCOPED_TRACE(body);
    EXPECT_EQ(errors_of("### A\n" + body + "\n"),
              Strings{"t.md: error: no topics found: a topic is a heading (## to ####) followed "
                      "by a **Research Prompts**: list"});
  }
}

// ---- Prompts ----

TEST(TopicParserTest, PromptsTakeEveryListMarker) {
  const std::string cases[] = {
      "- first\n- second",   "* first\n* second",   "+ first\n+ second",
      "1. first\n2. second", "1) first\n2) second", "- first\n\n- second",
  };
  for (const auto& items : cases) {
    SCOPED_TRACE(items);
    const auto doc = parse_topics(topic("### A", items), "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(prompt_texts(doc.topics[0]), (Strings{"first", "second"}));
    EXPECT_EQ(prompt_lines(doc.topics[0]),
              (std::vector<int>{4, items.find("\n\n") != std::string::npos ? 6 : 5}));
  }
}

TEST(TopicParserTest, ListsRightAfterThePromptsListContinueIt) {
  // Markdown starts a new list when the marker changes.
  const auto doc = parse_topics(topic("### A", "- one\n* two\n1. three\n+ four"), "t.md");
  ASSERT_EQ(doc.topics.size(), 1u);
  EXPECT_EQ(prompt_texts(doc.topics[0]), (Strings{"one", "two", "three", "four"}));
  EXPECT_EQ(prompt_lines(doc.topics[0]), (std::vector<int>{4, 5, 6, 7}));
}

TEST(TopicParserTest, WrappedItemIsJoinedWithSingleSpaces) {
  const std::string cases[] = {
      "- Research caching\n  strategies for\n  APIs",
      "- Research caching\nstrategies for\nAPIs",  // lazy continuation lines
      "-   Research   caching\t\n\tstrategies  for APIs  ",
      "- Research caching\r\n  strategies for\r\n  APIs",
      "- Research caching  \n  strategies for\\\n  APIs",  // hard line breaks
      "1. Research caching\n   strategies for\n   APIs",
  };
  for (const auto& items : cases) {
    SCOPED_TRACE(items);
    const auto doc = parse_topics(topic("### A", items), "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(prompt_texts(doc.topics[0]), Strings{"Research caching strategies for APIs"});
    EXPECT_EQ(prompt_lines(doc.topics[0]), std::vector<int>{4});
  }
}

TEST(TopicParserTest, NestedItemsAreAppendedToTheirPrompt) {
  struct Case {
    std::string items;
    Strings prompts;
  };
  const Case cases[] = {
      {"- Research caching\n  - Redis\n  - Memcached\n- Next",
       {"Research caching: Redis; Memcached", "Next"}},
      {"- Research caching including:\n  - Redis\n  - Memcached",
       {"Research caching including: Redis; Memcached"}},
      {"1. Compare stores\n   1. Redis\n   2. Memcached", {"Compare stores: Redis; Memcached"}},
      {"- Research caching\n  - Redis\n    - Cluster\n    - Sentinel\n  - Memcached",
       {"Research caching: Redis: Cluster; Sentinel; Memcached"}},
      {"- Research caching\n\n  - Redis\n\n  - Memcached\n\n- Next",
       {"Research caching: Redis; Memcached", "Next"}},
      {"- Research caching\n  * Redis\n  + Memcached", {"Research caching: Redis; Memcached"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.items);
    const auto doc = parse_topics(topic("### A", c.items), "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(prompt_texts(doc.topics[0]), c.prompts);
  }
}

TEST(TopicParserTest, PromptTextIsReducedToPlainText) {
  struct Case {
    std::string item;
    std::string text;
  };
  const Case cases[] = {
      {"- Research **bold** and _emphasis_", "Research bold and emphasis"},
      {"- Compare `std::map<K, V>` and `absl::flat_hash_map`",
       "Compare std::map<K, V> and absl::flat_hash_map"},
      {"- Read [the guide](https://example.com/guide) first", "Read the guide first"},
      {"- Visit <https://example.com>", "Visit https://example.com"},
      {"- See ![a diagram](d.png) here", "See a diagram here"},
      {"- Costs &lt;&nbsp;5 &euro; &amp; more", "Costs < 5 \xE2\x82\xAC & more"},
      {"- Keep &unknown; entities", "Keep &unknown; entities"},
      {"- Write \\<T> templates", "Write <T> templates"},
      {"- Drop <b>tags</b> and <!-- comments -->", "Drop tags and"},
      {"- Line<br>break", "Line break"},
      {"- [ ] Research open tasks", "Research open tasks"},
      {"- [x] Research done tasks", "Research done tasks"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.item);
    const auto doc = parse_topics(topic("### A", c.item), "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(prompt_texts(doc.topics[0]), Strings{c.text});
  }
}

TEST(TopicParserTest, NulBytesBecomeReplacementCharacters) {
  const auto doc = parse_topics(topic("### A", std::string("- Research a\0b", 14)), "t.md");
  ASSERT_EQ(doc.topics.size(), 1u);
  EXPECT_EQ(prompt_texts(doc.topics[0]), Strings{"Research a\xEF\xBF\xBD"
                                                 "b"});
}

TEST(TopicParserTest, SeveralPromptsLabelsInOneTopicAddUp) {
  const auto doc = parse_topics(
      "### A\n**Research Prompts**:\n- one\n\n**Research Focus**: Late focus\n\n"
      "**Research Prompts**:\n- two\n",
      "t.md");
  ASSERT_EQ(doc.topics.size(), 1u);
  EXPECT_EQ(doc.topics[0].focus, "Late focus");
  EXPECT_EQ(prompt_texts(doc.topics[0]), (Strings{"one", "two"}));
}

TEST(TopicParserTest, UnderlinedLevelTwoHeadingIsATopic) {
  const auto doc =
      parse_topics("Title\n=====\n\nCaching\n-------\n**Research Prompts**:\n- p\n", "t.md");
  EXPECT_EQ(doc.title, "Title");
  ASSERT_EQ(doc.topics.size(), 1u);
  EXPECT_EQ(doc.topics[0].title, "Caching");
  EXPECT_EQ(doc.topics[0].line, 4);
}

TEST(TopicParserTest, EmptyItemsAreSkipped) {
  const auto doc = parse_topics(topic("### A", "- one\n-\n- <!-- later -->\n- two"), "t.md");
  ASSERT_EQ(doc.topics.size(), 1u);
  EXPECT_EQ(prompt_texts(doc.topics[0]), (Strings{"one", "two"}));
  EXPECT_EQ(prompt_lines(doc.topics[0]), (std::vector<int>{4, 7}));
}

TEST(TopicParserTest, PromptLineIsTheLineOfTheItemMarker) {
  struct Case {
    std::string items;
    std::vector<int> lines;
  };
  const Case cases[] = {
      {"- a\n- b\n- c", {4, 5, 6}},
      {"- a\n  wrapped\n- b", {4, 6}},
      {"- a\n-\n  starts below\n- b", {4, 5, 7}},
      {"- **bold** start\n- `code` start", {4, 5}},
      {"- a\n  - nested\n  - nested\n- b", {4, 7}},
      {"- a\n\n  second paragraph\n\n- b", {4, 8}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.items);
    const auto doc = parse_topics(topic("### A", c.items), "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(prompt_lines(doc.topics[0]), c.lines);
  }
}

// ---- What is not a topic ----

TEST(TopicParserTest, SectionsWithoutPromptsAreIgnored) {
  const auto doc = parse_topics(
      "# Doc\n\n## Overview\n\nProse about the page.\n\n## Topics List\n\n"
      "### 1. Real\n**Research Focus**: F\n**Research Prompts**:\n- p\n\n"
      "### 2. Focus only\n**Research Focus**: F\n- not a prompt\n\n"
      "### 3. Heading and a list\n- not a prompt either\n\n"
      "## Navigation\n\n\xE2\xAC\x85\xEF\xB8\x8F **Previous**: [Prev](./prev.md)  \n"
      "\xE2\x9E\xA1\xEF\xB8\x8F **Next**: [Next](./next.md)\n\n---\n\n"
      "**Related Topics**: [A](a.md) | [B](b.md)\n\n"
      "## Related links\n\n- [One](https://one.example)\n- [Two](https://two.example)\n",
      "t.md");
  EXPECT_EQ(titles(doc), Strings{"Real"});
}

TEST(TopicParserTest, AListNotRightAfterTheLabelIsNotPrompts) {
  const auto doc = parse_topics(
      "### A\n**Research Prompts**:\n- p1\n\nSee also:\n\n- [a link](https://example.com)\n",
      "t.md");
  ASSERT_EQ(doc.topics.size(), 1u);
  EXPECT_EQ(prompt_texts(doc.topics[0]), Strings{"p1"});
}

TEST(TopicParserTest, LabelsInsideQuotesOrListsDoNotCount) {
  EXPECT_EQ(errors_of("### A\n> **Research Prompts**:\n> - p\n\n### B\n- **Research Prompts**:\n"
                      "  - p\n"),
            Strings{"t.md: error: no topics found: a topic is a heading (## to ####) followed by "
                    "a **Research Prompts**: list"});
}

// ---- Encodings and line endings ----

TEST(TopicParserTest, LinesAreRightWithCrlfCrAndByteOrderMark) {
  const std::string lf =
      "# T\n\n### 1. A\n**Research Prompts**:\n- a\n  wrapped\n- b\n\n### 2. B\n"
      "**Research Prompts**:\n- c\n";
  auto replace_newlines = [&](const std::string& by) {
    std::string out;
    for (char ch : lf) {
      if (ch == '\n') {
        out += by;
      } else {
        out += ch;
      }
    }
    return out;
  };
  struct Case {
    std::string name;
    std::string text;
  };
  const Case cases[] = {
      {"LF", lf},
      {"CRLF", replace_newlines("\r\n")},
      {"CR", replace_newlines("\r")},
      {"BOM+LF", "\xEF\xBB\xBF" + lf},
      {"BOM+CRLF", "\xEF\xBB\xBF" + replace_newlines("\r\n")},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto doc = parse_topics(c.text, "t.md");
    EXPECT_EQ(doc.title, "T");
    ASSERT_EQ(doc.topics.size(), 2u);
    EXPECT_EQ(doc.topics[0].line, 3);
    EXPECT_EQ(doc.topics[1].line, 9);
    EXPECT_EQ(prompt_texts(doc.topics[0]), (Strings{"a wrapped", "b"}));
    EXPECT_EQ(prompt_lines(doc.topics[0]), (std::vector<int>{5, 7}));
    EXPECT_EQ(prompt_lines(doc.topics[1]), (std::vector<int>{11}));
  }
}

TEST(TopicParserTest, TabsEmojiAndNonLatinTextWork) {
  const auto doc = parse_topics(
      "# \xF0\x9F\x9A\x80 Launch\n"
      "### 1.\tКэширование \xF0\x9F\x92\xBE\n"
      "**Research Focus**:\t缓存策略\n"
      "**Skills**: Базы данных, SRE\n"
      "**Research Prompts**:\n"
      "-\tИсследовать\tRedis \xF0\x9F\x94\xA5\n"
      "- 研究 分布式 缓存\n",
      "t.md");
  EXPECT_EQ(doc.title, "\xF0\x9F\x9A\x80 Launch");
  ASSERT_EQ(doc.topics.size(), 1u);
  EXPECT_EQ(doc.topics[0].title, "Кэширование \xF0\x9F\x92\xBE");
  EXPECT_EQ(doc.topics[0].number, 1);
  EXPECT_EQ(doc.topics[0].focus, "缓存策略");
  // Lower-casing is ASCII only: skills compare the same way everywhere.
  EXPECT_EQ(doc.topics[0].skills, (Strings{"Базы данных", "sre"}));
  EXPECT_EQ(prompt_texts(doc.topics[0]),
            (Strings{"Исследовать Redis \xF0\x9F\x94\xA5", "研究 分布式 缓存"}));
}

// ---- Errors ----

TEST(TopicParserTest, ReportsEveryLineWithInvalidUtf8) {
  EXPECT_EQ(errors_of("### A\n**Research Prompts**:\n- caf\xE9 and cr\xE8me \xFF\n- ok\n"
                      "- bad \xC3\n"),
            (Strings{"t.md:3: error: invalid UTF-8 (byte 6 of the line)",
                     "t.md:5: error: invalid UTF-8 (byte 7 of the line)"}));
  EXPECT_EQ(errors_of("\xEF\xBB\xBF\xC0\xAF## A\r\n"),
            (Strings{"t.md:1: error: invalid UTF-8 (byte 4 of the line)",
                     "t.md: error: no topics found: a topic is a heading (## to ####) followed by "
                     "a **Research Prompts**: list"}));
}

TEST(TopicParserTest, ReportsADocumentWithoutTopics) {
  const std::string cases[] = {
      "",
      "\xEF\xBB\xBF",
      "# Only a title\n",
      "## Overview\n\nJust prose.\n\n- a list\n- without a label\n",
      "# Title\n**Research Focus**: F\n",
  };
  for (const auto& text : cases) {
    SCOPED_TRACE(text);
    EXPECT_EQ(errors_of(text, "docs/none.md"),
              Strings{"docs/none.md: error: no topics found: a topic is a heading (## to ####) "
                      "followed by a **Research Prompts**: list"});
  }
}

TEST(TopicParserTest, ReportsTwoTopicsWithOneTitleNamingBothLines) {
  EXPECT_EQ(errors_of("### 1. Caching\n**Research Prompts**:\n- a\n\n"
                      "### 2. Queues\n**Research Prompts**:\n- b\n\n"
                      "#### Caching\n**Research Prompts**:\n- c\n\n"
                      "## 4. **Caching**\n**Research Prompts**:\n- d\n"),
            (Strings{"t.md:9: error: two topics are titled \"Caching\" (lines 1 and 9)",
                     "t.md:13: error: two topics are titled \"Caching\" (lines 1 and 13)"}));
}

TEST(TopicParserTest, TitlesThatDifferInCaseAreDifferentTopics) {
  const auto doc = parse_topics(topic("### Caching", "- a") + topic("### caching", "- b"), "t.md");
  EXPECT_EQ(titles(doc), (Strings{"Caching", "caching"}));
}

TEST(TopicParserTest, ReportsAPromptsLabelWithoutPrompts) {
  struct Case {
    std::string text;
    int line;
    std::string found;  // what the error says follows the label
  };
  const Case cases[] = {
      {"### A\n**Research Prompts**:\n", 2,
       "nothing follows it before the next heading; list the prompts under it as items starting "
       "with -, * or 1."},
      {"### A\n**Research Prompts**:\n\n### B\n**Research Prompts**:\n- b\n", 2,
       "nothing follows it before the next heading; list the prompts under it as items starting "
       "with -, * or 1."},
      {"### A\n**Research Prompts**:\n\nSome prose first.\n\n- p\n", 2,
       "line 4 reads \"Some prose first.\", not a list of prompts (items starting with -, * or "
       "1.)"},
      {"### A\n**Research Prompts**:\n3. lists after a paragraph start at 1\n", 2,
       "line 3 reads \"3. lists after a paragraph start at 1\", which Markdown reads as more "
       "text of the label's paragraph, not as a list: a numbered list that starts at 3 needs a "
       "blank line above it (or start it at 1)"},
      {"### A\n**Research Prompts**:\n    - indented code, not a list\n", 2,
       "line 3 reads \"- indented code, not a list\", indented by four spaces or more, which "
       "Markdown reads as code, not as a list: indent the items less"},
      {"### A\n**Research Focus**: F\n\n**Research Prompts**:\n- <!-- none -->\n-\n", 4,
       "line 5 reads \"- <!-- none -->\", a list whose items have no text (a comment is not "
       "text)"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(errors_of(c.text),
              Strings{"t.md:" + std::to_string(c.line) +
                      ": error: topic \"A\" has a **Research Prompts**: label but no prompts: " +
                      c.found});
  }
}

TEST(TopicParserTest, ReportsAPromptsLabelOutsideATopic) {
  EXPECT_EQ(errors_of("# Title\n**Research Prompts**:\n- p\n\n### A\n**Research Prompts**:\n- a\n"),
            Strings{"t.md:2: error: a **Research Prompts**: label must follow a topic heading (## "
                    "to ####)"});
}

TEST(TopicParserTest, OnlyHeadingsOfLevelOneToFourStartOrEndATopic) {
  EXPECT_EQ(errors_of("### A\n##### Notes\n**Research Prompts**:\n- a1\n\n"
                      "# Part two\n**Research Prompts**:\n- orphan\n\n"
                      "## B\n**Research Prompts**:\n- b1\n"),
            Strings{"t.md:7: error: a **Research Prompts**: label must follow a topic heading (## "
                    "to ####)"});
}

TEST(TopicParserTest, ReportsAHeadingNamedLikeALabel) {
  struct Case {
    std::string text;
    std::string error;
  };
  const std::string hint =
      " is not a label: write labels as bold text such as **Research Prompts**: (a \"-\" or "
      "\"=\" line under text makes a heading)";
  const Case cases[] = {
      {"### A\n#### Research Prompts\n- p\n", "t.md:2: error: heading \"Research Prompts\"" + hint},
      {"### A\n##### research focus:\nF\n", "t.md:2: error: heading \"research focus:\"" + hint},
      {"### A\n**Research Prompts**:\n-\n  p\n",
       "t.md:2: error: heading \"Research Prompts:\"" + hint},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const Strings errors = errors_of(c.text);
    ASSERT_FALSE(errors.empty());
    EXPECT_EQ(errors.front(), c.error);
  }
}

TEST(TopicParserTest, ReportsATopicHeadingWithoutTitle) {
  EXPECT_EQ(errors_of("###\n**Research Prompts**:\n- a\n"),
            Strings{"t.md:2: error: the topic heading above this **Research Prompts**: label has "
                    "no title"});
}

TEST(TopicParserTest, CollectsEveryErrorInOneRunInLineOrder) {
  EXPECT_EQ(errors_of(fixture("errors.md"), "errors.md"),
            (Strings{"errors.md:9: error: topic \"Queues\" has a **Research Prompts**: label but "
                     "no prompts: line 11 reads \"Prompts were meant to go here.\", not a list of "
                     "prompts (items starting with -, * or 1.)",
                     "errors.md:13: error: two topics are titled \"Caching\" (lines 3 and 13)"}));
}

// ---- Fixtures and the seed ----

TEST(TopicParserTest, ParsesAFourTopicDocument) {
  const auto doc = parse_topics(fixture("ml-ops-topics.md"), "data/ml-ops-topics.md");
  EXPECT_EQ(doc.name, "ml-ops-topics.md");
  EXPECT_EQ(doc.title, "\xF0\x9F\xA7\xAA Machine Learning Operations Topics");
  ASSERT_EQ(doc.topics.size(), 4u);
  struct Expected {
    std::string title;
    std::optional<int> number;
    int line;
    std::string focus;
    Strings skills;
    Strings prompts;
    std::vector<int> lines;
  };
  const Expected expected[] = {
      {"Feature Stores and Data Versioning",
       1,
       10,
       "Keeping training and serving data consistent",
       {},
       {"Research feature store architectures including offline stores, online stores, and "
        "point-in-time joins",
        "Analyze data versioning tools such as DVC, lakeFS, and Delta Lake for reproducible "
        "training datasets",
        "Document a naming and ownership policy for shared features"},
       {13, 14, 16}},
      {"Distributed Training Infrastructure",
       2,
       18,
       "Scaling model training across many accelerators",
       {"kubernetes", "gpu", "networking"},
       {"Research data-parallel and model-parallel training strategies",
        "Compare schedulers for training jobs including: Kubeflow Training Operator; Ray Train; "
        "Slurm",
        "Document checkpointing and preemption handling for long jobs"},
       {24, 25, 29}},
      {"Model Serving and Inference Latency",
       std::nullopt,
       31,
       "Serving models with predictable latency and cost",
       {},
       {"Evaluate Triton Inference Server against custom gRPC services",
        "Research batching, quantization and caching techniques for low-latency inference",
        "Document an autoscaling policy for inference endpoints"},
       {34, 35, 36}},
      {"Model Monitoring and Drift Detection",
       4,
       38,
       "Noticing when a deployed model stops being right",
       {"statistics", "observability"},
       {"Research statistical tests for data drift and concept drift",
        "Analyze alerting thresholds that balance false alarms against missed drift",
        "Write a runbook for retraining and rolling back a drifting model"},
       {42, 43, 44}},
  };
  for (std::size_t i = 0; i < 4; ++i) {
    SCOPED_TRACE(expected[i].title);
    const auto& t = doc.topics[i];
    EXPECT_EQ(t.title, expected[i].title);
    EXPECT_EQ(t.number, expected[i].number);
    EXPECT_EQ(t.line, expected[i].line);
    EXPECT_EQ(t.focus, expected[i].focus);
    EXPECT_EQ(t.skills, expected[i].skills);
    EXPECT_EQ(prompt_texts(t), expected[i].prompts);
    EXPECT_EQ(prompt_lines(t), expected[i].lines);
  }
}

TEST(TopicParserTest, ParsesACrlfDocumentWithByteOrderMark) {
  const std::string text = fixture("crlf-bom.md");
  ASSERT_TRUE(text.starts_with("\xEF\xBB\xBF"));
  ASSERT_NE(text.find("\r\n"), std::string::npos) << "the fixture lost its CRLF line endings";
  const auto doc = parse_topics(text, "crlf-bom.md");
  EXPECT_EQ(doc.title, "Windows Line Endings");
  ASSERT_EQ(doc.topics.size(), 2u);
  EXPECT_EQ(doc.topics[0].title, "Caching Layers");
  EXPECT_EQ(doc.topics[0].line, 7);
  EXPECT_EQ(doc.topics[0].focus, "Where caches pay off");
  EXPECT_EQ(prompt_texts(doc.topics[0]),
            (Strings{"Research read-through and write-behind caches",
                     "Analyze cache stampede protection including request coalescing and "
                     "probabilistic early expiry"}));
  EXPECT_EQ(prompt_lines(doc.topics[0]), (std::vector<int>{10, 11}));
  EXPECT_EQ(doc.topics[1].title, "Queues");
  EXPECT_EQ(doc.topics[1].line, 14);
  EXPECT_EQ(prompt_lines(doc.topics[1]), std::vector<int>{16});
}

TEST(TopicParserTest, ParsesChineseAndRussianTopics) {
  const auto doc = parse_topics(fixture("non-latin-topics.md"), "non-latin-topics.md");
  EXPECT_EQ(doc.title, "🌏 数据库研究课题");
  EXPECT_EQ(titles(doc), (Strings{"分布式事务 🔒", "Репликация и отказоустойчивость"}));
  EXPECT_EQ(doc.topics[0].focus, "跨分片的一致性与性能");
  EXPECT_EQ(prompt_texts(doc.topics[0]),
            (Strings{"研究两阶段提交与 Percolator 模型的差异",
                     "分析 时钟同步对 快照隔离的影响 ⏱️"}));
  EXPECT_EQ(prompt_lines(doc.topics[1]), (std::vector<int>{17, 18}));
  EXPECT_EQ(doc.topics[1].skills, (Strings{"Базы данных", "sre"}));
}

TEST(TopicParserTest, ParsesTheSeedDocument) {
  const std::filesystem::path seed = std::filesystem::path(RPLAN_SOURCE_DIR) / ".." / "shared" /
                                     "seeds" / "backend-development-topics.md";
  if (!std::filesystem::exists(seed)) GTEST_SKIP() << "no seed at " << seed;
  const auto doc = parse_topics(slurp(seed), seed.string());
  EXPECT_EQ(doc.name, "backend-development-topics.md");
  EXPECT_EQ(doc.title, "\xE2\x9A\x99\xEF\xB8\x8F Backend Development Topics");
  ASSERT_EQ(doc.topics.size(), 16u);
  for (std::size_t i = 0; i < doc.topics.size(); ++i) {
    SCOPED_TRACE(doc.topics[i].title);
    EXPECT_EQ(doc.topics[i].number, static_cast<int>(i + 1));
    EXPECT_EQ(doc.topics[i].prompts.size(), 3u);
    EXPECT_FALSE(doc.topics[i].focus.empty());
    EXPECT_TRUE(doc.topics[i].skills.empty());
  }
  const auto& first = doc.topics.front();
  EXPECT_EQ(first.title, "Node.js Performance Optimization and Scaling");
  EXPECT_EQ(first.line, 9);
  EXPECT_EQ(first.focus, "Building high-performance Node.js applications at scale");
  EXPECT_EQ(first.prompts.front().text,
            "Research Node.js performance optimization techniques including event loop "
            "optimization, memory management, and CPU profiling");
  EXPECT_EQ(first.prompts.front().line, 12);
  const auto& last = doc.topics.back();
  EXPECT_EQ(last.title, "Backend Performance Profiling and Optimization");
  EXPECT_EQ(last.focus, "Identifying and resolving performance bottlenecks");
  EXPECT_EQ(last.prompts.back().text,
            "Document performance testing methodologies, baseline establishment, and continuous "
            "performance monitoring");
}

// ---- Hostile and large input ----

// Fuzzer findings, each kept as a regression test (tests/data/fuzz/).
TEST(TopicParserTest, FuzzFindingsParseOrFailCleanly) {
  for (const char* name : {"topic_parser-md4c-range.md", "topic_parser-md4c-invalid-utf8.md"}) {
    SCOPED_TRACE(name);
    const std::string text = slurp(std::filesystem::path(RPLAN_TEST_DATA) / "fuzz" / name);
    try {
      const auto doc = parse_topics(text, name);
      for (const auto& topic : doc.topics) EXPECT_FALSE(topic.prompts.empty());
    } catch (const DiagnosticsError& e) {
      EXPECT_FALSE(e.diagnostics().empty());
    }
  }
}

// md4c's text ranges are clamped to the input: a document cut right after
// an entity, code span or emphasis still parses within its bytes.
TEST(TopicParserTest, TextAtTheVeryEndOfTheInputIsRead) {
  const std::string whole = "### T\n**Research Prompts**:\n- Research `code` &amp; *x*";
  for (std::size_t cut = whole.size() - 12; cut <= whole.size(); ++cut) {
    SCOPED_TRACE(cut);
    const std::string text = whole.substr(0, cut);  // its own allocation, exactly sized
    try {
      parse_topics(text, "cut.md");
    } catch (const DiagnosticsError&) {
    }
  }
}

TEST(TopicParserTest, SurvivesAOneMegabyteLine) {
  const std::string words(1 << 20, 'x');
  std::string noise;
  for (int i = 0; i < (1 << 18); ++i) noise += "*[`<";
  const auto doc = parse_topics(
      "### " + words + "\n**Research Prompts**:\n- Research " + words + "\n- " + noise + "\n",
      "t.md");
  ASSERT_EQ(doc.topics.size(), 1u);
  EXPECT_EQ(doc.topics[0].title.size(), words.size());
  ASSERT_EQ(doc.topics[0].prompts.size(), 2u);
  EXPECT_EQ(doc.topics[0].prompts[0].text.size(), words.size() + 9);
  EXPECT_EQ(doc.topics[0].prompts[1].line, 4);
}

TEST(TopicParserTest, ReadsTenThousandPromptsInOneTopic) {
  std::string items;
  for (int i = 0; i < 10000; ++i) items += "- Research item " + std::to_string(i) + "\n";
  const auto doc = parse_topics(topic("### Big", items), "t.md");
  ASSERT_EQ(doc.topics.size(), 1u);
  ASSERT_EQ(doc.topics[0].prompts.size(), 10000u);
  EXPECT_EQ(doc.topics[0].prompts.back().text, "Research item 9999");
  EXPECT_EQ(doc.topics[0].prompts.back().line, 10003);
}

TEST(TopicParserTest, SurvivesDeeplyNestedInput) {
  struct Case {
    std::string name;
    std::string body;
    std::size_t prompts;
  };
  std::string markers;  // "- - - ... - deep": 10,000 lists in one line
  for (int i = 0; i < 10000; ++i) markers += "- ";
  std::string indented;  // 2,000 lines, each nested one level deeper
  for (int i = 0; i < 2000; ++i) indented += std::string(2 * i, ' ') + "- level\n";
  const Case cases[] = {
      {"markers", "**Research Prompts**:\n" + markers + "deep\n", 1},
      {"indented", "**Research Prompts**:\n" + indented, 1},
      {"quotes", std::string(10000, '>') + " deep\n\n**Research Prompts**:\n- p\n", 1},
      {"emphasis",
       "**Research Prompts**:\n- " + std::string(10000, '*') + "x" + std::string(10000, '*') + "\n",
       1},
      {"brackets",
       "**Research Prompts**:\n- " + std::string(10000, '[') + "x" + std::string(10000, ']') + "\n",
       1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto doc = parse_topics("### A\n" + c.body, "t.md");
    ASSERT_EQ(doc.topics.size(), 1u);
    EXPECT_EQ(doc.topics[0].prompts.size(), c.prompts);
  }
}

TEST(TopicParserTest, ReadsManyTopicsInOrder) {
  std::string text = "# Many\n";
  for (int i = 1; i <= 5000; ++i) {
    text += topic("### " + std::to_string(i) + ". Topic " + std::to_string(i),
                  "- Research a\n- Analyze b\n- Document c");
  }
  const auto doc = parse_topics(text, "t.md");
  ASSERT_EQ(doc.topics.size(), 5000u);
  EXPECT_EQ(doc.topics.back().title, "Topic 5000");
  EXPECT_EQ(doc.topics.back().number, 5000);
  EXPECT_EQ(doc.topics.back().line, 2 + 6 * 4999);
  EXPECT_EQ(doc.topics.back().prompts.back().line, 2 + 6 * 4999 + 5);
}

// Random documents made of Markdown's building blocks: whatever comes out,
// the parser either returns topics that keep its promises or throws
// DiagnosticsError.
TEST(TopicParserTest, RandomMarkdownKeepsTheInvariants) {
  const std::string line_starts[] = {"",
                                     "",
                                     "- ",
                                     "- ",
                                     "- ",
                                     "* ",
                                     "+ ",
                                     "1. ",
                                     "2) ",
                                     "  - ",
                                     "    - ",
                                     "\t- ",
                                     "> ",
                                     "> - ",
                                     "## ",
                                     "### 1. ",
                                     "#### ",
                                     "# ",
                                     "##### ",
                                     "**Research Prompts**:",
                                     "**Research Prompts**:",
                                     "**Research Focus**: ",
                                     "**Skills**: a, B",
                                     "---",
                                     "===",
                                     "```",
                                     "    ",
                                     "-",
                                     "- [ ] "};
  const std::string inlines[] = {
      " ",    "  ",   "\t",  "word", "Research", "**",          "*",
      "_",    "`",    "[",   "](u)", "<",        ">",           "&amp;",
      "&#0;", "<!--", "-->", "\\",   "|",        "caf\xC3\xA9", "\xF0\x9F\x9A\x80",
      "<b>",  "\0",   ":"};
  const std::string line_ends[] = {"\n", "\n", "\n", "\r\n", "\r", "  \n", "\\\n"};
  std::mt19937 random(12345);
  auto pick = [&random](const auto& options) -> const std::string& {
    return options[std::uniform_int_distribution<std::size_t>(0, std::size(options) - 1)(random)];
  };
  std::uniform_int_distribution<int> count(0, 40);
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = round % 7 == 0 ? "\xEF\xBB\xBF" : "";
    for (int lines = count(random); lines > 0; --lines) {
      text += pick(line_starts);
      for (int n = count(random) % 6; n > 0; --n) text += pick(inlines);
      if (round % 50 == 0) text += "\xFF";
      text += pick(line_ends);
    }
    SCOPED_TRACE(text);
    try {
      const auto doc = parse_topics(text, "r.md");
      ASSERT_FALSE(doc.topics.empty());
      ++parsed;
      for (const auto& t : doc.topics) {
        EXPECT_FALSE(t.title.empty());
        ASSERT_FALSE(t.prompts.empty());
        EXPECT_GE(t.line, 1);
        int previous = t.line;
        for (const auto& p : t.prompts) {
          EXPECT_FALSE(p.text.empty());
          EXPECT_EQ(p.text.find_first_of("\t\r\n"), std::string::npos);
          EXPECT_EQ(p.text.find("  "), std::string::npos);
          EXPECT_NE(p.text.front(), ' ');
          EXPECT_NE(p.text.back(), ' ');
          EXPECT_GT(p.line, previous) << p.text;
          previous = p.line;
        }
      }
    } catch (const DiagnosticsError& e) {
      EXPECT_FALSE(e.diagnostics().empty());
    }
  }
  EXPECT_GT(parsed, 100) << "the documents should often hold topics";
}

}  // namespace
}  // namespace rplan::parse
