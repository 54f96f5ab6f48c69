// tia/http/static_files.h — the web app's built files (web/dist), served by `tia serve`.
//
// The directory is read once at start-up into memory (the app is a few hundred kilobytes). Files
// under /assets/ carry a content hash in their names, so they are cached for a year; everything
// else (index.html, the service worker, the manifest) is revalidated on every load. A GET of a
// path without a file extension that is not an API path answers index.html, so the app's own
// routes survive a reload. Thread-safe after construction.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "tia/http/message.h"

namespace tia::http {

class StaticFiles {
 public:
  // An empty root serves nothing. Files that cannot be read are skipped (and logged).
  explicit StaticFiles(const std::string& root);
  std::optional<Response> Serve(const std::string& path) const;
  size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace tia::http
