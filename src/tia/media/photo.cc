#include "tia/media/photo.h"

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include <csetjmp>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace tia::media {

namespace {

using Bytes = std::string_view;

uint32_t Be16(Bytes b, size_t at) {
  return (static_cast<uint8_t>(b[at]) << 8) | static_cast<uint8_t>(b[at + 1]);
}
uint32_t Be32(Bytes b, size_t at) { return (Be16(b, at) << 16) | Be16(b, at + 2); }
uint32_t Le16(Bytes b, size_t at) {
  return static_cast<uint8_t>(b[at]) | (static_cast<uint8_t>(b[at + 1]) << 8);
}
uint32_t Le32(Bytes b, size_t at) { return Le16(b, at) | (Le16(b, at + 2) << 16); }

bool StartsWith(Bytes b, Bytes prefix) { return b.substr(0, prefix.size()) == prefix; }
// b[at, at + n), or empty when b is shorter.
Bytes Part(Bytes b, size_t at, size_t n) { return at <= b.size() ? b.substr(at, n) : Bytes(); }

tl::unexpected<Error> Damaged() {
  return Invalid("/photo", "the image data is damaged or incomplete");
}

Result<void> CheckSize(int64_t width, int64_t height) {
  if (width < 1 || height < 1) return Damaged();
  if (width > kMaxSide || height > kMaxSide || width * height > kMaxPixels) {
    return Invalid("/photo", "is " + std::to_string(width) + " x " + std::to_string(height) +
                                 " pixels; a photo may have at most " + std::to_string(kMaxSide) +
                                 " pixels a side and 40 megapixels");
  }
  return Ok();
}

// What a refused file looks like, for a message the mother can act on.
std::string Looks(Bytes b) {
  std::string head(b.substr(0, 512));
  for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t text_start = head.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  const std::string text = text_start == std::string::npos ? "" : head.substr(text_start);
  if (text.find("<svg") != std::string::npos) return "an SVG drawing";
  if (StartsWith(text, "<!doctype html") || StartsWith(text, "<html") ||
      text.find("<script") != std::string::npos) {
    return "an HTML page";
  }
  if (StartsWith(b, "GIF8")) return "a GIF";
  if (StartsWith(b, "RIFF") && Part(b, 8, 4) == "WEBP") return "a WebP image";
  if (Part(b, 4, 4) == "ftyp") return "a HEIC/HEIF or video file";
  if (StartsWith(b, "%PDF")) return "a PDF";
  return "not a JPEG or PNG image";
}

// ---- JPEG ----------------------------------------------------------------------------------

// The orientation tag (0x0112) of IFD0 in an APP1 "Exif\0\0" payload; 1 when absent or odd.
int ExifOrientation(Bytes payload) {
  if (!StartsWith(payload, Bytes("Exif\0\0", 6))) return 1;
  const Bytes tiff = payload.substr(6);
  if (tiff.size() < 8) return 1;
  const bool le = StartsWith(tiff, "II");
  if (!le && !StartsWith(tiff, "MM")) return 1;
  auto u16 = [&](size_t at) { return le ? Le16(tiff, at) : Be16(tiff, at); };
  auto u32 = [&](size_t at) { return le ? Le32(tiff, at) : Be32(tiff, at); };
  const size_t ifd = u32(4);
  if (ifd + 2 > tiff.size()) return 1;
  const size_t n = u16(ifd);
  for (size_t i = 0; i < n; ++i) {
    const size_t e = ifd + 2 + i * 12;
    if (e + 12 > tiff.size()) return 1;
    if (u16(e) == 0x0112 && u16(e + 2) == 3) {
      const int v = static_cast<int>(u16(e + 8));
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

// An APP1 segment with an EXIF block holding nothing but the orientation.
std::string OrientationSegment(int orientation) {
  static constexpr char kPayload[] =
      "Exif\0\0"
      "MM\0\x2a\0\0\0\x08"         // big-endian TIFF header, IFD0 at offset 8
      "\0\x01"                     // one entry
      "\x01\x12\0\x03\0\0\0\x01";  // orientation, SHORT, count 1
  std::string p(kPayload, sizeof kPayload - 1);
  p += std::string("\0", 1) + static_cast<char>(orientation) + std::string("\0\0", 2);
  p += std::string("\0\0\0\0", 4);  // no next IFD
  const size_t len = p.size() + 2;
  return std::string("\xff\xe1", 2) + static_cast<char>(len >> 8) + static_cast<char>(len & 0xff) +
         p;
}

bool IsSof(unsigned m) { return m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc; }

struct JpegErrors {
  jpeg_error_mgr pub;
  std::jmp_buf jump;
  int warnings = 0;
};

void JpegFail(j_common_ptr c) { std::longjmp(reinterpret_cast<JpegErrors*>(c->err)->jump, 1); }
void JpegMessage(j_common_ptr c, int level) {
  if (level < 0) ++reinterpret_cast<JpegErrors*>(c->err)->warnings;
}
void JpegQuiet(j_common_ptr) {}

// Decodes every scan (at 1/8 scale: each coefficient is still read and checked). Any libjpeg
// warning — premature end, corrupt data — counts as damage.
bool JpegDecodes(Bytes b) {
  jpeg_decompress_struct cinfo;
  JpegErrors err;
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = JpegFail;
  err.pub.emit_message = JpegMessage;
  err.pub.output_message = JpegQuiet;
  if (setjmp(err.jump)) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  jpeg_create_decompress(&cinfo);
  jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(b.data()), b.size());
  if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK) {
    jpeg_destroy_decompress(&cinfo);
    return false;
  }
  cinfo.scale_num = 1;
  cinfo.scale_denom = 8;
  jpeg_start_decompress(&cinfo);
  JSAMPARRAY row = (*cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&cinfo), JPOOL_IMAGE,
                                              cinfo.output_width * cinfo.output_components, 1);
  while (cinfo.output_scanline < cinfo.output_height) jpeg_read_scanlines(&cinfo, row, 1);
  jpeg_finish_decompress(&cinfo);
  const bool ok = err.warnings == 0;
  jpeg_destroy_decompress(&cinfo);
  return ok;
}

Result<Photo> CleanJpeg(Bytes b) {
  Photo out{std::string("\xff\xd8", 2), "image/jpeg", "jpg", 0, 0, 1};
  size_t after_app0 = out.bytes.size();  // where the orientation block goes
  size_t pos = 2;
  bool sof = false;
  for (;;) {
    if (pos >= b.size() || static_cast<uint8_t>(b[pos]) != 0xff) return Damaged();
    while (pos < b.size() && static_cast<uint8_t>(b[pos]) == 0xff) ++pos;
    if (pos >= b.size()) return Damaged();
    const unsigned m = static_cast<uint8_t>(b[pos++]);
    if (m == 0xd9) {  // EOI: anything after it is not part of the image
      out.bytes += "\xff\xd9";
      break;
    }
    if (m == 0x01 || (m >= 0xd0 && m <= 0xd7) || m == 0xd8) return Damaged();
    if (pos + 2 > b.size()) return Damaged();
    const size_t len = Be16(b, pos);
    if (len < 2 || pos + len > b.size()) return Damaged();
    const Bytes seg = b.substr(pos, len);
    const Bytes payload = seg.substr(2);
    pos += len;
    bool keep = true;
    if (m == 0xe0) {
      keep = StartsWith(payload, Bytes("JFIF\0", 5)) && out.bytes.size() == 2;
    } else if (m == 0xe1) {
      if (StartsWith(payload, Bytes("Exif\0\0", 6))) out.orientation = ExifOrientation(payload);
      keep = false;  // EXIF and XMP
    } else if (m == 0xe2) {
      keep = StartsWith(payload, Bytes("ICC_PROFILE\0", 12));
    } else if (m == 0xee) {
      keep = StartsWith(payload, "Adobe");
    } else if ((m >= 0xe3 && m <= 0xef) || m == 0xfe) {
      keep = false;  // other application blocks (XMP extensions, IPTC, maker data) and comments
    } else if (IsSof(m)) {
      if (sof || payload.size() < 6) return Damaged();
      sof = true;
      out.height = static_cast<int>(Be16(payload, 1));
      out.width = static_cast<int>(Be16(payload, 3));
      TIA_TRY(CheckSize(out.width, out.height));
    }
    if (keep) {
      out.bytes += static_cast<char>(0xff);
      out.bytes += static_cast<char>(m);
      out.bytes += seg;
      if (m == 0xe0) after_app0 = out.bytes.size();
    }
    if (m == 0xda) {  // start of scan: entropy-coded data up to the next real marker
      if (!sof) return Damaged();
      size_t end = pos;
      while (end + 1 < b.size()) {
        if (static_cast<uint8_t>(b[end]) == 0xff) {
          const unsigned next = static_cast<uint8_t>(b[end + 1]);
          if (next != 0x00 && !(next >= 0xd0 && next <= 0xd7) && next != 0xff) break;
        }
        ++end;
      }
      if (end + 1 >= b.size()) return Damaged();
      out.bytes += b.substr(pos, end - pos);
      pos = end;
    }
  }
  if (!sof) return Damaged();
  if (out.orientation != 1) out.bytes.insert(after_app0, OrientationSegment(out.orientation));
  if (!JpegDecodes(out.bytes)) return Damaged();
  return out;
}

// ---- PNG -----------------------------------------------------------------------------------

bool KeptPngChunk(Bytes type) {
  for (const char* k : {"IHDR", "PLTE", "IDAT", "IEND", "tRNS", "cHRM", "gAMA", "iCCP", "sBIT",
                        "sRGB", "bKGD", "pHYs"}) {
    if (type == k) return true;
  }
  return false;
}

struct PngReader {
  Bytes data;
  size_t at = 0;
};

void PngRead(png_structp png, png_bytep out, png_size_t n) {
  auto* r = static_cast<PngReader*>(png_get_io_ptr(png));
  if (r->at + n > r->data.size()) png_error(png, "read past the end");
  std::memcpy(out, r->data.data() + r->at, n);
  r->at += n;
}
void PngFail(png_structp png, png_const_charp) { png_longjmp(png, 1); }
void PngWarn(png_structp, png_const_charp) {}

// Decodes every row of every pass, one row buffer at a time.
bool PngDecodes(Bytes b) {
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, nullptr, PngFail, PngWarn);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info) {
    png_destroy_read_struct(&png, nullptr, nullptr);
    return false;
  }
  PngReader reader{b, 0};
  png_bytep volatile row = nullptr;
  if (setjmp(png_jmpbuf(png))) {
    if (row) png_free(png, row);
    png_destroy_read_struct(&png, &info, nullptr);
    return false;
  }
  png_set_user_limits(png, kMaxSide, kMaxSide);
  png_set_chunk_malloc_max(png, 16u << 20);
  png_set_read_fn(png, &reader, PngRead);
  png_read_info(png, info);
  const int passes = png_set_interlace_handling(png);
  png_read_update_info(png, info);
  const png_uint_32 height = png_get_image_height(png, info);
  row = static_cast<png_bytep>(png_malloc(png, png_get_rowbytes(png, info)));
  for (int p = 0; p < passes; ++p) {
    for (png_uint_32 y = 0; y < height; ++y) png_read_row(png, row, nullptr);
  }
  png_read_end(png, nullptr);
  png_free(png, row);
  row = nullptr;
  png_destroy_read_struct(&png, &info, nullptr);
  return true;
}

