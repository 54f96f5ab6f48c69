// tia/media/test_images.h — real images for tests, made with libjpeg and zlib: a JPEG with the
// metadata a phone writes (EXIF with GPS position, camera, orientation; XMP; a comment), PNGs with
// text and EXIF chunks, and hostile files. Used by media_test and by the `tia_test_photos` tool
// that writes the same files for the API and browser tests.
#pragma once

#include <jpeglib.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace tia::media::testing {

inline std::string Be16(unsigned v) {
  return {static_cast<char>((v >> 8) & 0xff), static_cast<char>(v & 0xff)};
}
inline std::string Be32(uint32_t v) { return Be16(v >> 16) + Be16(v & 0xffff); }

// An EXIF APP1 payload as a phone writes it: Make, Orientation, and a GPS IFD with latitude
// 21°01'N, longitude 105°51'E (Hanoi).
inline std::string ExifWithGps(int orientation) {
  std::string t = "MM" + Be16(42) + Be32(8);  // TIFF header, IFD0 at 8
  // IFD0: 3 entries (Make, Orientation, GPS IFD pointer), then next-IFD 0.
  const uint32_t ifd0 = 8, ifd0_size = 2 + 3 * 12 + 4;
  const uint32_t make_at = ifd0 + ifd0_size;  // "TiaPhone\0" (9 bytes) + pad
  const uint32_t gps_at = make_at + 10;
  t += Be16(3);
  t += Be16(0x010f) + Be16(2) + Be32(9) + Be32(make_at);
  t += Be16(0x0112) + Be16(3) + Be32(1) + Be16(orientation) + Be16(0);
  t += Be16(0x8825) + Be16(4) + Be32(1) + Be32(gps_at);
  t += Be32(0);
  t += std::string("TiaPhone\0\0", 10);
  // GPS IFD: LatitudeRef N, Latitude, LongitudeRef E, Longitude.
  const uint32_t gps_size = 2 + 4 * 12 + 4;
  const uint32_t lat_at = gps_at + gps_size, lon_at = lat_at + 24;
  t += Be16(4);
  t += Be16(1) + Be16(2) + Be32(2) + std::string("N\0\0\0", 4);
  t += Be16(2) + Be16(5) + Be32(3) + Be32(lat_at);
  t += Be16(3) + Be16(2) + Be32(2) + std::string("E\0\0\0", 4);
  t += Be16(4) + Be16(5) + Be32(3) + Be32(lon_at);
  t += Be32(0);
  for (uint32_t v : {21u, 1u, 1u, 1u, 0u, 1u}) t += Be32(v);
  for (uint32_t v : {105u, 1u, 51u, 1u, 0u, 1u}) t += Be32(v);
  return std::string("Exif\0\0", 6) + t;
}

struct Marker {
  int code;  // JPEG_APP0 + n, JPEG_COM
  std::string payload;
};

// A baseline JPEG of a colour gradient with these extra marker segments after the JFIF header.
inline std::string Jpeg(int width, int height, const std::vector<Marker>& markers = {},
                        int quality = 80) {
  jpeg_compress_struct c;
  jpeg_error_mgr err;
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  unsigned char* buf = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&c, &buf, &size);
  c.image_width = static_cast<JDIMENSION>(width);
  c.image_height = static_cast<JDIMENSION>(height);
  c.input_components = 3;
  c.in_color_space = JCS_RGB;
  jpeg_set_defaults(&c);
  jpeg_set_quality(&c, quality, TRUE);
  jpeg_start_compress(&c, TRUE);
  for (const auto& m : markers) {
    jpeg_write_marker(&c, m.code, reinterpret_cast<const JOCTET*>(m.payload.data()),
                      static_cast<unsigned>(m.payload.size()));
  }
  std::vector<unsigned char> row(static_cast<size_t>(width) * 3);
  while (c.next_scanline < c.image_height) {
    for (int x = 0; x < width; ++x) {
      row[x * 3] = static_cast<unsigned char>(x * 255 / (width > 1 ? width - 1 : 1));
      row[x * 3 + 1] = static_cast<unsigned char>(c.next_scanline * 255 / height);
      row[x * 3 + 2] = 160;
    }
    JSAMPROW r = row.data();
    jpeg_write_scanlines(&c, &r, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  std::string out(reinterpret_cast<char*>(buf), size);
  std::free(buf);
  return out;
}

// A phone photo: EXIF with GPS, XMP, a comment.
inline std::string PhoneJpeg(int width = 320, int height = 240, int orientation = 6) {
  return Jpeg(width, height,
              {{JPEG_APP0 + 1, ExifWithGps(orientation)},
               {JPEG_APP0 + 1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) +
                                   "<x:xmpmeta><exif:GPSLatitude>21,1N</exif:GPSLatitude>"
                                   "</x:xmpmeta>"},
               {JPEG_COM, "shot at home"}});
}

inline std::string PngChunk(const std::string& type, const std::string& data) {
  const std::string typed = type + data;
  const uLong crc =
      crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()));
  return Be32(static_cast<uint32_t>(data.size())) + typed + Be32(static_cast<uint32_t>(crc));
}

// An RGB PNG (8 bits) of a gradient, with extra ancillary chunks before the image data.
inline std::string Png(int width, int height,
                       const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  std::string raw;
  for (int y = 0; y < height; ++y) {
    raw.push_back('\0');  // filter: none
    for (int x = 0; x < width; ++x) {
      raw.push_back(static_cast<char>(x * 7));
      raw.push_back(static_cast<char>(y * 5));
      raw.push_back(static_cast<char>(120));
    }
  }
  uLongf zsize = compressBound(static_cast<uLong>(raw.size()));
  std::string z(zsize, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &zsize, reinterpret_cast<const Bytef*>(raw.data()),
           static_cast<uLong>(raw.size()));
  z.resize(zsize);
  std::string ihdr = Be32(static_cast<uint32_t>(width)) + Be32(static_cast<uint32_t>(height));
  ihdr += std::string("\x08\x02\0\0\0", 5);
  std::string out = "\x89PNG\r\n\x1a\n" + PngChunk("IHDR", ihdr);
  for (const auto& [type, data] : extra) out += PngChunk(type, data);
  out += PngChunk("IDAT", z) + PngChunk("IEND", "");
  return out;
}

// 8 KB that claims 65,535 x 65,535 pixels (a decompression bomb's header).
inline std::string PngBomb() {
  std::string ihdr = Be32(65535) + Be32(65535) + std::string("\x08\x02\0\0\0", 5);
  return "\x89PNG\r\n\x1a\n" + PngChunk("IHDR", ihdr) + PngChunk("IDAT", std::string(8000, 'x')) +
         PngChunk("IEND", "");
}

}  // namespace tia::media::testing
