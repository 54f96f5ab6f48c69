// One-time codes: signing in with a phone number, choosing a new password after forgetting it,
// and confirming the phone number she signs in with.
//
// A code is 6 digits, valid 10 minutes, allows 5 tries and is used once; only its hash is kept,
// bound to what it is for and where it went. Asking for a code answers the same whether or not an
// account has that number or address (no way to learn who uses Tia), and the message leaves
// through the outbox like a booking reminder, so the answer takes the same time either way. At
// most one code a minute and five an hour go to one number or address: an SMS costs the hospital
// money, and a stranger must not be able to flood her phone.
#include <algorithm>

#include "tia/app/access.h"
#include "tia/app/accounts.h"
#include "tia/app/messaging.h"
#include "tia/auth/passwords.h"
#include "tia/storage/scheduling.h"

namespace tia::app {
namespace {

using storage::Connection;

constexpr int64_t kCodeTries = 5;
constexpr int64_t kCodesPerHour = 5;

std::string CodeHash(const std::string& purpose, const std::string& target,
                     const std::string& code) {
  return auth::TokenHash(purpose + ":" + target + ":" + code);
}

// The message that carries the code, in her language. It says what the code is for and that no
// one, not even the hospital, will ask for it.
struct CodeMessage {
  std::string subject;
  std::string body;
};
CodeMessage CodeMessageFor(const std::string& purpose, engine::Lang lang, const std::string& code) {
  const bool vi = lang == engine::Lang::kVi;
  const std::string valid = vi ? " Mã dùng được 10 phút." : " It works for 10 minutes.";
  const std::string secret = vi ? " Đừng đưa mã này cho ai, kể cả nhân viên bệnh viện."
                                : " Do not give it to anyone, not even hospital staff.";
  if (purpose == "staff_invite") {
    return {vi ? "Tài khoản Tia của bạn" : "Your Tia staff account",
            vi ? "Bệnh viện đã tạo tài khoản Tia cho bạn với e-mail này. Để đặt mật khẩu, mở Tia, "
                 "chọn \"Quên mật khẩu?\", nhập e-mail này và mã: " +
                     code + ". Mã dùng được 7 ngày."
               : "Your hospital made a Tia account for you with this e-mail address. To choose "
                 "your password, open Tia, choose \"Forgot your password?\", enter this address "
                 "and the code: " +
                     code + ". It works for 7 days."};
  }
  if (purpose == "staff_reset") {
    return {vi ? "Đặt lại mật khẩu Tia" : "Your Tia password was reset",
            vi ? "Quản trị viên bệnh viện đã đặt lại mật khẩu Tia của bạn. Để chọn mật khẩu mới, "
                 "mở Tia, chọn \"Quên mật khẩu?\", nhập e-mail này và mã: " +
                     code + ". Mã dùng được 24 giờ."
               : "Your hospital's administrator reset your Tia password. To choose a new one, "
                 "open Tia, choose \"Forgot your password?\", enter this address and the code: " +
                     code + ". It works for 24 hours."};
  }
  if (purpose == "sign_in") {
    return {vi ? "Mã đăng nhập Tia" : "Your Tia sign-in code",
            (vi ? "Mã đăng nhập Tia của bạn: " : "Your Tia sign-in code: ") + code + "." + valid +
                secret};
  }
  if (purpose == "password_reset") {
    return {vi ? "Mã đặt lại mật khẩu Tia" : "Your Tia password reset code",
            (vi ? "Mã đặt lại mật khẩu Tia: " : "Your Tia password reset code: ") + code + "." +
                valid + secret +
                (vi ? " Nếu bạn không yêu cầu, hãy bỏ qua tin này: mật khẩu vẫn giữ nguyên."
                    : " If you did not ask for it, ignore this message: your password stays.")};
  }
  return {vi ? "Mã xác nhận số điện thoại" : "Your code to confirm this phone number",
          (vi ? "Mã xác nhận số điện thoại này cho Tia: "
              : "Your code to confirm this number for Tia: ") +
              code + "." + valid + secret};
}

Error SignInFirst() { return Error{ErrorCode::kUnauthenticated, "sign in first", {}, 0}; }

tl::unexpected<Error> WrongCode(ErrorCode code) {
  return Fail(code, "the code is wrong or has expired; ask for a new one", "/code");
}

// Where a reset code goes: {email} or {phone}, exactly one, as stored.
struct ResetTarget {
  bool by_email = false;
  std::string target;
};
Result<ResetTarget> ReadResetTarget(const std::optional<std::string>& email,
                                    const std::optional<std::string>& phone) {
  if (email.has_value() == phone.has_value()) {
    return Invalid("/email", "give either the e-mail address or the phone number of the account");
  }
  if (email) {
    TIA_ASSIGN_OR_RETURN(std::string target, NormaliseEmail(*email, "/email"));
    return ResetTarget{true, std::move(target)};
  }
  TIA_ASSIGN_OR_RETURN(std::string target, NormalisePhone(*phone, "/phone"));
  return ResetTarget{false, std::move(target)};
}

}  // namespace

Result<std::string> NormalisePhone(const std::string& phone, const std::string& field) {
  const auto invalid = [&] { return Invalid(field, "must be a phone number, like 0901 234 567"); };
  std::string digits;
  bool plus = false;
  for (const char ch : phone) {
    if (ch >= '0' && ch <= '9') {
      digits += ch;
    } else if (ch == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (ch != ' ' && ch != '-' && ch != '.' && ch != '(' && ch != ')') {
      return invalid();
    }
  }
  if (!plus && digits.starts_with("00")) {
    digits.erase(0, 2);  // the international prefix dialled from Viet Nam
    plus = true;
  }
  if (!plus && digits.size() == 10 && digits.front() == '0') {
    digits = "84" + digits.substr(1);  // a Vietnamese number as dialled at home
    plus = true;
  }
  if (plus && digits.starts_with("840") && digits.size() == 12) digits.erase(2, 1);  // +84 0901...
  if (!plus || digits.size() < 8 || digits.size() > 15 || digits.front() == '0') return invalid();
  if (digits.starts_with("84") && digits.size() != 11) return invalid();
  return "+" + digits;
}

Result<void> Accounts::IssueCode(const storage::UserRow& user, const std::string& purpose,
                                 const std::string& target, const Caller& caller,
                                 const CodeSend& how) {
  const int64_t now = s_.clock->NowMs();
  const std::string code = auth::NumericCode(6);
  const std::string kind = how.message.empty() ? purpose : how.message;
  const int64_t valid_ms = how.valid_ms;
  const CodeMessage text = CodeMessageFor(kind, caller.lang, code);
  // To a phone: by text message, or by Zalo when she chose it (a text stands in if Zalo cannot);
  // to an e-mail address: by e-mail.
  msg::Message m;
  m.kind = kind;
  m.due_at = now;
  m.expires_at = now + valid_ms;
  const bool by_phone = target.starts_with('+');
  if (by_phone) {
    m.sms = text.body;
    m.sms_only_instead = true;
    m.purpose = "code";
    m.values = {{"code", code}, {"minutes", std::to_string(valid_ms / kMinuteMs)}};
  } else {
    m.subject = text.subject;
    m.text = text.body;
  }
  const storage::AuditEvent audit{now,
                                  std::nullopt,
                                  "",
                                  user.hospital_id,
                                  user.id,
                                  purpose + "_code",
                                  "account",
                                  "sent",
                                  caller.client_ip,
                                  caller.request_id};
  bool issued = false;
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    if (how.throttled) {
      TIA_ASSIGN_OR_RETURN(const int64_t last_minute,
                           storage::codes::CountSince(c, purpose, target, now - kCodeResendMs));
      TIA_ASSIGN_OR_RETURN(const int64_t last_hour,
                           storage::codes::CountSince(c, purpose, target, now - kHourMs));
      if (last_minute > 0 || last_hour >= kCodesPerHour) return Ok();
    }
    TIA_TRY(storage::codes::Insert(
        c, {0, user.id, purpose, target, CodeHash(purpose, target, code), now, now + valid_ms, 0}));
    TIA_ASSIGN_OR_RETURN(auto her, msg::AudienceOf(c, user.id));
    msg::Audience to = her.value_or(msg::Audience{});
    to.user_id = user.id;
    to.email = by_phone ? "" : target;
    to.phone = by_phone ? target : "";
    to.by_email = !by_phone;
    to.by_sms = false;  // the text is sent "instead" of Zalo: always, unless Zalo carries it
    if (!by_phone) to.by_zalo = false;
    TIA_TRY(msg::Send(c, to, m));
    issued = true;
    return storage::audit::Append(c, audit);
  }));
  if (issued && s_.wake_sender) s_.wake_sender();
  return Ok();
}

