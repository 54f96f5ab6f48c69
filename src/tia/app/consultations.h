// tia/app/consultations.h — remote consultations as use cases: the mother's thread, the
// clinicians' queue, photos, claim and hand-over, close-out.
//
// A mother opens a consultation (with a client-chosen id, like a record) on her own or from a
// symptom-check result; its priority and reply deadline come from that result and the team's
// hours (domain/consultation.h). An emergency result is never queued: the answer is 409 with the
// emergency number and the hotline. Only she and the clinicians of her hospital see the thread;
// anyone else gets 404, and every staff read is audited before data leaves. Photos are cleaned
// (media/photo.h) and stored encrypted (storage/photo_store.h); at most 50 per consultation.
// Claims, assignments and returns to the pool keep who, when and why. Every change is published
// on the hospital's and the mother's live channels (ids only). Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "tia/app/context.h"
#include "tia/app/events.h"
#include "tia/app/scheduling.h"
#include "tia/domain/json_reader.h"

namespace tia::storage {
class Connection;
struct ConsultationRow;
}  // namespace tia::storage

namespace tia::app {

struct ConsultationReply {
  bool created = false;
  Json json;
};

struct PhotoFile {
  std::string bytes;
  std::string mime;
  std::string filename;
};

inline constexpr int kMaxPhotosPerConsultation = 50;

class Consultations {
 public:
  Consultations(Services& s, Scheduling& scheduling, EventHub& hub)
      : s_(s), scheduling_(scheduling), hub_(hub) {}

  // A mother. body: {message, symptom_check_id?, subject?, infant_id?}. The same id and body
  // again: the stored consultation (200); the same id with another body: 409.
  Result<ConsultationReply> Open(const Caller& caller, const std::string& id, const Json& body);
  // The thread: messages, photos, the attached result; for staff also the hand-over history.
  Result<Json> Get(const Caller& caller, const std::string& id);
  // A mother: hers, newest first, each with its opening question, its last message's time and
  // how many of the team's messages she has not read; and how many threads have any.
  Result<Json> Mine(const Caller& caller);
  // The mother has read the thread to its last message (clears its unread mark everywhere).
  Result<Json> MarkRead(const Caller& caller, const std::string& id);
  // A clinician: her hospital's open consultations, those waiting for a reply first, by
  // priority, then deadline, each with a preview of the question (audited).
  Result<Json> Queue(const Caller& caller);
  // The mother or a clinician of her hospital. body: {text}. Idempotent by message id.
  Result<ConsultationReply> Post(const Caller& caller, const std::string& id,
                                 const std::string& message_id, const Json& body);
  // The mother or a clinician: a photo (raw bytes) as its own message. Idempotent by photo id.
  Result<ConsultationReply> AddPhoto(const Caller& caller, const std::string& id,
                                     const std::string& photo_id, const std::string& bytes);
  Result<PhotoFile> Photo(const Caller& caller, const std::string& id, const std::string& photo_id);
  // Clinicians. Claim: {reason?} (required to take one another clinician holds). Assign:
  // {clinician_id, reason}. Return to the pool: {reason}. Close: domain::ValidateCloseOut.
  Result<Json> Claim(const Caller& caller, const std::string& id, const Json& body);
  Result<Json> Assign(const Caller& caller, const std::string& id, const Json& body);
  Result<Json> Release(const Caller& caller, const std::string& id, const Json& body);
  Result<Json> Close(const Caller& caller, const std::string& id, const Json& body);
  // Reply templates: clinicians read their hospital's; its admins write them.
  Result<Json> Templates(const Caller& caller);
  Result<Json> PutTemplate(const Caller& caller, const std::string& id, const Json& body);
  // The channel a caller's live stream listens on: her hospital's (clinician) or her own.
  Result<std::string> ChannelOf(const Caller& caller);

 private:
  // The new holder (nullopt inside: the pool), or nullopt when nothing changes.
  using Holder = std::optional<std::optional<int64_t>>;
  using NextHolder =
      std::function<Result<Holder>(storage::Connection&, const storage::ConsultationRow&)>;
  // Claim, assign, return: who holds a thread changes in one transaction, with the event that
  // says who did it and why, announced live.
  Result<Json> ChangeHolder(const Caller& caller, const std::string& id, const std::string& kind,
                            const std::optional<std::string>& reason, const NextHolder& next);

  Services& s_;
  Scheduling& scheduling_;
  EventHub& hub_;
};

}  // namespace tia::app
