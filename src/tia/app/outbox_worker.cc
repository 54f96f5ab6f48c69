#include "tia/app/outbox_worker.h"

#include <fmt/format.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <istream>

#include "tia/app/messaging.h"
#include "tia/app/web_push.h"
#include "tia/auth/passwords.h"
#include "tia/base/log.h"
#include "tia/base/metrics.h"
#include "tia/domain/json_reader.h"
#include "tia/domain/zalo.h"
#include "tia/storage/delivery_queue.h"
#include "tia/storage/scheduling.h"

namespace tia::app {
namespace {

namespace asio = boost::asio;
namespace delivery = storage::delivery;
using asio::ip::tcp;
constexpr auto kOutbox = delivery::Queue::kOutbox;

Error SmtpError(std::string what) {
  return Error{ErrorCode::kUnavailable, "smtp: " + std::move(what), "", 0};
}

// A reply's code; multi-line replies ("250-...") are read to their last line.
Result<int> ReadReply(tcp::socket& sock, asio::streambuf& buf) {
  for (;;) {
    boost::system::error_code ec;
    asio::read_until(sock, buf, "\r\n", ec);
    if (ec) return tl::unexpected(SmtpError("connection closed while waiting for a reply"));
    std::istream in(&buf);
    std::string line;
    std::getline(in, line);
    if (line.size() < 4) return tl::unexpected(SmtpError("malformed reply"));
    if (line[3] == ' ' || line[3] == '\r') return std::stoi(line.substr(0, 3));
  }
}

Result<void> Step(tcp::socket& sock, asio::streambuf& buf, const std::string& line, int want,
                  const char* what) {
  boost::system::error_code ec;
  if (!line.empty()) asio::write(sock, asio::buffer(line), ec);
  if (ec) return tl::unexpected(SmtpError(std::string("cannot send ") + what));
  TIA_ASSIGN_OR_RETURN(int code, ReadReply(sock, buf));
  if (code / 100 != want / 100) {
    return tl::unexpected(SmtpError(std::string(what) + " refused with " + std::to_string(code)));
  }
  return Ok();
}

// RFC 2047 for a UTF-8 header; the body goes as 8-bit UTF-8 with dot-stuffing.
std::string EncodedWord(const std::string& s) {
  static constexpr const char* kB64 =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < s.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(s[i]) << 16) |
                       (static_cast<unsigned char>(s[i + 1]) << 8) |
                       static_cast<unsigned char>(s[i + 2]);
    out += {kB64[(v >> 18) & 63], kB64[(v >> 12) & 63], kB64[(v >> 6) & 63], kB64[v & 63]};
  }
  if (i + 1 == s.size()) {
    const unsigned v = static_cast<unsigned char>(s[i]) << 16;
    out += {kB64[(v >> 18) & 63], kB64[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == s.size()) {
    const unsigned v =
        (static_cast<unsigned char>(s[i]) << 16) | (static_cast<unsigned char>(s[i + 1]) << 8);
    out += {kB64[(v >> 18) & 63], kB64[(v >> 12) & 63], kB64[(v >> 6) & 63], '='};
  }
  return "=?UTF-8?B?" + out + "?=";
}

bool SafeAddress(const std::string& a) {
  return !a.empty() && a.find_first_of("\r\n<>") == std::string::npos;
}

}  // namespace

Result<void> SmtpMailer::Send(const MailMessage& m) {
  if (!SafeAddress(m.to) || !SafeAddress(from_)) {
    return Fail(ErrorCode::kInvalidArgument, "smtp: an address with line breaks or brackets");
  }
  asio::io_context io;
  tcp::socket sock(io);
  boost::system::error_code ec;
  tcp::resolver resolver(io);
  auto endpoints = resolver.resolve(host_, std::to_string(port_), ec);
  if (ec) return tl::unexpected(SmtpError("cannot resolve the relay"));
  asio::connect(sock, endpoints, ec);
  if (ec) return tl::unexpected(SmtpError("cannot connect to the relay"));
  const timeval tv{10, 0};
  ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(sock.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  asio::streambuf buf;
  TIA_TRY(Step(sock, buf, "", 220, "greeting"));
  TIA_TRY(Step(sock, buf, "EHLO tia\r\n", 250, "EHLO"));
  TIA_TRY(Step(sock, buf, "MAIL FROM:<" + from_ + ">\r\n", 250, "MAIL FROM"));
  TIA_TRY(Step(sock, buf, "RCPT TO:<" + m.to + ">\r\n", 250, "RCPT TO"));
  TIA_TRY(Step(sock, buf, "DATA\r\n", 354, "DATA"));
  std::string data = "From: Tia <" + from_ + ">\r\nTo: <" + m.to +
                     ">\r\nSubject: " + EncodedWord(m.subject) + "\r\nMessage-ID: " + m.message_id +
                     "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n";
  size_t start = 0;
  while (start <= m.body.size()) {
    size_t end = m.body.find('\n', start);
    if (end == std::string::npos) end = m.body.size();
    std::string line = m.body.substr(start, end - start);
    if (!line.empty() && line[0] == '.') line.insert(0, ".");
    data += line + "\r\n";
    start = end + 1;
  }
  data += ".\r\n";
  TIA_TRY(Step(sock, buf, data, 250, "message"));
  (void)Step(sock, buf, "QUIT\r\n", 221, "QUIT");
  return Ok();
}

Result<void> LoggingSmsSender::Send(const std::string& to, const std::string& text) {
  log::Info("sms.handed_over", {{"to_ends_with", to.size() >= 2 ? to.substr(to.size() - 2) : ""},
                                {"chars", static_cast<int64_t>(text.size())}});
  return Ok();
}

Result<void> SpoolSmsSender::Send(const std::string& to, const std::string& text) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Fail(ErrorCode::kUnavailable, "sms spool: cannot create the directory");
  std::string name;
  {
    std::lock_guard lock(mu_);
    // A sequence, so one server's files sort in the order they were sent, and a random part, so
    // two servers sharing the directory never write the same file.
    name = fmt::format("{:010}-{}", ++sequence_, auth::RandomToken(6));
  }
  const fs::path tmp = fs::path(dir_) / (name + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary);
    out << "To: " << to << "\n\n" << text << "\n";
    if (!out.flush()) return Fail(ErrorCode::kUnavailable, "sms spool: cannot write");
  }
  fs::rename(tmp, fs::path(dir_) / (name + ".sms"), ec);
  if (ec) return Fail(ErrorCode::kUnavailable, "sms spool: cannot write");
  return LoggingSmsSender().Send(to, text);
}

