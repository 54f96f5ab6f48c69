#include "tia/config/config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace tia::config {
namespace {

std::string WriteFile(const std::string& text) {
  auto path = std::filesystem::temp_directory_path() /
              ("tia-config-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(Config, FileThenEnvironment) {
  const auto file =
      WriteFile("db = \"sqlite:/tmp/a.db\"\nlisten = \"0.0.0.0:9000\"\nuser_rate_per_min = 100\n");
  ::setenv("TIA_USER_RATE_PER_MIN", "5", 1);
  auto c = Load(file);
  ::unsetenv("TIA_USER_RATE_PER_MIN");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->db, "sqlite:/tmp/a.db");
  EXPECT_EQ(c->address, "0.0.0.0");
  EXPECT_EQ(c->port, 9000);
  EXPECT_EQ(c->user_rate_per_min, 5);  // the environment wins over the file
  std::filesystem::remove(file);
}

TEST(Config, ErrorsNameTheSetting) {
  auto file = WriteFile("colour = \"blue\"\n");
  auto c = Load(file);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "colour");
  file = WriteFile("staff_idle_s = 0\n");
  c = Load(file);
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "staff_idle_s");
  file = WriteFile("listen = \"nowhere\"\n");
  EXPECT_EQ(Load(file).error().field, "listen");
  ::setenv("TIA_REAUTH_WINDOW_S", "ten", 1);
  c = Load("");
  ::unsetenv("TIA_REAUTH_WINDOW_S");
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().field, "TIA_REAUTH_WINDOW_S");
  file = WriteFile("sign_in_rate_per_min = -1\n");
  EXPECT_EQ(Load(file).error().field, "sign_in_rate_per_min");
  file = WriteFile("zalo_url = \"ftp://zalo\"\n");
  EXPECT_EQ(Load(file).error().field, "zalo_url");
  file = WriteFile("sign_in_rate_per_min = 600\nzalo_url = \"http://127.0.0.1:9/zns\"\n");
  c = Load(file);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->sign_in_rate_per_min, 600);
  EXPECT_EQ(c->zalo_url, "http://127.0.0.1:9/zns");
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace tia::config
