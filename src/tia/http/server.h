// tia/http/server.h — the HTTP/1.1 server (Boost.Beast, C++20 coroutines).
//
// Follows the settings checklist of research/stack.md 1.4: TCP_NODELAY on every socket, header
// limit 32 KiB (431) with a request line of at most 8 KiB (414), body limit 1 MiB (413, at once
// when Content-Length says more), 10 s to read a request, 15 s keep-alive idle, 30 s to write a
// response, a cap on open connections (total and per client address), and a graceful drain on
// SIGTERM/SIGINT: stop accepting, finish requests in flight (up to 30 s), then stop. A batch sync
// (a path ending in /sync) may send up to 5 MiB, a photo (a path with /photos/) up to 10 MiB. A
// response with an EventStream stays open as text/event-stream (chunked), sending what is pushed
// and a heartbeat comment every 15 s, until the client leaves or the server drains.
//
// The dispatch answers through a callback that may be called from any thread (an I/O thread, a
// worker, the database's writer after a group commit); the connection resumes on its own I/O
// thread. So a request waiting for a durable commit holds no thread, and many requests share one
// group commit.
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
  size_t body_limit = 1 << 20;
  size_t sync_body_limit = 5 << 20;    // batch sync (a path ending in /sync): 500 records; imports
  size_t photo_body_limit = 10 << 20;  // for a photo (a path with /photos/): 10 MiB
  int event_heartbeat_s = 15;          // a comment line on idle event streams, through proxies
  size_t header_limit = 32 << 10;
  size_t target_limit = 8 << 10;
  int read_timeout_s = 10;
  int idle_timeout_s = 15;
  int write_timeout_s = 30;
  int max_connections = 2048;
  int max_connections_per_ip = 512;
  int drain_timeout_s = 30;
};

// Delivers the response; call exactly once, from any thread. `Request` stays valid until then.
using Respond = std::function<void(Response)>;
// Starts handling a parsed request. Called on an I/O thread; must not block or throw.
using Dispatch = std::function<void(Request&, Respond)>;
// Runs on the connection's I/O thread once the response is back, before it is written (headers
// common to every response, the access log): work kept off whichever thread answered.
using Finalize = std::function<void(Request&, Response&)>;

class Server {
 public:
  Server(ServerOptions options, Dispatch dispatch, Finalize finalize = nullptr);
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
