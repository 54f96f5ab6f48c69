// tia_test_photos DIR — writes the photos the API and browser tests upload (see test_images.h).
#include <cstdio>
#include <fstream>
#include <string>

#include "tia/media/test_images.h"

namespace t = tia::media::testing;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: tia_test_photos DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  const std::string html = "<!DOCTYPE html><html><script>alert(1)</script></html>\n";
  const std::pair<const char*, std::string> files[] = {
      {"phone.jpg", t::PhoneJpeg()},
      {"plain.png", t::Png(64, 48, {{"tEXt", std::string("Comment\0at home", 15)}})},
      {"html.jpg", html},
      {"drawing.svg",
       "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)"
       "</script></svg>\n"},
      {"polyglot.jpg", t::Jpeg(32, 32, {{JPEG_COM, html}}) + html},
      {"bomb.png", t::PngBomb()},
      {"truncated.jpg", t::PhoneJpeg().substr(0, 900)},
  };
  for (const auto& [name, bytes] : files) {
    std::ofstream f(dir + "/" + name, std::ios::binary);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) {
      std::fprintf(stderr, "tia_test_photos: cannot write %s/%s\n", dir.c_str(), name);
      return 1;
    }
  }
  return 0;
}
