#include "planner/caldav/publish.hpp"

#include <map>

#include "planner/util/digest.hpp"
#include "planner/util/error.hpp"

namespace rplan::caldav {

namespace {

bool unreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string percent_encoded(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    if (unreserved(c)) {
      out += c;
    } else {
      const auto u = static_cast<unsigned char>(c);
      out += '%';
      out += k_hex[u >> 4];
      out += k_hex[u & 15];
    }
  }
  return out;
}

bool success(long status) { return status >= 200 && status < 300; }

[[noreturn]] void unexpected(const std::string& what, const std::string& url,
                             const HttpResponse& r) {
  throw UnavailableError("the CalDAV server answered " + std::to_string(r.status) + " to " + what +
                         " " + url + "; nothing more was sent");
}

// The XML of MKCALENDAR with the collection's display name.
std::string mkcalendar_body(const std::string& display_name) {
  std::string name;
  for (const char c : display_name) {
    switch (c) {
      case '<':
        name += "&lt;";
        break;
      case '>':
        name += "&gt;";
        break;
      case '&':
        name += "&amp;";
        break;
      default:
        name += c;
    }
  }
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\n"
         "  <D:set><D:prop><D:displayname>" +
         name +
         "</D:displayname></D:prop></D:set>\n"
         "</C:mkcalendar>\n";
}

// Makes sure the collection exists (the first request: it also checks the
// server and the credentials).
void ensure_collection(HttpClient& http, const Target& target) {
  const HttpResponse found = http.request(
      "PROPFIND", target.url, {"Depth: 0", "Content-Type: application/xml; charset=utf-8"},
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop>"
      "</D:propfind>\n");
  if (found.status == 207) return;
  if (found.status != 404) unexpected("PROPFIND", target.url, found);
  const HttpResponse made =
      http.request("MKCALENDAR", target.url, {"Content-Type: application/xml; charset=utf-8"},
                   mkcalendar_body(target.display_name));
  if (!success(made.status)) unexpected("MKCALENDAR", target.url, made);
}

const std::string k_ics_type = "Content-Type: text/calendar; charset=utf-8";

// PUTs the resource, under `condition` ("If-None-Match: *" or "If-Match:
// ETAG"); after a 412, once more against the server's current copy.
// Returns the new ETag ("" when the server sent none).
std::string put(HttpClient& http, const std::string& url, const std::string& text,
                const std::string& condition) {
  HttpResponse r = http.request("PUT", url, {k_ics_type, condition}, text);
  if (r.status == 412) {
    const HttpResponse head = http.request("HEAD", url, {});
    const std::string retry = head.status == 404 || head.etag.empty()
                                  ? std::string("If-None-Match: *")
                                  : "If-Match: " + head.etag;
    r = http.request("PUT", url, {k_ics_type, retry}, text);
  }
  if (!success(r.status)) unexpected("PUT", url, r);
  return r.etag;
}

void remove(HttpClient& http, const std::string& url, const std::string& etag) {
  std::vector<std::string> headers;
  if (!etag.empty()) headers.push_back("If-Match: " + etag);
  HttpResponse r = http.request("DELETE", url, headers);
  if (r.status == 412) {
    const HttpResponse head = http.request("HEAD", url, {});
    if (head.status == 404) return;
    r = http.request("DELETE", url,
                     head.etag.empty() ? std::vector<std::string>{}
                                       : std::vector<std::string>{"If-Match: " + head.etag});
  }
  if (!success(r.status) && r.status != 404) unexpected("DELETE", url, r);
}

}  // namespace

std::string collection_url(std::string_view url) {
  const auto scheme_end = url.find("://");
  const std::string_view scheme = url.substr(0, scheme_end);
  if (scheme_end == std::string_view::npos || (scheme != "http" && scheme != "https")) {
    throw UsageError("--caldav " + std::string(url) +
                     " is not an http:// or https:// URL of a calendar collection");
  }
  const std::string_view rest = url.substr(scheme_end + 3);
  const std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.empty()) throw UsageError("--caldav " + std::string(url) + " names no server");
  if (authority.find('@') != std::string_view::npos) {
    throw UsageError(
        "--caldav: put no credentials in the URL; give --user and --password-file instead");
  }
  if (url.find_first_of("?#") != std::string_view::npos) {
    throw UsageError("--caldav " + std::string(url) +
                     ": a collection URL has no query or fragment");
  }
  std::string out(url);
  if (rest.find('/') == std::string_view::npos || out.back() != '/') out += '/';
  return out;
}

std::string child_url(const std::string& base, std::string_view name) {
  return base + percent_encoded(name) + "/";
}

std::string resource_url(const std::string& collection, std::string_view uid) {
  return collection + percent_encoded(uid) + ".ics";
}

std::string content_hash(std::string_view text) {
  std::string kept;
  kept.reserve(text.size());
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find("\r\n", at);
    end = end == std::string_view::npos ? text.size() : end + 2;
    const std::string_view line = text.substr(at, end - at);
    if (line.substr(0, 8) != "DTSTAMP:") kept.append(line);
    at = end;
  }
  return util::sha256_hex(kept);
}

PublishReport publish(HttpClient& http, store::Store& store, const Target& target) {
  PublishReport report;
  report.url = target.url;
  ensure_collection(http, target);
  std::map<std::string, store::PublishedItem> before;
  for (auto& item : store.published(target.url)) before.emplace(item.uid, std::move(item));
  for (const auto& resource : target.resources) {
    const std::string hash = content_hash(resource.text);
    const auto it = before.find(resource.uid);
    if (it != before.end() && it->second.content_hash == hash) {
      ++report.unchanged;
      before.erase(it);
      continue;
    }
    store::PublishedItem item;
    item.uid = resource.uid;
    item.content_hash = hash;
    if (it == before.end()) {
      item.href = resource_url(target.url, resource.uid);
      item.etag = put(http, item.href, resource.text, "If-None-Match: *");
      ++report.added;
    } else {
      item.href = it->second.href;
      const std::string condition =
          it->second.etag.empty() ? std::string("If-Match: *") : "If-Match: " + it->second.etag;
      item.etag = put(http, item.href, resource.text, condition);
      ++report.updated;
      before.erase(it);
    }
    store.set_published(target.url, target.base, item);
  }
  for (const auto& [uid, item] : before) {  // left the plan
    remove(http, item.href, item.etag);
    store.forget_published(target.url, uid);
    ++report.removed;
  }
  return report;
}

}  // namespace rplan::caldav
