// tia/http/library_pages.h — the health library as public HTML: article pages (and their earlier
// versions), the library's index and topics, bylines, search results, the hospital's maternity
// packages, sitemap.xml and robots.txt.
//
// Pages are complete without JavaScript (indexable, readable on any phone) and obey the same
// strict Content-Security-Policy as the app: no inline script or style; the JSON-LD block is data,
// not script. Each page names its canonical address and its other language (hreflang), carries
// schema.org MedicalWebPage JSON-LD, and ends with the hospital's emergency number, hotline,
// online registration and remote consultation.
//
// Caching: a rendered page is kept in memory under its path and query with the library's
// generation (app::Library::generation()); any write to the library through this process makes
// every older entry stale, and an entry older than kTtlMs is rebuilt (so a change made by another
// server, or to the hospital's hotline, shows within a minute). A hit is a map lookup under a
// shared lock and a copy of the body. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>

#include "tia/app/library.h"
#include "tia/app/maternity.h"
#include "tia/http/message.h"

namespace tia::http {

// A session's roster (app::Maternity::Roster) as a printable sign-in sheet for the midwife.
std::string SignInSheet(const domain::Json& roster, const std::string& lang);

class LibraryPages {
 public:
  static constexpr int64_t kTtlMs = 60'000;
  static constexpr size_t kMaxEntries = 4096;

  // `public_url` is the site's origin without a trailing slash (canonical links, the sitemap).
  // The hospital's packages (app::Maternity) are published under the library's address too.
  LibraryPages(app::Library& library, app::Maternity& maternity, const Clock& clock,
               std::string public_url)
      : library_(library),
        maternity_(maternity),
        clock_(clock),
        public_url_(std::move(public_url)) {}

  // A cached page for `key`, if it is fresh.
  std::optional<Response> Cached(const std::string& key) const;
  // Builds the page for a request whose route is one of the library's HTML routes and caches
  // successful answers under `key`.
  Result<Response> Build(const std::string& key, const Request& req);

  static std::string_view Stylesheet();

 private:
  struct Entry {
    int64_t generation = 0;
    int64_t at = 0;
    std::shared_ptr<const Response> response;
  };
  Result<Response> Render(const Request& req);

  app::Library& library_;
  app::Maternity& maternity_;
  const Clock& clock_;
  const std::string public_url_;
  mutable std::shared_mutex mu_;
  std::map<std::string, Entry, std::less<>> cache_;
};

}  // namespace tia::http
