#include "tia/auth/policy.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "tia/auth/passwords.h"

namespace tia::auth {
namespace {

constexpr Action kAll[] = {Action::kReadBabyEvents, Action::kWriteBabyEvents,
                           Action::kReadMotherData, Action::kWriteMotherData,
                           Action::kManageSharing,  Action::kExport};

TEST(Policy, MotherOwnsOnlyHerOwnRecord) {
  Relation rel{7, 1, std::nullopt};
  for (Action a : kAll) {
    EXPECT_EQ(Decide({7, Role::kMother, 1}, rel, a), Decision::kAllow);
    EXPECT_EQ(Decide({8, Role::kMother, 1}, rel, a), Decision::kNotFound);
  }
}

TEST(Policy, CaregiverScopes) {
  Relation baby{7, 1, "baby"};
  Relation full{7, 1, "baby_and_mother"};
  Relation none{7, 1, std::nullopt};
  Principal cg{9, Role::kCaregiver, std::nullopt};
  EXPECT_EQ(Decide(cg, baby, Action::kWriteBabyEvents), Decision::kAllow);
  EXPECT_EQ(Decide(cg, baby, Action::kReadMotherData), Decision::kNotFound);
  EXPECT_EQ(Decide(cg, full, Action::kReadMotherData), Decision::kAllow);
  EXPECT_EQ(Decide(cg, full, Action::kExport), Decision::kForbidden);
  for (Action a : kAll) EXPECT_EQ(Decide(cg, none, a), Decision::kNotFound);
}

TEST(Policy, BreakGlassLetsAnotherHospitalsClinicianReadOnly) {
  Relation glass{7, 1, std::nullopt, true};
  Relation none{7, 1, std::nullopt, false};
  const Principal elsewhere{3, Role::kClinician, 2};
  EXPECT_EQ(Decide(elsewhere, glass, Action::kReadMotherData), Decision::kAllow);
  EXPECT_EQ(Decide(elsewhere, glass, Action::kReadBabyEvents), Decision::kAllow);
  for (Action a : {Action::kWriteMotherData, Action::kWriteBabyEvents, Action::kManageSharing,
                   Action::kExport}) {
    EXPECT_EQ(Decide(elsewhere, glass, a), Decision::kNotFound);
  }
  for (Action a : kAll) EXPECT_EQ(Decide(elsewhere, none, a), Decision::kNotFound);
  // Break-glass is a clinician's: an admin holding one still sees nothing.
  EXPECT_EQ(Decide({4, Role::kHospitalAdmin, 2}, glass, Action::kReadMotherData),
            Decision::kNotFound);
}

TEST(Policy, ClinicianReadsOnlyHerHospital) {
  Relation rel{7, 1, std::nullopt};
  EXPECT_EQ(Decide({3, Role::kClinician, 1}, rel, Action::kReadMotherData), Decision::kAllow);
  EXPECT_EQ(Decide({3, Role::kClinician, 1}, rel, Action::kWriteMotherData), Decision::kForbidden);
  for (Action a : kAll) {
    EXPECT_EQ(Decide({3, Role::kClinician, 2}, rel, a), Decision::kNotFound);
    EXPECT_EQ(Decide({4, Role::kHospitalAdmin, 1}, rel, a), Decision::kNotFound);
  }
}

TEST(Passwords, PolicyCountsCharactersNotBytes) {
  EXPECT_FALSE(CheckPasswordPolicy("short", "/password"));
  EXPECT_TRUE(CheckPasswordPolicy("mẹ ơi mẹ ơi mẹ", "/password"));  // 14 characters
  EXPECT_FALSE(CheckPasswordPolicy("ẹẹẹẹẹ", "/password"));          // 15 bytes, 5 characters
  EXPECT_FALSE(CheckPasswordPolicy(std::string(129, 'a'), "/password"));
  EXPECT_EQ(CheckPasswordPolicy("short", "/password").error().field, "/password");
}

TEST(Passwords, HashIsArgon2idAndNotTruncated) {
  ASSERT_TRUE(InitCrypto());
  const std::string pw(100, 'x');
  auto h = HashPassword(pw);
  ASSERT_TRUE(h);
  EXPECT_TRUE(h->starts_with("$argon2id$v=19$m=19456,t=3,p=1$")) << *h;
  EXPECT_TRUE(VerifyPassword(*h, pw));
  EXPECT_FALSE(VerifyPassword(*h, pw.substr(0, 72)));
  EXPECT_NE(*HashPassword(pw), *h);  // unique salt
  const auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(VerifyPassword(*h, pw));
  const auto ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("one Argon2id verification: %.1f ms\n", ms);  // reported, not judged (shared machine)
}

TEST(Passwords, TokensAreRandomAndHashed) {
  ASSERT_TRUE(InitCrypto());
  const auto a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 43u);  // 32 bytes base64url
  EXPECT_NE(a, b);
  EXPECT_EQ(TokenHash(a).size(), 64u);
  EXPECT_EQ(TokenHash(a), TokenHash(a));
  EXPECT_TRUE(SafeEquals(a, a));
  EXPECT_FALSE(SafeEquals(a, b));
}

}  // namespace
}  // namespace tia::auth

namespace tia::auth {
namespace {

TEST(Passwords, AReadableCodeHasEightCharactersWithoutLookAlikes) {
  for (int i = 0; i < 200; ++i) {
    const std::string code = ReadableCode();
    ASSERT_EQ(code.size(), 8u);
    EXPECT_EQ(code.find_first_not_of("23456789ABCDEFGHJKMNPQRSTUVWXYZ"), std::string::npos) << code;
  }
  EXPECT_NE(ReadableCode(), ReadableCode());
}

TEST(Passwords, ATypedCodeIsNormalisedAsIssued) {
  EXPECT_EQ(NormaliseCode("7kqm-3xfd"), "7KQM3XFD");
  EXPECT_EQ(NormaliseCode(" 7KQM 3XFD "), "7KQM3XFD");
}

}  // namespace
}  // namespace tia::auth