Result<int64_t> Accounts::RedeemCode(const std::string& purpose, const std::string& target,
                                     const std::string& typed, ErrorCode wrong) {
  const std::string code = auth::NormaliseCode(typed);  // as a phone's keyboard or a copy gives it
  const int64_t now = s_.clock->NowMs();
  std::optional<int64_t> owner;
  // A wrong try is counted (and kept): the transaction ends well, the answer is the error.
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(auto live, storage::codes::Live(c, purpose, target, now));
    if (!live || live->attempts >= kCodeTries) return Ok();
    if (!auth::SafeEquals(live->code_hash, CodeHash(purpose, target, code))) {
      return storage::codes::AddAttempt(c, live->id);
    }
    TIA_ASSIGN_OR_RETURN(const bool used, storage::codes::Use(c, live->id, now));
    if (used) owner = live->user_id;
    return Ok();
  }));
  if (!owner) return WrongCode(wrong);
  return *owner;
}

Result<void> Accounts::SendSignInCode(const Json& body, const Caller& caller) {
  domain::FieldReader r(body, "");
  auto phone = r.String("phone", 32, true);
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(const std::string target, NormalisePhone(*phone, "/phone"));
  TIA_ASSIGN_OR_RETURN(
      auto user, s_.db->Read([&](Connection& c) { return storage::users::ByPhone(c, target); }));
  if (!user) return Ok();  // the same answer: nobody learns whether this number has an account
  return IssueCode(*user, "sign_in", target, caller);
}

