// The parts of rplan serve that need no socket: the feed's URL path, the
// access log's redaction of tokens, and If-None-Match. The server itself is
// tested over loopback by tests/e2e/calendars_test.py.

#include "planner/server/server.hpp"

#include <gtest/gtest.h>

namespace rplan::server {
namespace {

TEST(ServerTest, AFeedPathCarriesItsToken) {
  EXPECT_EQ(feed_path("ada-lovelace.ics", "abc123"), "/calendars/ada-lovelace.ics?token=abc123");
}

TEST(ServerTest, TheAccessLogNeverShowsAToken) {
  const struct {
    const char* target;
    const char* logged;
  } cases[] = {
      {"/calendars/team.ics?token=s3cret", "/calendars/team.ics?token=[redacted]"},
      {"/plan.json?a=1&token=s3cret&b=2", "/plan.json?a=1&token=[redacted]&b=2"},
      {"/x?token=one&token=two", "/x?token=[redacted]&token=[redacted]"},
      {"/x?token=", "/x?token=[redacted]"},
      {"/x?tokens=1&mytoken=2", "/x?tokens=1&mytoken=2"},
      {"/calendars/team.ics", "/calendars/team.ics"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.target);
    EXPECT_EQ(redact_tokens(c.target), c.logged);
  }
}

TEST(ServerTest, IfNoneMatchComparesWeakly) {
  const std::string etag = "W/\"abc\"";
  EXPECT_TRUE(etag_matches("W/\"abc\"", etag));
  EXPECT_TRUE(etag_matches("\"abc\"", etag));
  EXPECT_TRUE(etag_matches("\"x\", W/\"abc\"", etag));
  EXPECT_TRUE(etag_matches("*", etag));
  EXPECT_FALSE(etag_matches("\"abcd\"", etag));
  EXPECT_FALSE(etag_matches("W/\"ab\"", etag));
  EXPECT_FALSE(etag_matches("", etag));
  EXPECT_FALSE(etag_matches("\"abc", etag)) << "an unclosed tag matches nothing";
}

}  // namespace
}  // namespace rplan::server
