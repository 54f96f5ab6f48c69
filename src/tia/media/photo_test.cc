#include "tia/media/photo.h"

#include <gtest/gtest.h>

#include "tia/media/test_images.h"

namespace tia::media {
namespace {

namespace t = testing;

bool Contains(const std::string& hay, std::string_view needle) {
  return hay.find(needle) != std::string::npos;
}

TEST(CleanPhoto, PhoneJpegLosesEveryMetadataBlockButOrientation) {
  const std::string in = t::PhoneJpeg(320, 240, 6);
  ASSERT_TRUE(Contains(in, "GPS") || Contains(in, std::string("\x88\x25", 2)));
  ASSERT_TRUE(Contains(in, "TiaPhone"));
  auto p = CleanPhoto(in);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->mime, "image/jpeg");
  EXPECT_EQ(p->ext, "jpg");
  EXPECT_EQ(p->width, 320);
  EXPECT_EQ(p->height, 240);
  EXPECT_EQ(p->orientation, 6);
  EXPECT_FALSE(Contains(p->bytes, "TiaPhone"));                  // camera make
  EXPECT_FALSE(Contains(p->bytes, std::string("\x88\x25", 2)));  // GPS IFD pointer tag
  EXPECT_FALSE(Contains(p->bytes, "GPSLatitude"));               // XMP
  EXPECT_FALSE(Contains(p->bytes, "shot at home"));              // comment
  EXPECT_FALSE(Contains(p->bytes, "http://ns.adobe.com/xap"));
  // The one EXIF block left holds the orientation tag and nothing else.
  const size_t exif = p->bytes.find(std::string("Exif\0\0", 6));
  ASSERT_NE(exif, std::string::npos);
  EXPECT_EQ(p->bytes.find(std::string("Exif\0\0", 6), exif + 1), std::string::npos);
  EXPECT_TRUE(Contains(p->bytes, std::string("\x01\x12\0\x03\0\0\0\x01\0\x06", 10)));
  // Cleaning is stable: the cleaned file cleans to itself.
  auto again = CleanPhoto(p->bytes);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->bytes, p->bytes);
}

TEST(CleanPhoto, UprightJpegGetsNoExifAtAll) {
  auto p = CleanPhoto(t::PhoneJpeg(64, 64, 1));
  ASSERT_TRUE(p);
  EXPECT_FALSE(Contains(p->bytes, std::string("Exif\0\0", 6)));
  EXPECT_TRUE(Contains(p->bytes, std::string("JFIF\0", 5)));
}

TEST(CleanPhoto, PolyglotLosesItsCommentAndWhatFollowsTheImage) {
  const std::string html = "<html><script>alert(1)</script></html>";
  auto p = CleanPhoto(t::Jpeg(32, 32, {{JPEG_COM, html}}) + html);
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_FALSE(Contains(p->bytes, "<script"));
  EXPECT_EQ(p->bytes.substr(p->bytes.size() - 2), std::string("\xff\xd9", 2));
}

TEST(CleanPhoto, PngKeepsImageChunksOnly) {
  auto p = CleanPhoto(t::Png(40, 30,
                             {{"tEXt", std::string("Comment\0at home", 15)},
                              {"eXIf", t::ExifWithGps(1).substr(6)},
                              {"tIME", std::string(7, '\1')},
                              {"pHYs", std::string(9, '\0')}}) +
                      "<html>trailing</html>");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->mime, "image/png");
  EXPECT_EQ(p->width, 40);
  EXPECT_EQ(p->height, 30);
  EXPECT_FALSE(Contains(p->bytes, "tEXt"));
  EXPECT_FALSE(Contains(p->bytes, "eXIf"));
  EXPECT_FALSE(Contains(p->bytes, "tIME"));
  EXPECT_FALSE(Contains(p->bytes, "at home"));
  EXPECT_FALSE(Contains(p->bytes, "<html>"));
  EXPECT_TRUE(Contains(p->bytes, "pHYs"));
  EXPECT_EQ(p->bytes.substr(p->bytes.size() - 8, 4), "IEND");
}

TEST(CleanPhoto, NotAnImageIsUnsupportedMediaSayingWhatItIs) {
  struct Case {
    std::string bytes, says;
  };
  for (const auto& c : std::vector<Case>{
           {"<!DOCTYPE html><html><body>hi</body></html>", "HTML"},
           {"  <?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>", "SVG"},
           {std::string("GIF89a\x01\0\x01\0", 10), "GIF"},
           {std::string("\0\0\0\x18"
                        "ftypheic",
                        12),
            "HEIC"},
           {"%PDF-1.7", "PDF"},
           {"", "not a JPEG or PNG"}}) {
    auto p = CleanPhoto(c.bytes);
    ASSERT_FALSE(p) << c.says;
    EXPECT_EQ(p.error().code, ErrorCode::kUnsupportedMedia) << c.says;
    EXPECT_TRUE(Contains(p.error().message, c.says)) << p.error().message;
  }
}

TEST(CleanPhoto, TooManyBytesIsTooLarge) {
  std::string big = t::Jpeg(16, 16);
  big.resize(kMaxPhotoBytes + 1, '\0');
  auto p = CleanPhoto(big);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, ErrorCode::kPayloadTooLarge);
}

TEST(CleanPhoto, HugeDimensionsAreRefusedBeforeDecoding) {
  auto bomb = CleanPhoto(t::PngBomb());
  ASSERT_FALSE(bomb);
  EXPECT_EQ(bomb.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(bomb.error().field, "/photo");
  EXPECT_TRUE(Contains(bomb.error().message, "65535 x 65535")) << bomb.error().message;

  // A JPEG whose frame header claims 60000 x 60000.
  std::string j = t::Jpeg(16, 16);
  const size_t sof = j.find(std::string("\xff\xc0", 2));
  ASSERT_NE(sof, std::string::npos);
  j[sof + 5] = j[sof + 7] = static_cast<char>(0xea);
  j[sof + 6] = j[sof + 8] = static_cast<char>(0x60);
  auto big = CleanPhoto(j);
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::kInvalidArgument);
}

TEST(CleanPhoto, DamagedImagesAreRefused) {
  const std::string good = t::PhoneJpeg();
  for (size_t cut : {size_t{3}, size_t{100}, good.size() / 2, good.size() - 2}) {
    auto p = CleanPhoto(good.substr(0, cut));
    ASSERT_FALSE(p) << "cut at " << cut;
    EXPECT_EQ(p.error().field, "/photo");
  }
  std::string png = t::Png(8, 8);
  png[png.size() - 20] ^= 0x55;  // inside the IDAT: the CRC no longer matches
  EXPECT_FALSE(CleanPhoto(png));
  // A JPEG header followed by HTML: starts like a photo, is not one.
  auto fake = CleanPhoto(std::string("\xff\xd8\xff\xe0", 4) + "<html><script>x</script>");
  ASSERT_FALSE(fake);
  EXPECT_EQ(fake.error().field, "/photo");
}

}  // namespace
}  // namespace tia::media
