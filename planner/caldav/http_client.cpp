#include "planner/caldav/http_client.hpp"

#include <curl/curl.h>

#include <mutex>

#include "planner/util/error.hpp"

namespace rplan::caldav {

namespace {

// libcurl's global state, set up once for the process.
void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t append_body(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// Keeps the ETag header of the response (the last one, after any 100 Continue).
std::size_t read_header(char* data, std::size_t size, std::size_t count, void* out) {
  const std::string_view line(data, size * count);
  auto* etag = static_cast<std::string*>(out);
  if (line.size() > 5 && line.substr(0, 5) == "HTTP/") etag->clear();  // a new response
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (name == "etag") {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
      }
      while (!value.empty() &&
             (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
        value.remove_suffix(1);
      }
      etag->assign(value);
    }
  }
  return size * count;
}

struct HeaderList {
  curl_slist* list = nullptr;
  ~HeaderList() { curl_slist_free_all(list); }
  void add(const std::string& header) { list = curl_slist_append(list, header.c_str()); }
};

}  // namespace

struct HttpClient::Impl {
  Credentials credentials;
  CURL* curl = nullptr;
};

HttpClient::HttpClient(Credentials credentials) : m_impl(std::make_unique<Impl>()) {
  global_init();
  m_impl->credentials = std::move(credentials);
  m_impl->curl = curl_easy_init();
  if (m_impl->curl == nullptr) throw Error("libcurl could not start");
}

HttpClient::~HttpClient() {
  if (m_impl->curl != nullptr) curl_easy_cleanup(m_impl->curl);
}

HttpResponse HttpClient::request(std::string_view method, const std::string& url,
                                 const std::vector<std::string>& headers, std::string_view body) {
  CURL* c = m_impl->curl;
  curl_easy_reset(c);
  HttpResponse response;
  const std::string verb(method);
  char error[CURL_ERROR_SIZE] = {};
  HeaderList list;
  for (const auto& h : headers) list.add(h);
  list.add("Expect:");  // no 100-continue round trip
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, verb.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.list);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 60000L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &response.etag);
  if (verb == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  if (!body.empty() || verb == "PUT") {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  if (!m_impl->credentials.user.empty()) {
    curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(c, CURLOPT_USERNAME, m_impl->credentials.user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, m_impl->credentials.password.c_str());
  }
  const CURLcode code = curl_easy_perform(c);
  if (code != CURLE_OK) {
    throw UnavailableError(
        "cannot reach the CalDAV server at " + url + ": " +
        (error[0] != '\0' ? std::string(error) : std::string(curl_easy_strerror(code))));
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  if (response.status == 401 || response.status == 403) {
    throw CredentialsError(
        "the CalDAV server refused " +
        (m_impl->credentials.user.empty() ? std::string("to answer without credentials")
                                          : "the credentials of " + m_impl->credentials.user) +
        " (" + std::to_string(response.status) + " to " + verb + " " + url + ")");
  }
  return response;
}

}  // namespace rplan::caldav
