// Feeds (`rplan feed`, `rplan serve`) and what `rplan publish` put on CalDAV
// collections.

#include <SQLiteCpp/SQLiteCpp.h>

#include "planner/store/sqlite_guard.hpp"
#include "planner/store/store.hpp"
#include "planner/store/store_internal.hpp"

namespace rplan::store {

using detail::from_unix;
using detail::guarded;
using detail::to_unix;

void Store::add_feed(const Feed& feed) {
  guarded(m_path, [&] {
    if (!feed.person.empty() && !detail::assignee_id(db(), feed.person)) {
      throw InputError("--person " + feed.person + ": nobody of that name is in the team");
    }
    SQLite::Statement in_use(db(), "SELECT 1 FROM feeds WHERE name = ? AND revoked_at IS NULL");
    in_use.bind(1, feed.name);
    if (in_use.executeStep()) {
      throw InputError("a feed called \"" + feed.name +
                       "\" exists already; revoke it first (rplan feed revoke " + feed.name +
                       ") or choose another name");
    }
    SQLite::Statement put(db(),
                          "INSERT OR REPLACE INTO feeds (name, person, token_hash, created_at, "
                          "revoked_at) VALUES (?, ?, ?, ?, NULL)");
    put.bind(1, feed.name);
    put.bind(2, feed.person);
    put.bind(3, feed.token_hash);
    put.bind(4, static_cast<std::int64_t>(to_unix(feed.created_at)));
    put.exec();
  });
}

std::vector<Feed> Store::feeds() const {
  return guarded(m_path, [&] {
    std::vector<Feed> feeds;
    SQLite::Statement q(
        db(), "SELECT name, person, token_hash, created_at, revoked_at FROM feeds ORDER BY name");
    while (q.executeStep()) {
      Feed f;
      f.name = q.getColumn(0).getString();
      f.person = q.getColumn(1).getString();
      f.token_hash = q.getColumn(2).getString();
      f.created_at = from_unix(q.getColumn(3).getInt64());
      if (!q.getColumn(4).isNull()) f.revoked = from_unix(q.getColumn(4).getInt64());
      feeds.push_back(std::move(f));
    }
    return feeds;
  });
}

bool Store::revoke_feed(const std::string& name, model::Instant at) {
  return guarded(m_path, [&] {
    SQLite::Statement q(db(),
                        "UPDATE feeds SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL");
    q.bind(1, static_cast<std::int64_t>(to_unix(at)));
    q.bind(2, name);
    return q.exec() > 0;
  });
}

std::vector<std::string> Store::published_collections(const std::string& base) const {
  return guarded(m_path, [&] {
    std::vector<std::string> urls;
    SQLite::Statement q(db(),
                        "SELECT DISTINCT collection FROM caldav_published WHERE base = ? "
                        "ORDER BY 1");
    q.bind(1, base);
    while (q.executeStep()) urls.push_back(q.getColumn(0).getString());
    return urls;
  });
}

std::vector<PublishedItem> Store::published(const std::string& collection) const {
  return guarded(m_path, [&] {
    std::vector<PublishedItem> items;
    SQLite::Statement q(db(),
                        "SELECT uid, href, etag, content_hash FROM caldav_published "
                        "WHERE collection = ? ORDER BY uid");
    q.bind(1, collection);
    while (q.executeStep()) {
      items.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                       q.getColumn(2).getString(), q.getColumn(3).getString()});
    }
    return items;
  });
}

void Store::set_published(const std::string& collection, const std::string& base,
                          const PublishedItem& item) {
  guarded(m_path, [&] {
    SQLite::Statement q(db(),
                        "INSERT OR REPLACE INTO caldav_published (collection, uid, href, etag, "
                        "content_hash, base) VALUES (?, ?, ?, ?, ?, ?)");
    q.bind(1, collection);
    q.bind(2, item.uid);
    q.bind(3, item.href);
    q.bind(4, item.etag);
    q.bind(5, item.content_hash);
    q.bind(6, base);
    q.exec();
  });
}

void Store::forget_published(const std::string& collection, const std::string& uid) {
  guarded(m_path, [&] {
    SQLite::Statement q(db(), "DELETE FROM caldav_published WHERE collection = ? AND uid = ?");
    q.bind(1, collection);
    q.bind(2, uid);
    q.exec();
  });
}

}  // namespace rplan::store
