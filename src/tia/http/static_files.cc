#include "tia/http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tia/base/log.h"

namespace tia::http {
namespace {

std::string TypeOf(const std::filesystem::path& p) {
  const std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".webmanifest") return "application/manifest+json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  if (root.empty()) return;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in && !in.eof()) {
      log::Warn("web.unreadable", {{"file", it->path().string()}});
      continue;
    }
    const std::string url = "/" + std::filesystem::relative(it->path(), root).generic_string();
    files_[url] = {TypeOf(it->path()), ss.str()};
  }
  if (ec) log::Warn("web.root_unreadable", {{"root", root}});
}

std::optional<Response> StaticFiles::Serve(const std::string& path) const {
  if (files_.empty() || path.rfind("/api/", 0) == 0) return std::nullopt;
  auto it = files_.find(path == "/" ? "/index.html" : path);
  const bool is_file_path = path.find('.', path.rfind('/')) != std::string::npos;
  if (it == files_.end() && !is_file_path) it = files_.find("/index.html");  // the app's routes
  if (it == files_.end()) return std::nullopt;
  Response r;
  r.content_type = it->second.content_type;
  r.body = it->second.body;
  const bool hashed = it->first.rfind("/assets/", 0) == 0;
  r.headers.emplace_back("Cache-Control",
                         hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace tia::http