Result<ZnsAnswer> HttpZaloSender::Send(const std::string& access_token,
                                       const std::string& request) {
  TIA_ASSIGN_OR_RETURN(const webpush::Url url, webpush::ParseUrl(url_));
  webpush::HttpPushTransport http;
  TIA_ASSIGN_OR_RETURN(
      const webpush::PushAnswer answer,
      http.Post(url, {{"Content-Type", "application/json"}, {"access_token", access_token}},
                request));
  if (answer.status != 200) {
    return Fail(ErrorCode::kUnavailable, "zalo: HTTP " + std::to_string(answer.status));
  }
  auto json = domain::ParseStored(answer.body);
  if (!json || !json->is_object() || !(*json)["error"].is_number_integer()) {
    return Fail(ErrorCode::kUnavailable, "zalo: an answer without an error code");
  }
  ZnsAnswer out{(*json)["error"].get<int>(), json->value("message", std::string()), ""};
  if (const auto data = json->find("data"); data != json->end() && data->is_object()) {
    out.msg_id = data->value("msg_id", std::string());
  }
  return out;
}

bool OutboxWorker::SendZalo(const storage::OutboxRow& m) {
  namespace zalo = domain::zalo;
  const auto parsed = domain::ParseStored(m.body);
  const domain::Json body = parsed ? *parsed : domain::Json::object();
  const int64_t hospital = body.value("hospital_id", int64_t{0});
  // The hospital's token, read now: a token changed since the message was queued is the one used.
  std::optional<std::string> token;
  if (auto account = s_.db->Read([&](storage::Connection& c) { return msg::ZaloOf(c, hospital); });
      account && *account) {
    token = (*account)->token;
  }
  int code = 0;
  std::string meaning;
  bool retry = false;
  if (!token || !zalo_) {
    meaning = "Zalo is switched off for this hospital";
  } else {
    const domain::Json request = {{"phone", m.recipient},
                                  {"template_id", body.value("template_id", std::string())},
                                  {"template_data", body.value("template_data", domain::Json())},
                                  {"tracking_id", "tia-" + std::to_string(m.id)}};
    const auto answer = zalo_->Send(*token, request.dump());
    if (answer && answer->error == 0) {
      const auto mark = s_.db->Write([&](storage::Connection& c) {
        return delivery::MarkSent(c, kOutbox, m.id, s_.clock->NowMs());
      });
      if (!mark) log::Warn("outbox.mark_failed", {{"id", m.id}, {"error", mark.error().message}});
      log::Info("outbox.sent", {{"id", m.id}, {"kind", m.kind}, {"channel", "zalo"}});
      return true;
    }
    code = answer ? answer->error : 0;
    meaning = answer ? zalo::MeaningOf(code) : answer.error().message;
    // Not reached, or "try again later": again with backoff, except a one-time code, which
    // cannot wait.
    retry = (!answer || zalo::IsTransient(code)) && m.subject != "code";
  }
  const int64_t after = s_.clock->NowMs();
  const int64_t attempts = m.attempts + 1;
  const bool give_up = !retry || attempts >= delivery::kMaxAttempts;
  const std::string error = code ? "zalo " + std::to_string(code) + ": " + meaning : meaning;
  const std::string sms = body.value("sms", std::string());
  const std::string sms_to = body.value("sms_to", std::string());
  const bool instead = give_up && !sms.empty() && !sms_to.empty();
  const auto mark = s_.db->Write([&](storage::Connection& c) -> Result<void> {
    TIA_TRY(delivery::MarkRetry(c, kOutbox, m.id, error, after + delivery::RetryDelayMs(attempts),
                                give_up));
    if (!give_up) return Ok();
    if (instead) TIA_TRY(storage::outbox::EnqueueInstead(c, m, "sms", sms_to, sms, after));
    if (!hospital) return Ok();
    return storage::incidents::Add(
        c, hospital, {after, "zalo", m.kind, code, meaning, instead ? "sms" : "none"});
  });
  if (!mark) log::Warn("outbox.mark_failed", {{"id", m.id}, {"error", mark.error().message}});
  metrics::Count("tia_outbox_send_failures_total",
                 {{"channel", "zalo"}, {"gave_up", give_up ? "true" : "false"}});
  log::Warn("outbox.send_failed", {{"id", m.id},
                                   {"kind", m.kind},
                                   {"channel", "zalo"},
                                   {"code", static_cast<int64_t>(code)},
                                   {"attempts", attempts},
                                   {"gave_up", give_up},
                                   {"instead", instead ? "sms" : "none"}});
  if (instead) Wake();  // the text goes in the next pass, now
  return false;
}

