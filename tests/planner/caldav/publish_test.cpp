// The parts of rplan publish that need no server: which URLs it accepts and
// makes, and what counts as a change. Publishing itself is tested against a
// real Radicale by tests/e2e/calendars_test.py.

#include "planner/caldav/publish.hpp"

#include <gtest/gtest.h>

#include "planner/util/error.hpp"

namespace rplan::caldav {
namespace {

TEST(CaldavTest, ACollectionUrlEndsWithASlash) {
  EXPECT_EQ(collection_url("http://127.0.0.1:5232/ada/plan"), "http://127.0.0.1:5232/ada/plan/");
  EXPECT_EQ(collection_url("https://dav.example.org/cal/"), "https://dav.example.org/cal/");
  EXPECT_EQ(collection_url("https://dav.example.org"), "https://dav.example.org/");
}

TEST(CaldavTest, CredentialsQueriesAndOtherSchemesAreRefused) {
  for (const char* url : {"ftp://example.org/cal/", "example.org/cal/", "http:///cal/",
                          "https://ada:pw@example.org/cal/", "https://example.org/cal/?x=1",
                          "https://example.org/cal/#top"}) {
    SCOPED_TRACE(url);
    try {
      collection_url(url);
      ADD_FAILURE() << "accepted";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::usage);
      EXPECT_EQ(std::string(e.what()).find("pw@"), std::string::npos) << e.what();
    }
  }
}

TEST(CaldavTest, NamesArePercentEncodedInUrls) {
  EXPECT_EQ(child_url("http://h/base/", "zoë müller"), "http://h/base/zo%C3%AB%20m%C3%BCller/");
  EXPECT_EQ(resource_url("http://h/c/", "ka1-2@rplan"), "http://h/c/ka1-2%40rplan.ics");
}

TEST(CaldavTest, OnlyDtstampIsLeftOutOfTheContentHash) {
  const std::string a = "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20270301T100000Z\r\nSEQUENCE:0\r\n";
  const std::string b = "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20270302T100000Z\r\nSEQUENCE:0\r\n";
  const std::string c = "BEGIN:VEVENT\r\nUID:x\r\nDTSTAMP:20270302T100000Z\r\nSEQUENCE:1\r\n";
  EXPECT_EQ(content_hash(a), content_hash(b));
  EXPECT_NE(content_hash(b), content_hash(c));
  EXPECT_EQ(content_hash(a).size(), 64u);
}

}  // namespace
}  // namespace rplan::caldav
