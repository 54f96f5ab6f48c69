// tia/app/outbox_worker.h — sends what the outbox holds: booking confirmations and reminders,
// one-time codes, programme messages; by e-mail, text message and Zalo.
//
// A background thread wakes every `interval`, reads the messages that are due, and for each one
// claims it (a compare-and-set, so two servers never both send it), sends it, and marks it sent,
// or schedules a retry with backoff (storage/delivery_queue.h has the policy). One bad message
// never stops the rest of the batch. Nothing personal goes into the log: message id and kind only.
//
//   SmtpMailer mail("127.0.0.1", 25, "tia@hospital.vn");
//   OutboxWorker worker(services, mail, 5000);
//   worker.Start();  ...  worker.Stop();
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "tia/app/context.h"
#include "tia/storage/scheduling.h"

namespace tia::app {

struct MailMessage {
  std::string to;
  std::string subject;
  std::string body;        // UTF-8 text; lines separated by \n
  std::string message_id;  // stable per outbox row, so a receiver can drop a rare duplicate
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  virtual Result<void> Send(const MailMessage& m) = 0;
};

// Plain SMTP to a relay the hospital runs (EHLO, MAIL, RCPT, DATA); 10 s per step.
class SmtpMailer final : public Mailer {
 public:
  SmtpMailer(std::string host, int port, std::string from)
      : host_(std::move(host)), port_(port), from_(std::move(from)) {}
  Result<void> Send(const MailMessage& m) override;

 private:
  std::string host_;
  int port_;
  std::string from_;
};

// Text messages. The logging implementation stands in for a gateway contract (Zalo ZNS, an SMS
// aggregator): it records that a message was handed over, with the number's last two digits and
// the length only, never the text.
class SmsSender {
 public:
  virtual ~SmsSender() = default;
  virtual Result<void> Send(const std::string& to, const std::string& text) = 0;
};

class LoggingSmsSender final : public SmsSender {
 public:
  Result<void> Send(const std::string& to, const std::string& text) override;
};

// For demos and tests, where no gateway is contracted: each message becomes a file in `dir`
// (`<sequence>.sms`: "To: +84901234567", a blank line, the text), written whole or not at all,
// and is logged like LoggingSmsSender. The files hold one-time codes: never in production.
class SpoolSmsSender final : public SmsSender {
 public:
  explicit SpoolSmsSender(std::string dir) : dir_(std::move(dir)) {}
  Result<void> Send(const std::string& to, const std::string& text) override;

 private:
  std::string dir_;
  std::mutex mu_;
  int64_t sequence_ = 0;
};

// The Zalo Notification Service (docs/zalo.md): one template message per request, POSTed as JSON
// {phone, template_id, template_data, tracking_id} with the hospital's access token in the
// `access_token` header. Zalo answers {error, message, data: {msg_id}}: error 0 is sent, any other
// code refuses this message. Not reaching Zalo, or an answer that is not Zalo's, is an Error.
struct ZnsAnswer {
  int error = 0;
  std::string message;
  std::string msg_id;
};

class ZaloSender {
 public:
  virtual ~ZaloSender() = default;
  virtual Result<ZnsAnswer> Send(const std::string& access_token, const std::string& request) = 0;
};

// To `url` (Zalo's https://business.openapi.zalo.me/message/template, or a test's server).
class HttpZaloSender final : public ZaloSender {
 public:
  explicit HttpZaloSender(std::string url) : url_(std::move(url)) {}
  Result<ZnsAnswer> Send(const std::string& access_token, const std::string& request) override;

 private:
  std::string url_;
};

class OutboxWorker {
 public:
  // `mail`, `sms` or `zalo` may be null (not configured: those messages wait, and a Zalo message
  // goes as a text instead); `each_pass` runs before every pass (the waitlist's expired offers
  // are passed on there).
  OutboxWorker(Services& s, Mailer* mail, SmsSender* sms, ZaloSender* zalo, int64_t interval_ms,
               std::function<void()> each_pass = {})
      : s_(s),
        mail_(mail),
        sms_(sms),
        zalo_(zalo),
        interval_ms_(interval_ms),
        each_pass_(std::move(each_pass)) {}
  ~OutboxWorker() { Stop(); }

  void Start();
  void Stop();
  // Runs a pass now instead of at the next interval (a notification to send at once).
  void Wake();
  // One pass: sends every message due now. Returns how many were sent.
  int RunOnce();

 private:
  // A Zalo message: sent, retried, or given up with a text message instead and an entry the
  // hospital sees. True when sent.
  bool SendZalo(const storage::OutboxRow& m);

  Services& s_;
  Mailer* mail_;
  SmsSender* sms_;
  ZaloSender* zalo_;
  int64_t interval_ms_;
  std::function<void()> each_pass_;
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
};

}  // namespace tia::app
