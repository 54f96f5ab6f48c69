#include "tia/http/server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "tia/base/log.h"
#include "tia/base/metrics.h"
#include "tia/http/problem.h"

namespace tia::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using asio::awaitable;
using asio::ip::tcp;
constexpr auto kTuple = asio::experimental::as_tuple(asio::use_awaitable);

struct Server::Impl {
  ServerOptions opt;
  Dispatch dispatch;
  Finalize finalize;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGTERM, SIGINT};
  std::atomic<bool> draining{false};
  std::atomic<int> connections{0};
  std::atomic<int> in_flight{0};
  std::mutex ip_mu;
  std::unordered_map<std::string, int> per_ip;

  Impl(ServerOptions o, Dispatch d, Finalize f)
      : opt(std::move(o)), dispatch(std::move(d)), finalize(std::move(f)), ioc(opt.io_threads) {}

  // Starts the dispatch and resumes on the connection's executor when it responds.
  awaitable<Response> Handle(Request& req) {
    auto exec = co_await asio::this_coro::executor;
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
        [this, &req, exec](auto handler) {
          auto shared = std::make_shared<decltype(handler)>(std::move(handler));
          dispatch(req, [shared, exec](Response resp) {
            asio::post(exec, [shared, resp = std::move(resp)]() mutable {
              std::move (*shared)(std::move(resp));
            });
          });
        },
        asio::use_awaitable);
  }

  static bhttp::response<bhttp::string_body> ToBeast(Response& r, unsigned version,
                                                     bool keep_alive) {
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    res.set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res.insert(k, v);
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    return res;
  }

  awaitable<void> SendError(beast::tcp_stream& stream, int status, const std::string& detail) {
    Response r = ProblemWithStatus(status, detail, nullptr, "-");
    // Refused before routing, so the API's common headers are not added: the one that matters for
    // a problem document is here.
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    auto res = ToBeast(r, 11, false);
    stream.expires_after(std::chrono::seconds(opt.write_timeout_s));
    auto [wec, wn] = co_await bhttp::async_write(stream, res, kTuple);
    if (wec) co_return;
    // Lingering close: the client may still be sending the body just refused. Read and drop it
    // for a moment (at most 2 s and 32 MiB), so that closing with unread data does not reset the
    // connection before the client has read this answer.
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    std::array<char, 16384> sink;
    size_t drained = 0;
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (drained < (32u << 20) && std::chrono::steady_clock::now() < until) {
      stream.expires_at(until);
      auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
      if (rec) break;
      drained += n;
    }
  }

  awaitable<void> Session(tcp::socket socket, std::string ip) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    bool first = true;
    while (!draining) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opt.header_limit));
      parser.body_limit(std::max({opt.body_limit, opt.sync_body_limit, opt.photo_body_limit}));
      stream.expires_after(std::chrono::seconds(first ? opt.read_timeout_s : opt.idle_timeout_s));
      auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      if (ec == bhttp::error::header_limit) {
        co_await SendError(stream, 431, "the request headers are larger than 32 KiB");
        break;
      }
      if (ec == bhttp::error::body_limit) {
        co_await SendError(stream, 413, "the body is larger than 10 MiB");
        break;
      }
      if (ec) {
        // Bytes that did not parse (a space, a control byte or a NUL in the target) are still in
        // the buffer: they get an answer. A silent close is only for a client that sent nothing.
        if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout &&
            (n > 0 || buffer.size() > 0)) {
          co_await SendError(stream, 400, "the request is not valid HTTP/1.1");
        }
        break;
      }
      first = false;
      if (parser.get().target().size() > opt.target_limit) {
        co_await SendError(stream, 414, "the request target is longer than 8 KiB");
        break;
      }
      {
        const auto target = parser.get().target();
        const auto path = target.substr(0, target.find('?'));
        const size_t limit = path.ends_with("/sync") || path.ends_with("/imports")
                                 ? opt.sync_body_limit
                             : path.find("/photos/") != std::string::npos ? opt.photo_body_limit
                                                                          : opt.body_limit;
        if (parser.content_length() && *parser.content_length() > limit) {
          co_await SendError(stream, 413,
                             "the body is larger than " + std::to_string(limit >> 20) +
                                 " MiB, the limit for this request");
          break;
        }
        parser.body_limit(limit);  // also bounds a chunked body as it arrives
      }
      if (!parser.is_done()) {
        stream.expires_after(std::chrono::seconds(opt.read_timeout_s));
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        if (bec == bhttp::error::body_limit) {
          co_await SendError(stream, 413, "the body is larger than the limit for this request");
          break;
        }
        if (bec == beast::error::timeout) {
          co_await SendError(stream, 408, "the body did not arrive in time");
          break;
        }
        if (bec) break;
      }
      auto breq = parser.release();
      Request req;
      req.method = std::string(breq.method_string());
      const std::string target(breq.target());
      const auto q = target.find('?');
      req.path = target.substr(0, q);
      if (q != std::string::npos) ParseQuery(target.substr(q + 1), req.query);
      for (const auto& f : breq) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        req.headers[name] = std::string(f.value());
      }
      req.body = std::move(breq.body());
      req.caller.client_ip = ip;
      const bool keep_alive = breq.keep_alive();
      ++in_flight;
      Response resp = co_await Handle(req);
      if (finalize) finalize(req, resp);
      --in_flight;
      if (resp.stream) {
        co_await Stream(stream, resp);
        break;
      }
      const bool keep = keep_alive && !draining;
      auto res = ToBeast(resp, breq.version(), keep);
      if (req.method == "HEAD") res.body().clear();
      stream.expires_after(std::chrono::seconds(opt.write_timeout_s));
      auto [wec, wn] = co_await bhttp::async_write(stream, res, kTuple);
      if (wec || !keep) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  // A server-sent-events response: the header, then each pushed frame as a chunk, a heartbeat
  // comment when idle, until a write fails (the client left) or the server drains.
  awaitable<void> Stream(beast::tcp_stream& stream, Response& resp) {
    const metrics::Up open("tia_event_streams_open", {});
    bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(resp.status), 11};
    head.set(bhttp::field::content_type, "text/event-stream; charset=utf-8");
    for (auto& [k, v] : resp.headers) head.insert(k, v);
    head.set(bhttp::field::cache_control, "no-store");
    head.keep_alive(false);
    head.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> sr{head};
    stream.expires_after(std::chrono::seconds(opt.write_timeout_s));
    auto [hec, hn] = co_await bhttp::async_write_header(stream, sr, kTuple);
    if (hec) co_return;
    auto events = resp.stream;
    // A publish wakes the wait below at once. The wake-up may run on the other I/O thread in the
    // instant between Take() and the wait starting, and then it is lost; so the wait is also cut
    // into short ticks that look again: a frame is never held back longer than one tick, and
    // the heartbeat goes out after opt.event_heartbeat_s without frames.
    constexpr auto kTick = std::chrono::milliseconds(500);
    auto timer = std::make_shared<asio::steady_timer>(stream.get_executor());
    events->SetWake(
        [timer, exec = stream.get_executor()] { asio::post(exec, [timer] { timer->cancel(); }); });
    std::string pending = ": stream open\n\n";
    auto idle_since = std::chrono::steady_clock::now();
    while (!draining) {
      for (auto& f : events->Take()) pending += f;
      if (!pending.empty()) {
        stream.expires_after(std::chrono::seconds(opt.write_timeout_s));
        auto [wec, wn] =
            co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(pending)), kTuple);
        if (wec) break;
        pending.clear();
        idle_since = std::chrono::steady_clock::now();
        continue;
      }
      timer->expires_after(kTick);
      co_await timer->async_wait(kTuple);
      if (std::chrono::steady_clock::now() - idle_since >=
          std::chrono::seconds(opt.event_heartbeat_s)) {
        pending = ": heartbeat\n\n";  // nothing happened for a while: show the line is alive
      }
    }
    events->SetWake(nullptr);
    stream.expires_after(std::chrono::seconds(opt.write_timeout_s));
    co_await asio::async_write(stream, bhttp::make_chunk_last(), kTuple);
  }

  static void ParseQuery(const std::string& q, std::map<std::string, std::string>& out) {
    size_t i = 0;
    while (i <= q.size()) {
      size_t amp = q.find('&', i);
      if (amp == std::string::npos) amp = q.size();
      const std::string pair = q.substr(i, amp - i);
      const size_t eq = pair.find('=');
      if (!pair.empty()) {
        out[Decode(pair.substr(0, eq))] =
            eq == std::string::npos ? "" : Decode(pair.substr(eq + 1));
      }
      i = amp + 1;
    }
  }

  static std::string Decode(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') {
        out.push_back(' ');
      } else if (s[i] == '%' && i + 2 < s.size() &&
                 std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                 std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        out.push_back(static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16)));
        i += 2;
      } else {
        out.push_back(s[i]);
      }
    }
    return out;
  }

  bool Admit(const std::string& ip) {
    if (connections.load() >= opt.max_connections) return false;
    std::lock_guard lock(ip_mu);
    int& n = per_ip[ip];
    if (n >= opt.max_connections_per_ip) return false;
    ++n;
    ++connections;
    return true;
  }

  void Leave(const std::string& ip) {
    std::lock_guard lock(ip_mu);
    if (--per_ip[ip] == 0) per_ip.erase(ip);
    --connections;
  }

  awaitable<void> Accept() {
    while (!draining) {
      auto [ec, socket] = co_await acceptor.async_accept(kTuple);
      if (ec) {
        if (draining || ec == asio::error::operation_aborted) break;
        continue;
      }
      beast::error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      const std::string ip = socket.remote_endpoint(ignored).address().to_string();
      if (!Admit(ip)) {
        socket.close(ignored);  // over the cap: refuse before reading anything
        continue;
      }
      auto exec = socket.get_executor();
      asio::co_spawn(exec, Session(std::move(socket), ip), [this, ip](const std::exception_ptr& e) {
        Leave(ip);
        if (e) {
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& ex) {
            log::Error("http.session_exception", {{"what", ex.what()}});
          }
        }
      });
    }
  }

  void BeginDrain() {
    if (draining.exchange(true)) return;
    log::Info("http.draining", {{"in_flight", in_flight.load()}});
    beast::error_code ignored;
    acceptor.close(ignored);
    // Wait for requests in flight (bounded), then stop the I/O threads.
    std::thread([this] {
      const auto deadline =
          std::chrono::steady_clock::now() + std::chrono::seconds(opt.drain_timeout_s);
      while (in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      ioc.stop();
    }).detach();
  }
};

