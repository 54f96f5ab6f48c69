// tia/base/metrics.h — the process's operational metrics, rendered in the Prometheus text format
// (GET /metrics, docs/operations.md).
//
// Every family is declared once, in metrics.cc, with its type and help: the list there is the
// whole vocabulary, and a name not in it is a programming error (it is dropped, with one log line).
// Label values are fixed vocabularies — a route's template, a status code, a channel, a
// disposition — never an id, an address or a health value.
//
//   metrics::Count("tia_http_requests_total", {{"method", "GET"}, {"route", r}, {"status",
//   "200"}}); metrics::Observe("tia_http_request_duration_seconds", {{"route", r}}, 0.004);
//   std::string text = metrics::Render();
//
// Thread-safe; a counter or an observation costs one short lock of its family.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace tia::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

// A counter goes up by `n` (>= 0).
void Count(const std::string& name, const Labels& labels, double n = 1);
// A gauge moves by `delta`, or is set to `value`.
void Add(const std::string& name, const Labels& labels, double delta);
void Set(const std::string& name, const Labels& labels, double value);
// A gauge family's series are all dropped (before it is filled again from the database, so a label
// set that no longer occurs does not linger).
void Clear(const std::string& name);
// A histogram takes one observation.
void Observe(const std::string& name, const Labels& labels, double value);

// Every family, in the order declared, in the text exposition format 0.0.4.
std::string Render();

// A gauge that goes up now and down when it leaves scope (an open event stream).
class Up {
 public:
  Up(std::string name, Labels labels);
  ~Up();
  Up(const Up&) = delete;
  Up& operator=(const Up&) = delete;

 private:
  std::string name_;
  Labels labels_;
};

}  // namespace tia::metrics