int OutboxWorker::RunOnce() {
  if (each_pass_) each_pass_();
  const int64_t now = s_.clock->NowMs();
  auto due = s_.db->Read(
      [&](storage::Connection& c) { return storage::outbox::Due(c, now, delivery::kBatch); });
  if (!due) {
    log::Warn("outbox.read_failed", {{"error", due.error().message}});
    return 0;
  }
  int sent = 0;
  for (const auto& m : *due) {
    const bool sms = m.channel == "sms";
    const bool zalo = m.channel == "zalo";
    if ((sms && !sms_) || (!sms && !zalo && !mail_)) continue;  // no sender: it waits
    bool claimed = false;
    auto claim = s_.db->Write([&](storage::Connection& c) -> Result<void> {
      TIA_ASSIGN_OR_RETURN(claimed,
                           delivery::Claim(c, kOutbox, m.id, now, now + delivery::kLeaseMs));
      return Ok();
    });
    if (!claim || !claimed) continue;  // another sender has it, or the database is busy
    if (zalo) {
      sent += SendZalo(m) ? 1 : 0;
      continue;
    }
    const auto result = sms ? sms_->Send(m.recipient, m.body)
                            : mail_->Send({m.recipient, m.subject, m.body,
                                           "<outbox-" + std::to_string(m.id) + "@tia>"});
    const int64_t after = s_.clock->NowMs();
    Result<void> mark = Ok();
    if (result) {
      mark = s_.db->Write(
          [&](storage::Connection& c) { return delivery::MarkSent(c, kOutbox, m.id, after); });
      ++sent;
      log::Info("outbox.sent", {{"id", m.id}, {"kind", m.kind}});
    } else {
      const int64_t attempts = m.attempts + 1;
      const bool give_up = attempts >= delivery::kMaxAttempts;
      mark = s_.db->Write([&](storage::Connection& c) {
        return delivery::MarkRetry(c, kOutbox, m.id, result.error().message,
                                   after + delivery::RetryDelayMs(attempts), give_up);
      });
      metrics::Count("tia_outbox_send_failures_total",
                     {{"channel", sms ? "sms" : "email"}, {"gave_up", give_up ? "true" : "false"}});
      log::Warn("outbox.send_failed", {{"id", m.id},
                                       {"kind", m.kind},
                                       {"attempts", attempts},
                                       {"error", result.error().message},
                                       {"gave_up", give_up}});
    }
    if (!mark) log::Warn("outbox.mark_failed", {{"id", m.id}, {"error", mark.error().message}});
  }
  return sent;
}

void OutboxWorker::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    while (!stop_) {
      lock.unlock();
      RunOnce();
      lock.lock();
      cv_.wait_for(lock, std::chrono::milliseconds(interval_ms_),
                   [this] { return stop_ || woken_; });
      woken_ = false;
    }
  });
}

void OutboxWorker::Wake() {
  {
    std::lock_guard lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void OutboxWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tia::app
