// tia/http/server.h — the HTTP/1.1 server (Boost.Beast, C++20 coroutines).
//
// Follows the settings checklist of research/stack.md 1.4: TCP_NODELAY on every socket, header
// limit 32 KiB (431) with a request line of at most 8 KiB (414), body limit 1 MiB (413, at once
// when Content-Length says more), 10 s to read a request, 15 s keep-alive idle, 30 s to write a
// response, a cap on open connections (total and per client address), and a graceful drain on
// SIGTERM/SIGINT: stop accepting, finish requests in flight (up to 30 s), then stop.
//
// Handlers run on a worker pool, not on the I/O threads, because they may block on a database
// commit; that is what lets many requests share one group commit.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "tia/base/result.h"
#include "tia/http/message.h"

namespace tia::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  int port = 8080;  // 0 = any free port
  int io_threads = 2;
  int worker_threads = 48;
  size_t body_limit = 1 << 20;
  size_t header_limit = 32 << 10;
  size_t target_limit = 8 << 10;
  int read_timeout_s = 10;
  int idle_timeout_s = 15;
  int write_timeout_s = 30;
  int max_connections = 2048;
  int max_connections_per_ip = 512;
  int drain_timeout_s = 30;
};

// Turns a parsed request into a response. Called on a worker thread; must not throw.
using Dispatch = std::function<Response(Request&)>;

class Server {
 public:
  Server(ServerOptions options, Dispatch dispatch);
  ~Server();

  // Binds and listens; returns the bound port.
  Result<int> Listen();
  // Serves until SIGTERM/SIGINT (or Stop()), then drains. Blocks.
  void Run();
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tia::http
