#include "tia/http/router.h"

#include <algorithm>

namespace tia::http {

const std::string& Request::Header(const std::string& lower_name) const {
  static const std::string empty;
  auto it = headers.find(lower_name);
  return it == headers.end() ? empty : it->second;
}

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

Route& Router::Add(std::string method, const std::string& pattern, Access access, Handler handler,
                   bool auth_rate_limited) {
  Route r{std::move(method),  pattern,     access, auth_rate_limited, std::move(handler),
          SplitPath(pattern), Exec::kPool, nullptr};
  routes_.push_back(std::move(r));
  return routes_.back();
}

Match Router::Find(const std::string& method, const std::string& path,
                   std::unordered_map<std::string, std::string>& params) const {
  const auto segs = SplitPath(path);
  Match m;
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const auto& t = r.segments[i];
      ok = (t.size() > 2 && t.front() == '{' && t.back() == '}') ? !segs[i].empty() : t == segs[i];
    }
    if (!ok) continue;
    if (r.method != method && !(method == "HEAD" && r.method == "GET")) {
      if (std::find(m.allowed.begin(), m.allowed.end(), r.method) == m.allowed.end()) {
        m.allowed.push_back(r.method);
      }
      continue;
    }
    params.clear();
    for (size_t i = 0; i < segs.size(); ++i) {
      const auto& t = r.segments[i];
      if (t.front() == '{') params[t.substr(1, t.size() - 2)] = segs[i];
    }
    m.route = &r;
    m.allowed.clear();
    return m;
  }
  return m;
}

}  // namespace tia::http
