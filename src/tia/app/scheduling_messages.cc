// What she is told about a booking, through the durable outbox: the confirmation, the reminders,
// a move, and a waitlist offer; in her language, by e-mail and (with a phone number) by text.
#include <array>

#include "tia/app/access.h"
#include "tia/app/scheduling_parts.h"

namespace tia::app {

using namespace sched;  // NOLINT(google-build-using-namespace): the parts of one class

namespace sched {

using storage::ConfigKind;

namespace {

// Reminder offsets before the start (not clinical: when people plan their day).
constexpr std::array<std::pair<const char*, int64_t>, 2> kReminders = {
    {{"reminder_24h", 24 * kHourMs}, {"reminder_2h", 2 * kHourMs}}};

// Who a booking's messages go to, in what language, and the provider's zone for the times.
struct Recipient {
  std::string email;
  std::string phone;  // empty: no text messages
  bool vi = true;
  Json provider;
  const date::time_zone* zone = nullptr;
};

// None when her account is gone (nothing to send).
Result<std::optional<Recipient>> RecipientOf(Connection& c, const BookingRow& b) {
  TIA_ASSIGN_OR_RETURN(auto mother, storage::users::ById(c, b.mother_id));
  if (!mother) return std::optional<Recipient>();
  TIA_ASSIGN_OR_RETURN(auto prov, Referenced(c, ConfigKind::kProvider, b.provider_id));
  TIA_ASSIGN_OR_RETURN(auto profile, storage::records::Get(c, b.mother_id, "profile"));
  TIA_ASSIGN_OR_RETURN(const Json her, domain::ParseStored(profile ? profile->body : "{}"));
  Recipient r{mother->email, her.value("phone", std::string()), her.value("language", "vi") == "vi",
              std::move(prov.body), nullptr};
  r.zone = domain::PlanOf(r.provider).zone;
  return std::optional<Recipient>(std::move(r));
}

}  // namespace

// The confirmation (now) and the reminders still ahead, for a booking that became booked or
// requested, in the mother's language, by e-mail to her account's address. The text names the
// hospital, the time and the provider, never the reason for the visit.
Result<void> EnqueueMessages(Connection& c, const BookingRow& b, int64_t now, bool moved) {
  TIA_ASSIGN_OR_RETURN(auto to, RecipientOf(c, b));
  if (!to) return Ok();
  TIA_ASSIGN_OR_RETURN(auto hospital, storage::hospitals::ById(c, b.hospital_id));
  const bool vi = to->vi;
  const std::string when = LocalMinute(to->zone, b.start_at);
  const std::string place = hospital ? hospital->name : "";
  const std::string who = to->provider.value("name", std::string());
  auto message = [&](const std::string& kind, int64_t due, bool reminder) {
    storage::OutboxRow m;
    m.booking_id = b.id;
    m.kind = kind;
    m.channel = "email";
    m.recipient = to->email;
    m.due_at = due;
    if (vi) {
      m.subject = std::string(reminder ? "Tia: nhắc lịch hẹn "
                              : moved  ? "Tia: lịch hẹn đã dời sang "
                                       : "Tia: đã đặt lịch hẹn ") +
                  when;
      m.body = "Bạn có lịch hẹn tại " + place + " vào " + when + " (" + who +
               ").\nMở Tia để xem hoặc hủy lịch hẹn.\n\nTia";
    } else {
      m.subject = std::string(reminder ? "Tia: reminder of your appointment "
                              : moved  ? "Tia: appointment moved to "
                                       : "Tia: appointment booked ") +
                  when;
      m.body = "Your appointment at " + place + " is on " + when + " (" + who +
               ").\nOpen Tia to see it or to cancel it.\n\nTia";
    }
    return storage::outbox::Enqueue(c, m);
  };
  // A text message too when her profile has a phone number: the same words, without a subject.
  const std::string& phone = to->phone;
  auto both = [&](const std::string& kind, int64_t due, bool reminder) -> Result<void> {
    TIA_TRY(message(kind, due, reminder));
    if (phone.empty()) return Ok();
    storage::OutboxRow m;
    m.booking_id = b.id;
    m.kind = kind;
    m.channel = "sms";
    m.recipient = phone;
    m.due_at = due;
    m.subject = "";
    m.body =
        vi ? "Tia: lich hen tai " + place + " luc " + when + ". Mo Tia de xem hoac huy."
           : "Tia: appointment at " + place + " on " + when + ". Open Tia to see or cancel it.";
    return storage::outbox::Enqueue(c, m);
  };
  TIA_TRY(both(moved ? "rescheduled" : "confirmation", now, false));
  for (const auto& [kind, before] : kReminders) {
    if (b.start_at - before > now) TIA_TRY(both(kind, b.start_at - before, true));
  }
  return Ok();
}

Result<void> EnqueueOffer(Connection& c, const BookingRow& b) {
  if (!b.hold_expires_at) return Fail(ErrorCode::kInternal, "a waitlist offer without a hold");
  TIA_ASSIGN_OR_RETURN(auto to, RecipientOf(c, b));
  if (!to) return Ok();
  const bool vi = to->vi;
  const std::string when = LocalMinute(to->zone, b.start_at);
  const std::string until = LocalMinute(to->zone, *b.hold_expires_at).substr(11, 5);
  storage::OutboxRow m;
  m.booking_id = b.id;
  m.kind = "waitlist_offer";
  m.channel = "email";
  m.recipient = to->email;
  m.due_at = b.created_at;
  m.subject = vi ? "Tia: có chỗ trống " + when : "Tia: a place is free " + when;
  m.body =
      vi ? "Có chỗ trống vào " + when + ". Mở Tia và xác nhận trước " + until + ".\n\nTia"
         : "A place is free on " + when + ". Open Tia and confirm it before " + until + ".\n\nTia";
  return storage::outbox::Enqueue(c, m);
}

}  // namespace sched

}  // namespace tia::app
