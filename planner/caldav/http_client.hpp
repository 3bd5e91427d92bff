#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

// The HTTP side of `rplan publish` (libcurl inside: the one file that sees it).
namespace rplan::caldav {

struct Credentials {
  std::string user;      // "" : no authentication
  std::string password;  // never printed, never stored
};

struct HttpResponse {
  long status = 0;
  std::string etag;  // the ETag header, as sent ("" when none)
  std::string body;
};

// One connection (kept alive) to an HTTP server, for one publish.
class HttpClient {
 public:
  explicit HttpClient(Credentials credentials);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request (HTTP Basic authentication with the credentials; 10 s
  // to connect, 60 s in all; http and https only; no redirects followed) and
  // returns the answer. Throws rplan::UnavailableError (exit 69) naming the
  // URL (without credentials) when the server cannot be reached or the
  // exchange fails, and rplan::CredentialsError (exit 77) on 401 or 403.
  HttpResponse request(std::string_view method, const std::string& url,
                       const std::vector<std::string>& headers, std::string_view body = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace rplan::caldav
