#include "tia/app/web_push.h"

#include <gtest/gtest.h>

#include "tia/auth/passwords.h"

namespace tia::app::webpush {
namespace {

std::string D(const char* b64url) {
  auto bytes = auth::FromBase64Url(b64url);
  EXPECT_TRUE(bytes.has_value()) << b64url;
  return bytes.value_or("");
}

// RFC 8291 Appendix A: fixed keys and salt give the published message byte for byte.
TEST(WebPush, EncryptsTheRfc8291Example) {
  auto sender = Key::FromPrivate(D("yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw"));
  ASSERT_TRUE(sender) << sender.error().message;
  EXPECT_EQ(
      auth::Base64Url(sender->public_point()),
      "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8");
  auto body = Encrypt(
      "When I grow up, I want to be a watermelon",
      D("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4"),
      D("BTBZMqHH6r4Tts7J_aSIgg"), *sender, D("DGv6ra1nlYgDCS1FRnbzlw"));
  ASSERT_TRUE(body) << body.error().message;
  EXPECT_EQ(
      auth::Base64Url(*body),
      "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmY"
      "WAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexS"
      "gSxsj_Qulcy4a-fN");
}

TEST(WebPush, FreshEncryptionsDiffer) {
  auto browser = Key::Generate();
  ASSERT_TRUE(browser);
  const std::string auth(16, 'a');
  auto a = Encrypt("{}", browser->public_point(), auth);
  auto b = Encrypt("{}", browser->public_point(), auth);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);  // a new salt and key each time
  EXPECT_EQ(a->size(), 16u + 4 + 1 + 65 + 2 + 1 + 16);
  EXPECT_FALSE(Encrypt(std::string(4096, 'x'), browser->public_point(), auth));  // one record only
  EXPECT_FALSE(Encrypt("{}", browser->public_point(), "short"));
}

TEST(WebPush, KeysSurviveStorage) {
  auto key = Key::Generate();
  ASSERT_TRUE(key);
  auto pem = key->Pem();
  ASSERT_TRUE(pem);
  auto back = Key::FromPem(*pem);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->public_point(), key->public_point());
  EXPECT_FALSE(Key::FromPem("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"));
}

TEST(WebPush, OnlyPointsOnTheCurveAreBrowserKeys) {
  auto key = Key::Generate();
  ASSERT_TRUE(key);
  std::string point = key->public_point();
  EXPECT_TRUE(IsP256Point(point));
  point[40] = static_cast<char>(point[40] ^ 1);
  EXPECT_FALSE(IsP256Point(point));
  EXPECT_FALSE(IsP256Point(point.substr(0, 33)));  // compressed or cut
  EXPECT_FALSE(IsP256Point(std::string(65, '\0')));
}

TEST(WebPush, JwtIsThreeBase64UrlParts) {
  auto key = Key::Generate();
  ASSERT_TRUE(key);
  auto url = ParseUrl("https://fcm.googleapis.com/fcm/send/abc");
  ASSERT_TRUE(url);
  auto header = VapidAuthorization(*key, *url, "mailto:ops@example.org", 1'800'000'000'000);
  ASSERT_TRUE(header) << header.error().message;
  ASSERT_EQ(header->rfind("vapid t=", 0), 0u);
  const std::string jwt = header->substr(8, header->find(',') - 8);
  const size_t first = jwt.find('.');
  const size_t second = jwt.find('.', first + 1);
  ASSERT_NE(second, std::string::npos);
  EXPECT_EQ(*auth::FromBase64Url(jwt.substr(0, first)), R"({"typ":"JWT","alg":"ES256"})");
  EXPECT_EQ(
      *auth::FromBase64Url(jwt.substr(first + 1, second - first - 1)),
      R"({"aud":"https://fcm.googleapis.com","exp":1800043200,"sub":"mailto:ops@example.org"})");
  EXPECT_EQ(auth::FromBase64Url(jwt.substr(second + 1))->size(), 64u);  // r || s
  EXPECT_EQ(header->substr(header->find(", k=") + 4), auth::Base64Url(key->public_point()));
}

TEST(WebPush, ParsesOnlyHttpUrls) {
  auto u = ParseUrl("https://Updates.Push.Services.Mozilla.com/wpush/v2/gAAA?x=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "updates.push.services.mozilla.com");
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->target, "/wpush/v2/gAAA?x=1");
  EXPECT_EQ(u->Origin(), "https://updates.push.services.mozilla.com");
  auto local = ParseUrl("http://127.0.0.1:8123/push/1");
  ASSERT_TRUE(local);
  EXPECT_EQ(local->Origin(), "http://127.0.0.1:8123");
  for (const char* bad : {"ftp://x/y", "https://", "https://user@host/x", "https://h:99999999/",
                          "https://h/a b", "notaurl", "https://[::1]/x"}) {
    EXPECT_FALSE(ParseUrl(bad)) << bad;
  }
}

}  // namespace
}  // namespace tia::app::webpush
