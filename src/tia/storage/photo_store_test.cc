#include "tia/storage/photo_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace tia::storage {
namespace {

class PhotoStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tia-photos-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Dir() const { return dir_.string() + "/photos"; }
  std::string Key() const { return Dir() + "/key"; }
  std::filesystem::path dir_;
};

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), {}};
}

const std::string kJpeg =
    std::string("\xff\xd8\xff\xe0\0\x10JFIF\0", 11) + "pixels of a breast photo";

TEST_F(PhotoStoreTest, RoundTripsEncryptedAndAddressedByKeyedHash) {
  auto store = PhotoStore::Open(Dir(), Key());
  ASSERT_TRUE(store) << store.error().message;
  auto a = (*store)->Put(kJpeg);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->size(), 64u);
  auto again = (*store)->Put(kJpeg);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *a);  // stored once
  auto back = (*store)->Get(*a);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, kJpeg);

  const std::string on_disk = Slurp((*store)->PathOf(*a));
  EXPECT_NE(on_disk.substr(0, 3), kJpeg.substr(0, 3));  // not a JPEG header
  EXPECT_EQ(on_disk.find("JFIF"), std::string::npos);
  EXPECT_EQ(on_disk.find("pixels of a breast photo"), std::string::npos);

  struct stat st {};
  ASSERT_EQ(::stat(Key().c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(st.st_size, 32);
}

TEST_F(PhotoStoreTest, SameKeyReopensOtherKeyCannotRead) {
  std::string address;
  {
    auto store = PhotoStore::Open(Dir(), Key());
    ASSERT_TRUE(store);
    address = *(*store)->Put(kJpeg);
  }
  auto reopened = PhotoStore::Open(Dir(), Key());
  ASSERT_TRUE(reopened);
  EXPECT_EQ(*(*reopened)->Get(address), kJpeg);

  auto other = PhotoStore::Open(Dir(), dir_.string() + "/other.key");
  ASSERT_TRUE(other);
  auto refused = (*other)->Get(address);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::kInternal);
}

TEST_F(PhotoStoreTest, AlteredOrMovedFileDoesNotDecrypt) {
  auto store = PhotoStore::Open(Dir(), Key());
  ASSERT_TRUE(store);
  const std::string a = *(*store)->Put(kJpeg);
  const std::string b = *(*store)->Put("another photo entirely");
  // A file copied under another photo's name fails: the address is bound into the tag.
  std::filesystem::copy_file((*store)->PathOf(a), (*store)->PathOf(b),
                             std::filesystem::copy_options::overwrite_existing);
  EXPECT_FALSE((*store)->Get(b));
  std::string bytes = Slurp((*store)->PathOf(a));
  bytes[bytes.size() - 3] ^= 1;
  std::ofstream((*store)->PathOf(a), std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_FALSE((*store)->Get(a));
}

TEST_F(PhotoStoreTest, UnknownAndMalformedAddressesAreNotFound) {
  auto store = PhotoStore::Open(Dir(), Key());
  ASSERT_TRUE(store);
  EXPECT_EQ((*store)->Get(std::string(64, 'a')).error().code, ErrorCode::kNotFound);
  EXPECT_EQ((*store)->Get("../../etc/passwd").error().code, ErrorCode::kNotFound);
  const std::string a = *(*store)->Put(kJpeg);
  ASSERT_TRUE((*store)->Remove(a));
  EXPECT_EQ((*store)->Get(a).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE((*store)->Remove(a));  // twice is fine
}

TEST_F(PhotoStoreTest, ShortKeyFileIsRefusedNamingIt) {
  std::filesystem::create_directories(Dir());
  std::ofstream(Key()) << "short";
  auto store = PhotoStore::Open(Dir(), Key());
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find(Key()), std::string::npos);
}

}  // namespace
}  // namespace tia::storage
