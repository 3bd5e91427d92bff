#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "exporters/ics_export.hpp"
#include "planner/caldav/http_client.hpp"
#include "planner/store/store.hpp"

// `rplan publish --caldav URL`: the plan's events in a CalDAV calendar
// collection (RFC 4791), kept equal to the plan (docs/calendar-import.md,
// "Publish to a CalDAV server").
namespace rplan::caldav {

// One calendar collection to fill.
struct Target {
  std::string url;           // the collection's URL, ending with '/'
  std::string base;          // --per-assignee: the URL it is a person's collection under; else ""
  std::string display_name;  // for a collection that has to be made
  std::vector<exporters::IcsResource> resources;  // what it must hold
};

struct PublishReport {
  std::string url;
  int added = 0, updated = 0, removed = 0, unchanged = 0;
};

// Checks that the URL can be published to: http or https, with a host, no
// credentials in it (they belong in --user and --password-file), no query or
// fragment. Returns it with a '/' at the end. Throws rplan::UsageError.
std::string collection_url(std::string_view url);

// A collection URL under a base collection URL: BASE + NAME + '/', NAME
// percent-encoded where needed.
std::string child_url(const std::string& base, std::string_view name);

// The resource's URL in its collection: the uid percent-encoded, then ".ics".
std::string resource_url(const std::string& collection, std::string_view uid);

// What decides whether a resource changed since it was published: the
// SHA-256 of its text without its DTSTAMP line (DTSTAMP is the plan's
// creation time, new with every re-plan that changes anything).
std::string content_hash(std::string_view resource_text);

// Makes the collection hold exactly target.resources, by what `store`
// remembers of the last publish to that URL (Store::published): a resource
// it does not remember is PUT with If-None-Match: *, one whose content_hash
// changed is PUT with If-Match: its ETag, one that left the plan is DELETEd
// with If-Match, and an unchanged one is not sent. A 412 (the server's copy
// is not the one remembered: edited elsewhere, or the database is new)
// fetches the current ETag and sends again once: these UIDs are rplan's. A
// missing collection is made (MKCALENDAR) first. The store's record is
// updated as each request succeeds (the caller commits). Throws
// UnavailableError (69) when the server cannot be reached or answers
// otherwise than a CalDAV server should, CredentialsError (77) when it
// refuses the credentials: the first request checks both before anything is
// changed.
PublishReport publish(HttpClient& http, store::Store& store, const Target& target);

}  // namespace rplan::caldav
