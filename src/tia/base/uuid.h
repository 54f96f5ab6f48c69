// tia/base/uuid.h — client-generated record ids.
//
// Records a phone creates offline carry a UUID chosen by the phone; the server accepts only the
// canonical lower-case 8-4-4-4-12 hex form so that one record can never have two spellings.
#pragma once

#include <string>
#include <string_view>

namespace tia {

// True for a canonical lower-case UUID ("3f2b...-....").
bool IsCanonicalUuid(std::string_view s);

// A new random (version 4) UUID in canonical form. Thread-safe.
std::string NewUuid();

}  // namespace tia
