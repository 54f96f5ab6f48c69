// tia/app/events.h — live updates: who should look again at what.
//
// A use case publishes a small event on a channel — a hospital's clinicians ("hospital:7") or one
// mother ("mother:42") — and every open server-sent-events stream on that channel gets it. Events
// carry ids and what changed, never health data: the page refetches what it needs through the
// audited API. In-process: with several servers behind a load balancer a client also polls (the
// web app refetches when it comes back to the foreground). Thread-safe.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace tia::app {

class EventHub {
 public:
  using Listener = std::function<void(const std::string& event_json)>;

  static std::string HospitalChannel(int64_t hospital_id) {
    return "hospital:" + std::to_string(hospital_id);
  }
  static std::string MotherChannel(int64_t mother_id) {
    return "mother:" + std::to_string(mother_id);
  }

  // Returns a handle for Unsubscribe. The listener runs on the publisher's thread: keep it short.
  int Subscribe(const std::string& channel, Listener listener) {
    std::lock_guard lock(mu_);
    const int id = ++next_;
    listeners_[id] = {channel, std::move(listener)};
    return id;
  }
  void Unsubscribe(int id) {
    std::lock_guard lock(mu_);
    listeners_.erase(id);
  }
  // Listeners run outside the lock, so one may unsubscribe (or end its stream) meanwhile.
  void Publish(const std::string& channel, const std::string& event_json) {
    std::vector<Listener> targets;
    {
      std::lock_guard lock(mu_);
      for (auto& [id, l] : listeners_) {
        if (l.first == channel) targets.push_back(l.second);
      }
    }
    for (auto& l : targets) l(event_json);
  }
  size_t Subscribers() {
    std::lock_guard lock(mu_);
    return listeners_.size();
  }

 private:
  std::mutex mu_;
  int next_ = 0;
  std::map<int, std::pair<std::string, Listener>> listeners_;
};

}  // namespace tia::app
