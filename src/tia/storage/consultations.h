// tia/storage/consultations.h — repositories for remote consultations
// (migrations/*/0007_consultations.sql). Plain SQL shared by SQLite and PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "tia/storage/connection.h"

namespace tia::storage {

struct ConsultationRow {
  int64_t id = 0;
  std::string public_id;
  int64_t hospital_id = 0;
  int64_t mother_id = 0;
  std::optional<std::string> symptom_check_id;
  std::optional<std::string> disposition;
  std::string subject = "mother";
  std::optional<std::string> infant_id;
  std::string priority;
  std::string status = "open";
  std::string awaiting = "clinician";
  std::optional<int64_t> assignee_id;
  int64_t opened_at = 0;
  bool out_of_hours = false;
  int64_t deadline_at = 0;
  std::optional<int64_t> first_reply_at;
  int64_t updated_at = 0;
  std::optional<int64_t> closed_at;
  std::optional<std::string> close_out;  // JSON
  std::string request_hash;
  int64_t version = 1;
};

// What a list of threads shows of each: the question it opened with (the first text message's
// stored JSON), when its last visible message came, and how many of the team's messages the
// mother has not seen (internal notes are never counted: she never sees them).
struct ThreadDigest {
  std::optional<std::string> first_text;
  std::optional<int64_t> last_message_at;
  int64_t unread_by_mother = 0;
};

// One of her threads.
struct MotherThreadRow {
  ConsultationRow c;
  ThreadDigest digest;
};

// A row of the clinicians' queue: the consultation with who it is for and who holds it.
struct QueueRow {
  ConsultationRow c;
  ThreadDigest digest;
  std::string mother_public_id, mother_name;
  std::optional<std::string> assignee_public_id, assignee_name;
  int64_t photos = 0;
};

struct MessageRow {
  int64_t id = 0;
  std::string public_id;
  int64_t consultation_id = 0;
  int64_t author_id = 0;
  std::string author_role;
  std::string kind;  // text, photo, close_out
  std::string body;  // JSON
  std::string request_hash;
  int64_t created_at = 0;
  std::string author_public_id, author_name;  // joined on read
};

struct PhotoRow {
  int64_t id = 0;
  std::string public_id;
  int64_t consultation_id = 0;
  int64_t message_id = 0;
  std::string address;
  std::string mime;
  int64_t size_bytes = 0;
  int64_t width = 0;
  int64_t height = 0;
  int64_t created_at = 0;
};

struct ConsultationEventRow {
  int64_t at = 0;
  int64_t actor_id = 0;
  std::string kind;  // opened, claimed, assigned, returned, closed
  std::optional<int64_t> assignee_id;
  std::optional<std::string> reason;
  std::string actor_name;                    // joined on read
  std::optional<std::string> assignee_name;  // joined on read
};

namespace consultations {
Result<std::optional<ConsultationRow>> ByPublicId(Connection& c, const std::string& id);
Result<ConsultationRow> Insert(Connection& c, const ConsultationRow& r);
// Compare-and-set on the version (status, awaiting, assignee, deadline, replies, close-out):
// false when someone changed the row first.
Result<bool> Update(Connection& c, const ConsultationRow& r);
// Hers, newest first.
Result<std::vector<MotherThreadRow>> OfMother(Connection& c, int64_t mother_id, int limit);
// Marks every message of the thread so far seen by her; false when there was nothing new.
Result<bool> MarkReadByMother(Connection& c, int64_t consultation_id);
// How many of her threads have messages from the team she has not seen.
Result<int64_t> UnreadThreadsOfMother(Connection& c, int64_t mother_id);
// Open consultations of a hospital: waiting for a clinician first, then by priority in
// `priority_order` (domain::PrioritiesInOrder; unlisted ones last), then deadline.
Result<std::vector<QueueRow>> Queue(Connection& c, int64_t hospital_id, int limit,
                                    const std::vector<std::string>& priority_order);

Result<MessageRow> AddMessage(Connection& c, const MessageRow& m);
Result<std::optional<MessageRow>> MessageByPublicId(Connection& c, const std::string& id);
Result<std::vector<MessageRow>> Messages(Connection& c, int64_t consultation_id);

Result<PhotoRow> AddPhoto(Connection& c, const PhotoRow& p);
Result<std::optional<PhotoRow>> PhotoByPublicId(Connection& c, const std::string& id);
Result<std::vector<PhotoRow>> Photos(Connection& c, int64_t consultation_id);
// The photo files of a mother's consultations (to remove after her erasure), and whether any
// consultation still refers to one file (the same photo may have been sent twice).
Result<std::vector<std::string>> PhotoAddressesOfMother(Connection& c, int64_t mother_id);
Result<bool> AddressInUse(Connection& c, const std::string& address);

Result<void> AddEvent(Connection& c, int64_t consultation_id, const ConsultationEventRow& e);
Result<std::vector<ConsultationEventRow>> Events(Connection& c, int64_t consultation_id);
}  // namespace consultations

}  // namespace tia::storage
