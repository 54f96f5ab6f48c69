// tia/media/photo.h — checking and cleaning a photo a mother sends with a consultation.
//
// Breast photos are intimate images. What is accepted is decided from the bytes, never from a
// file name or a Content-Type: a JPEG or a PNG, at most 10 MiB, at most 8000 pixels a side and
// 40 megapixels, that decodes completely (a file that only starts like a JPEG is refused). What is
// kept is rebuilt segment by segment: the image data and what is needed to show its colours
// right; every metadata block is dropped — EXIF (with any GPS position, camera and time), XMP,
// IPTC, comments, PNG text chunks — as is anything after the image's end (where a polyglot hides
// its second file). A JPEG's EXIF orientation survives as a minimal EXIF block holding that one
// tag, so a phone photo is not shown sideways.
//
//   auto clean = media::CleanPhoto(bytes);   // 415: not JPEG/PNG; 400: too large or damaged
//   store(clean->bytes, clean->mime);
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "tia/base/result.h"

namespace tia::media {

inline constexpr size_t kMaxPhotoBytes = 10u << 20;
inline constexpr int kMaxSide = 8000;
inline constexpr int64_t kMaxPixels = 40'000'000;

struct Photo {
  std::string bytes;  // the cleaned file
  std::string mime;   // image/jpeg or image/png
  std::string ext;    // jpg or png
  int width = 0;
  int height = 0;
  int orientation = 1;  // EXIF orientation kept (JPEG), 1 = as stored
};

// Errors: kPayloadTooLarge over 10 MiB; kUnsupportedMedia when the bytes are not a JPEG or PNG
// (the message says what they look like: SVG, HTML, GIF, ...); kInvalidArgument (field "/photo")
// when the dimensions are over the limits or the image does not decode completely.
Result<Photo> CleanPhoto(std::string_view bytes);

}  // namespace tia::media