Result<Photo> CleanPng(Bytes b) {
  Photo out{std::string(b.substr(0, 8)), "image/png", "png", 0, 0, 1};
  size_t pos = 8;
  bool first = true;
  for (;;) {
    if (pos + 12 > b.size()) return Damaged();
    const uint32_t len = Be32(b, pos);
    if (len > 0x7fffffffu || pos + 12 + len > b.size()) return Damaged();
    const Bytes type = b.substr(pos + 4, 4);
    const Bytes typed = b.substr(pos + 4, 4 + len);  // type + data: what the CRC covers
    const uint32_t crc = Be32(b, pos + 8 + len);
    if (crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size())) !=
        crc) {
      return Damaged();
    }
    if (first) {
      if (type != "IHDR" || len != 13) return Damaged();
      out.width = static_cast<int>(std::min<uint32_t>(Be32(b, pos + 8), 1u << 30));
      out.height = static_cast<int>(std::min<uint32_t>(Be32(b, pos + 12), 1u << 30));
      TIA_TRY(CheckSize(out.width, out.height));
      first = false;
    }
    const bool critical = std::isupper(static_cast<unsigned char>(type[0]));
    if (KeptPngChunk(type)) {
      out.bytes += b.substr(pos, 12 + len);
    } else if (critical) {
      return Damaged();  // a critical chunk we do not know: not a PNG we can vouch for
    }
    pos += 12 + len;
    if (type == "IEND") break;  // anything after it is not part of the image
  }
  if (!PngDecodes(out.bytes)) return Damaged();
  return out;
}

}  // namespace

Result<Photo> CleanPhoto(std::string_view bytes) {
  if (bytes.size() > kMaxPhotoBytes) {
    return Fail(ErrorCode::kPayloadTooLarge, "a photo may be at most 10 MiB");
  }
  if (StartsWith(bytes, "\xff\xd8\xff")) return CleanJpeg(bytes);
  if (StartsWith(bytes, "\x89PNG\r\n\x1a\n")) return CleanPng(bytes);
  return Fail(ErrorCode::kUnsupportedMedia,
              "a photo must be a JPEG or PNG image; this file is " + Looks(bytes));
}

}  // namespace tia::media