Server::Server(ServerOptions options, Dispatch dispatch, Finalize finalize)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(dispatch), std::move(finalize))) {}

Server::~Server() = default;

Result<int> Server::Listen() {
  beast::error_code ec;
  const auto addr = asio::ip::make_address(impl_->opt.address, ec);
  if (ec) return Invalid("listen", "is not an IP address: " + impl_->opt.address);
  tcp::endpoint ep(addr, static_cast<unsigned short>(impl_->opt.port));
  auto& a = impl_->acceptor;
  a.open(ep.protocol(), ec);
  if (!ec) a.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(ep, ec);
  if (!ec) a.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Fail(ErrorCode::kUnavailable, "cannot listen on " + impl_->opt.address + ":" +
                                             std::to_string(impl_->opt.port) + ": " + ec.message());
  }
  return static_cast<int>(a.local_endpoint().port());
}

void Server::Run() {
  auto* impl = impl_.get();
  impl->signals.async_wait([impl](const beast::error_code& ec, int) {
    if (!ec) impl->BeginDrain();
  });
  asio::co_spawn(impl->ioc, impl->Accept(), asio::detached);
  std::vector<std::thread> threads;
  for (int i = 1; i < impl->opt.io_threads; ++i) threads.emplace_back([impl] { impl->ioc.run(); });
  impl->ioc.run();
  for (auto& t : threads) t.join();
}

void Server::Stop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->BeginDrain(); });
}

}  // namespace tia::http
