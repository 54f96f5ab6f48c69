// What she is told about a booking, through the durable outbox: the confirmation, the reminders,
// a move, and a waitlist offer; in her language, by the channels she chose (app/messaging.h).
#include <array>

#include "tia/app/access.h"
#include "tia/app/messaging.h"
#include "tia/app/scheduling_parts.h"

namespace tia::app {

using namespace sched;  // NOLINT(google-build-using-namespace): the parts of one class

namespace sched {

using storage::ConfigKind;

namespace {

// Reminder offsets before the start (not clinical: when people plan their day).
constexpr std::array<std::pair<const char*, int64_t>, 2> kReminders = {
    {{"reminder_24h", 24 * kHourMs}, {"reminder_2h", 2 * kHourMs}}};

// Who a booking's messages go to (and by which channels), and the provider's zone for the times.
struct Recipient {
  msg::Audience to;
  Json provider;
  const date::time_zone* zone = nullptr;
};

// None when her account is gone (nothing to send).
Result<std::optional<Recipient>> RecipientOf(Connection& c, const BookingRow& b) {
  TIA_ASSIGN_OR_RETURN(auto to, msg::AudienceOf(c, b.mother_id));
  if (!to) return std::optional<Recipient>();
  TIA_ASSIGN_OR_RETURN(auto prov, Referenced(c, ConfigKind::kProvider, b.provider_id));
  Recipient r{std::move(*to), std::move(prov.body), nullptr};
  r.zone = domain::PlanOf(r.provider).zone;
  return std::optional<Recipient>(std::move(r));
}

}  // namespace

// The confirmation (now) and the reminders still ahead, for a booking that became booked or
// requested, in the mother's language, by the channels she chose (app/messaging.h). The text names
// the hospital, the time and the provider, never the reason for the visit.
Result<void> EnqueueMessages(Connection& c, const BookingRow& b, int64_t now, bool moved) {
  TIA_ASSIGN_OR_RETURN(auto r, RecipientOf(c, b));
  if (!r) return Ok();
  TIA_ASSIGN_OR_RETURN(auto hospital, storage::hospitals::ById(c, b.hospital_id));
  const bool vi = r->to.vi;
  const std::string when = LocalMinute(r->zone, b.start_at);
  const std::string place = hospital ? hospital->name : "";
  const std::string who = r->provider.value("name", std::string());
  auto send = [&](const std::string& kind, int64_t due, bool reminder) {
    msg::Message m;
    m.kind = kind;
    m.due_at = due;
    m.booking_id = b.id;
    if (vi) {
      m.subject = std::string(reminder ? "Tia: nhắc lịch hẹn "
                              : moved  ? "Tia: lịch hẹn đã dời sang "
                                       : "Tia: đã đặt lịch hẹn ") +
                  when;
      m.text = "Bạn có lịch hẹn tại " + place + " vào " + when + " (" + who +
               ").\nMở Tia để xem hoặc hủy lịch hẹn.\n\nTia";
      m.sms = "Tia: lich hen tai " + place + " luc " + when + ". Mo Tia de xem hoac huy.";
    } else {
      m.subject = std::string(reminder ? "Tia: reminder of your appointment "
                              : moved  ? "Tia: appointment moved to "
                                       : "Tia: appointment booked ") +
                  when;
      m.text = "Your appointment at " + place + " is on " + when + " (" + who +
               ").\nOpen Tia to see it or to cancel it.\n\nTia";
      m.sms = "Tia: appointment at " + place + " on " + when + ". Open Tia to see or cancel it.";
    }
    m.purpose = reminder ? "reminder" : "appointment";
    m.values = {{"name", r->to.name}, {"hospital", place}, {"time", when}, {"with", who}};
    return msg::Send(c, r->to, m);
  };
  TIA_TRY(send(moved ? "rescheduled" : "confirmation", now, false));
  for (const auto& [kind, before] : kReminders) {
    if (b.start_at - before > now) TIA_TRY(send(kind, b.start_at - before, true));
  }
  return Ok();
}

Result<void> EnqueueOffer(Connection& c, const BookingRow& b) {
  if (!b.hold_expires_at) return Fail(ErrorCode::kInternal, "a waitlist offer without a hold");
  TIA_ASSIGN_OR_RETURN(auto r, RecipientOf(c, b));
  if (!r) return Ok();
  const bool vi = r->to.vi;
  const std::string when = LocalMinute(r->zone, b.start_at);
  const std::string until = LocalMinute(r->zone, *b.hold_expires_at).substr(11, 5);
  msg::Message m;
  m.booking_id = b.id;
  m.kind = "waitlist_offer";
  m.due_at = b.created_at;
  m.subject = vi ? "Tia: có chỗ trống " + when : "Tia: a place is free " + when;
  m.text =
      vi ? "Có chỗ trống vào " + when + ". Mở Tia và xác nhận trước " + until + ".\n\nTia"
         : "A place is free on " + when + ". Open Tia and confirm it before " + until + ".\n\nTia";
  // By e-mail, as always; by text only where she chose Zalo, or text messages without e-mail.
  if (r->to.by_zalo || !r->to.by_email) {
    m.sms = vi ? "Tia: co cho trong luc " + when + ". Mo Tia va xac nhan truoc " + until + "."
               : "Tia: a place is free on " + when + ". Open Tia and confirm before " + until + ".";
  }
  return msg::Send(c, r->to, m);
}

}  // namespace sched

}  // namespace tia::app
