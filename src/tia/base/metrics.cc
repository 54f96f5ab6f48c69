#include "tia/base/metrics.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "tia/base/log.h"

namespace tia::metrics {
namespace {

// Seconds, from a cached read (0.5 ms) to a slow export (10 s).
const std::vector<double> kSeconds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                      0.1,    0.25,  0.5,    1,     2.5,  5,     10};
const std::vector<double> kBatch = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

struct Definition {
  const char* name;
  const char* type;  // counter, gauge, histogram
  const char* help;
  const std::vector<double>* bounds = nullptr;  // a histogram's upper bounds
  bool labelled = true;                         // false: one series, shown (at 0) from the start
};

// The whole vocabulary (docs/operations.md says what to alert on).
const Definition kDefinitions[] = {
    {"tia_http_requests_total", "counter",
     "HTTP requests answered, by method, route template (\"static\" for the app's files, "
     "\"unmatched\" for no route) and status"},
    {"tia_http_request_duration_seconds", "histogram",
     "Time from a request's arrival to its answer, by method and route template", &kSeconds},
    {"tia_event_streams_open", "gauge", "Live-update event streams open now", nullptr, false},
    {"tia_db_commit_batch_size", "histogram", "Writes made durable together by one group commit",
     &kBatch, false},
    {"tia_db_commit_seconds", "histogram",
     "Time a group commit took from its first write to durable (the sync included)", &kSeconds,
     false},
    {"tia_db_errors_total", "counter",
     "Database errors of the writer, by stage (begin, commit): each failed its whole group"},
    {"tia_db_reconnects_total", "counter",
     "Times the writer reconnected to the database (PostgreSQL restarted or failed over)", nullptr,
     false},
    {"tia_outbox_backlog", "gauge",
     "Messages waiting to be sent (due or not yet due), by channel, read at scrape time"},
    {"tia_outbox_oldest_due_seconds", "gauge",
     "Age of the oldest message that is due and not sent, by channel, read at scrape time"},
    {"tia_outbox_send_failures_total", "counter",
     "Failed sends, by channel (email, sms, zalo, push) and whether the message was given up"},
    {"tia_consultations_waiting", "gauge",
     "Open consultations waiting for the team, by priority, read at scrape time"},
    {"tia_consultations_overdue", "gauge",
     "Open consultations waiting for the team past their published deadline, by priority"},
    {"tia_symptom_checks_total", "counter",
     "Symptom checks stored since start, by disposition (counts only)"},
};

struct Series {
  std::vector<uint64_t> buckets;  // per bound, not cumulative
  double sum = 0;
  uint64_t count = 0;
  double value = 0;
};

struct Family {
  const Definition* def;
  std::mutex mu;
  std::map<std::string, Series> series;  // by rendered labels, sorted for a stable page
};

void Escape(std::string& out, const std::string& v) {
  for (char ch : v) {
    if (ch == '\\') {
      out += "\\\\";
    } else if (ch == '"') {
      out += "\\\"";
    } else if (ch == '\n') {
      out += "\\n";
    } else {
      out += ch;
    }
  }
}

std::string Key(const Labels& labels) {
  std::string out;
  for (const auto& [k, v] : labels) {
    if (!out.empty()) out += ',';
    out += k;
    out += "=\"";
    Escape(out, v);
    out += '"';
  }
  return out;
}

std::string Number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[40];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.9g", v);
  }
  return buf;
}

class Registry {
 public:
  Registry() {
    for (const auto& d : kDefinitions) {
      auto f = std::make_unique<Family>();
      f->def = &d;
      if (!d.labelled) New(*f);
      index_[d.name] = f.get();
      families_.push_back(std::move(f));
    }
  }

