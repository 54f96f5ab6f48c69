#include "tia/http/catalogue.h"

#include <gtest/gtest.h>

namespace tia::http {
namespace {

constexpr auto kVi = engine::Lang::kVi;

TEST(Catalogue, EnglishPassesUnchanged) {
  EXPECT_EQ(Localize("the e-mail or password is wrong", engine::Lang::kEn),
            "the e-mail or password is wrong");
}

TEST(Catalogue, AnExactMessageIsTranslated) {
  EXPECT_EQ(Localize("the e-mail or password is wrong", kVi), "e-mail hoặc mật khẩu không đúng");
}

TEST(Catalogue, VaryingPartsAreCarriedOverInOrder) {
  EXPECT_EQ(Localize("must be between 30 and 45", kVi), "phải từ 30 đến 45");
  EXPECT_EQ(Localize("This needs care now: call 115 or the hospital hotline 1900 6868. A message "
                     "would wait in a queue.",
                     kVi),
            "Cần được chăm sóc ngay: gọi 115 hoặc đường dây nóng của bệnh viện 1900 6868. Tin nhắn "
            "sẽ phải chờ trong hàng đợi.");
}

TEST(Catalogue, AVaryingPartThatIsAKnownWordIsTranslatedToo) {
  EXPECT_EQ(Localize("a booking that is arrived cannot become cancelled", kVi),
            "lịch hẹn đang ở trạng thái đã đến không thể chuyển sang đã huỷ");
  EXPECT_EQ(Localize("the value from the care log must be between 30 and 45", kVi),
            "giá trị lấy từ nhật ký phải từ 30 đến 45");
}

TEST(Catalogue, TheLongerTemplateWinsOverItsPrefix) {
  EXPECT_EQ(Localize("must be at most 4000 bytes", kVi), "không được quá 4000 byte");
  EXPECT_EQ(Localize("must have at most 500 items", kVi), "không được có quá 500 mục");
}

TEST(Catalogue, AnUnknownMessageStaysEnglishAndIsReportedAsUntranslated) {
  EXPECT_EQ(Localize("a message nobody wrote down", kVi), "a message nobody wrote down");
  EXPECT_FALSE(Translated("a message nobody wrote down"));
  EXPECT_TRUE(Translated("must be one of: left, right"));
}

}  // namespace
}  // namespace tia::http