Result<NewSession> Accounts::SignInWithCode(const Json& body, const Caller& caller) {
  domain::FieldReader r(body, "");
  auto phone = r.String("phone", 32, true);
  auto code = r.String("code", 16, true);
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(const std::string target, NormalisePhone(*phone, "/phone"));
  TIA_ASSIGN_OR_RETURN(
      auto holder, s_.db->Read([&](Connection& c) { return storage::users::ByPhone(c, target); }));
  if (holder && holder->deactivated_at) holder.reset();  // turned off: as if unknown
  if (holder) {
    TIA_TRY(NotLockedOut(*holder, caller));
  }
  // A code is bound to the number; the number may have moved to another account since.
  auto owner = RedeemCode("sign_in", target, *code, ErrorCode::kUnauthenticated);
  if (owner && holder && *owner == holder->id) return StartSession(*holder, caller);
  if (!owner && owner.error().code != ErrorCode::kUnauthenticated) {
    return tl::unexpected(owner.error());  // the database, not the code
  }
  (void)Audit(caller, holder ? std::optional(holder->id) : std::nullopt, holder ? holder->role : "",
              holder ? holder->hospital_id : std::nullopt, "login_code", "failure");
  return WrongCode(ErrorCode::kUnauthenticated);
}

Result<void> Accounts::SendPasswordResetCode(const Json& body, const Caller& caller) {
  domain::FieldReader r(body, "");
  auto email = r.String("email", 254, false);
  auto phone = r.String("phone", 32, false);
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(const ResetTarget to, ReadResetTarget(email, phone));
  TIA_ASSIGN_OR_RETURN(auto user, s_.db->Read([&](Connection& c) {
    return to.by_email ? storage::users::ByEmail(c, to.target)
                       : storage::users::ByPhone(c, to.target);
  }));
  if (!user || user->deactivated_at) return Ok();
  return IssueCode(*user, "password_reset", to.target, caller);
}

