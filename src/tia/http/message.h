// tia/http/message.h — Tia's own request and response, free of the HTTP library's types.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "tia/app/context.h"

namespace tia::http {

struct Request {
  std::string method;  // "GET", "PUT", ...
  std::string path;    // decoded path without the query
  std::map<std::string, std::string> query;
  std::unordered_map<std::string, std::string> headers;  // lower-case names
  std::unordered_map<std::string, std::string> params;   // from the route template
  std::string body;
  app::Caller caller;
  std::string route;  // the matched route template, for logs and audit
  std::chrono::steady_clock::time_point received_at;

  const std::string& Header(const std::string& lower_name) const;
};

// The frames of a server-sent-events response (text/event-stream), pushed from any thread while
// the connection writes them. The server closes it when the client leaves or on shutdown.
class EventStream {
 public:
  ~EventStream() {
    if (on_close_) on_close_();
  }
  // Queues one event (`data` on one line) and wakes the writer.
  void Send(const std::string& event, const std::string& data) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mu_);
      frames_.push_back("event: " + event + "\ndata: " + data + "\n\n");
      wake = wake_;
    }
    if (wake) wake();
  }
  // For the server: takes what is queued; sets how to wake it.
  std::deque<std::string> Take() {
    std::lock_guard lock(mu_);
    return std::exchange(frames_, {});
  }
  void SetWake(std::function<void()> wake) {
    std::lock_guard lock(mu_);
    wake_ = std::move(wake);
  }
  // Runs when the stream ends (unsubscribe).
  void OnClose(std::function<void()> f) { on_close_ = std::move(f); }

 private:
  std::mutex mu_;
  std::deque<std::string> frames_;
  std::function<void()> wake_;
  std::function<void()> on_close_;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::shared_ptr<EventStream> stream;  // set: a server-sent-events response
};

}  // namespace tia::http