  // The family's series for `labels` under its lock, made on first use; nullptr for an unknown
  // name.
  template <class F>
  void With(const std::string& name, const Labels& labels, F&& fn) {
    auto it = index_.find(name);
    if (it == index_.end()) {
      log::Error("metrics.unknown", {{"name", name}});
      return;
    }
    Family& f = *it->second;
    const std::string key = Key(labels);
    std::lock_guard lock(f.mu);
    auto s = f.series.find(key);
    if (s == f.series.end()) s = f.series.emplace(key, New(f, false)).first;
    fn(*f.def, s->second);
  }

  void Clear(const std::string& name) {
    auto it = index_.find(name);
    if (it == index_.end()) return;
    std::lock_guard lock(it->second->mu);
    it->second->series.clear();
  }

  std::string Render() {
    std::string out;
    for (const auto& f : families_) {
      const Definition& d = *f->def;
      out += "# HELP ";
      out += d.name;
      out += ' ';
      out += d.help;
      out += "\n# TYPE ";
      out += d.name;
      out += ' ';
      out += d.type;
      out += '\n';
      std::lock_guard lock(f->mu);
      for (const auto& [key, s] : f->series) {
        if (d.bounds) {
          RenderHistogram(out, d, key, s);
          continue;
        }
        out += d.name;
        if (!key.empty()) out += "{" + key + "}";
        out += ' ';
        out += Number(s.value);
        out += '\n';
      }
    }
    return out;
  }

 private:
  static Series New(Family& f, bool insert = true) {
    Series s;
    if (f.def->bounds) s.buckets.assign(f.def->bounds->size(), 0);
    if (insert) f.series.emplace("", s);
    return s;
  }

  static void RenderHistogram(std::string& out, const Definition& d, const std::string& key,
                              const Series& s) {
    const std::string sep = key.empty() ? "" : key + ",";
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= d.bounds->size(); ++i) {
      const bool inf = i == d.bounds->size();
      cumulative = inf ? s.count : cumulative + s.buckets[i];
      out += d.name;
      out += "_bucket{" + sep + "le=\"" + (inf ? std::string("+Inf") : Number((*d.bounds)[i])) +
             "\"} ";
      out += std::to_string(cumulative);
      out += '\n';
    }
    const std::string labels = key.empty() ? "" : "{" + key + "}";
    out += std::string(d.name) + "_sum" + labels + " " + Number(s.sum) + "\n";
    out += std::string(d.name) + "_count" + labels + " " + std::to_string(s.count) + "\n";
  }

  std::vector<std::unique_ptr<Family>> families_;
  std::unordered_map<std::string, Family*> index_;
};

// Never destroyed: a thread still counting while the process exits finds it whole.
Registry& Global() {
  static auto* r = new Registry();  // NOLINT(cppcoreguidelines-owning-memory)
  return *r;
}

}  // namespace

void Count(const std::string& name, const Labels& labels, double n) {
  Global().With(name, labels, [n](const Definition&, Series& s) { s.value += n; });
}

void Add(const std::string& name, const Labels& labels, double delta) {
  Global().With(name, labels, [delta](const Definition&, Series& s) { s.value += delta; });
}

void Set(const std::string& name, const Labels& labels, double value) {
  Global().With(name, labels, [value](const Definition&, Series& s) { s.value = value; });
}

void Clear(const std::string& name) { Global().Clear(name); }

void Observe(const std::string& name, const Labels& labels, double value) {
  Global().With(name, labels, [value](const Definition& d, Series& s) {
    if (!d.bounds) return;
    for (size_t i = 0; i < d.bounds->size(); ++i) {
      if (value <= (*d.bounds)[i]) {
        ++s.buckets[i];
        break;
      }
    }
    s.sum += value;
    ++s.count;
  });
}

std::string Render() { return Global().Render(); }

Up::Up(std::string name, Labels labels) : name_(std::move(name)), labels_(std::move(labels)) {
  Add(name_, labels_, 1);
}

Up::~Up() { Add(name_, labels_, -1); }

}  // namespace tia::metrics