Result<NewSession> Accounts::ResetPassword(const Json& body, const Caller& caller) {
  domain::FieldReader r(body, "");
  auto email = r.String("email", 254, false);
  auto phone = r.String("phone", 32, false);
  auto code = r.String("code", 16, true);
  auto next = r.String("new_password", kMaxPasswordBytes, true);
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(const ResetTarget to, ReadResetTarget(email, phone));
  // The new password is checked first, so a weak one does not use up the code.
  TIA_TRY(auth::CheckPasswordPolicy(*next, "/new_password"));
  TIA_ASSIGN_OR_RETURN(const int64_t owner,
                       RedeemCode("password_reset", to.target, *code, ErrorCode::kInvalidArgument));
  TIA_ASSIGN_OR_RETURN(auto user,
                       s_.db->Read([&](Connection& c) { return storage::users::ById(c, owner); }));
  // The address or number may have changed since the code was sent.
  if (!user || user->deactivated_at ||
      (to.by_email ? user->email != to.target : user->phone != to.target)) {
    return WrongCode(ErrorCode::kInvalidArgument);
  }
  TIA_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(*next));
  const int64_t now = s_.clock->NowMs();
  const storage::AuditEvent e{now,
                              std::nullopt,
                              "",
                              user->hospital_id,
                              user->id,
                              "password_reset",
                              "account",
                              "success",
                              caller.client_ip,
                              caller.request_id};
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(storage::users::SetPassword(c, user->id, hash, now));
    TIA_TRY(storage::sessions::RevokeAllOf(c, user->id, ""));
    return storage::audit::Append(c, e);
  }));
  ForgetCachedSessions(user->id, "");
  return StartSession(*user, caller);
}

Result<void> Accounts::SendPhoneCode(const Json& body, const Caller& caller) {
  if (!caller.principal) return tl::unexpected(SignInFirst());
  domain::FieldReader r(body, "");
  auto phone = r.String("phone", 32, true);
  auto password = r.String("password", kMaxPasswordBytes, true);
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(const std::string target, NormalisePhone(*phone, "/phone"));
  TIA_ASSIGN_OR_RETURN(auto user, s_.db->Read([&](Connection& c) {
    return storage::users::ById(c, caller.principal->user_id);
  }));
  if (!user) return tl::unexpected(SignInFirst());
  if (auth::IsStaff(caller.principal->role)) {
    return Fail(ErrorCode::kForbidden, "staff sign in with their e-mail and password");
  }
  // Whoever holds her unlocked phone must not be able to give her account a new way in.
  if (!auth::VerifyPassword(user->password_hash, *password)) {
    (void)Audit(caller, user->id, user->role, user->hospital_id, "add_phone", "failure");
    return Invalid("/password", "is wrong");
  }
  TIA_ASSIGN_OR_RETURN(
      auto holder, s_.db->Read([&](Connection& c) { return storage::users::ByPhone(c, target); }));
  if (holder && holder->id != user->id) {
    return Fail(ErrorCode::kConflict, "this phone number is on another account", "/phone");
  }
  return IssueCode(*user, "add_phone", target, caller);
}

Result<Json> Accounts::ConfirmPhone(const Json& body, const Caller& caller) {
  if (!caller.principal) return tl::unexpected(SignInFirst());
  domain::FieldReader r(body, "");
  auto phone = r.String("phone", 32, true);
  auto code = r.String("code", 16, true);
  TIA_TRY(r.Finish());
  TIA_ASSIGN_OR_RETURN(const std::string target, NormalisePhone(*phone, "/phone"));
  TIA_ASSIGN_OR_RETURN(const int64_t owner,
                       RedeemCode("add_phone", target, *code, ErrorCode::kInvalidArgument));
  if (owner != caller.principal->user_id) return WrongCode(ErrorCode::kInvalidArgument);
  const auto e = AuditOf(s_, caller, "add_phone", "account", "success", std::nullopt);
  TIA_TRY(s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_ASSIGN_OR_RETURN(const bool set, storage::users::SetPhone(c, owner, target));
    if (!set)
      return Fail(ErrorCode::kConflict, "this phone number is on another account", "/phone");
    return storage::audit::Append(c, e);
  }));
  return Me(caller);
}

Result<void> Accounts::RemovePhone(const Caller& caller) {
  if (!caller.principal) return tl::unexpected(SignInFirst());
  const auto e = AuditOf(s_, caller, "remove_phone", "account", "success", std::nullopt);
  return s_.db->Write([&](Connection& c) -> Result<void> {
    TIA_TRY(storage::users::SetPhone(c, caller.principal->user_id, std::nullopt));
    return storage::audit::Append(c, e);
  });
}

}  // namespace tia::app
