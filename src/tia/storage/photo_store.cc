#include "tia/storage/photo_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace tia::storage {

namespace {

constexpr std::string_view kMagic = "tiaP1\n";  // format version; not an image signature
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "tiaphoto";

tl::unexpected<Error> IoError(const std::string& what, const std::string& path) {
  return Fail(ErrorCode::kInternal, what + " " + path + ": " + std::strerror(errno));
}

Result<std::string> ReadFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Fail(ErrorCode::kNotFound, "not found");
    return IoError("cannot open", path);
  }
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return IoError("cannot read", path);
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

Result<void> WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot write", path);
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Ok();
}

Result<void> SyncDir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open", dir);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return IoError("cannot sync", dir);
  return Ok();
}

Result<std::array<unsigned char, 32>> LoadOrMakeKey(const std::string& key_file) {
  std::array<unsigned char, 32> key{};
  int fd = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    randombytes_buf(key.data(), key.size());
    auto w = WriteAll(fd, {reinterpret_cast<const char*>(key.data()), key.size()}, key_file);
    const int rc = w ? ::fsync(fd) : -1;
    ::close(fd);
    if (!w) return tl::unexpected(w.error());
    if (rc != 0) return IoError("cannot sync", key_file);
    return key;
  }
  if (errno != EEXIST) return IoError("cannot create", key_file);
  TIA_ASSIGN_OR_RETURN(std::string bytes, ReadFile(key_file));
  if (bytes.size() != key.size()) {
    return Fail(ErrorCode::kInternal, "photo key file " + key_file + " must hold exactly 32 bytes");
  }
  std::memcpy(key.data(), bytes.data(), key.size());
  sodium_memzero(bytes.data(), bytes.size());
  return key;
}

bool IsAddress(const std::string& a) {
  if (a.size() != 64) return false;
  for (char c : a) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

Result<std::unique_ptr<PhotoStore>> PhotoStore::Open(const std::string& dir,
                                                     const std::string& key_file) {
  if (sodium_init() < 0) return Fail(ErrorCode::kInternal, "libsodium failed to start");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Fail(ErrorCode::kInternal, "cannot create " + dir + ": " + ec.message());
  ::chmod(dir.c_str(), 0700);
  TIA_ASSIGN_OR_RETURN(auto master, LoadOrMakeKey(key_file));
  std::array<unsigned char, 32> hash_key{}, box_key{};
  crypto_kdf_derive_from_key(hash_key.data(), hash_key.size(), 1, kKdfContext, master.data());
  crypto_kdf_derive_from_key(box_key.data(), box_key.size(), 2, kKdfContext, master.data());
  sodium_memzero(master.data(), master.size());
  return std::unique_ptr<PhotoStore>(new PhotoStore(dir, hash_key, box_key));
}

std::string PhotoStore::PathOf(const std::string& address) const {
  return dir_ + "/" + address.substr(0, 2) + "/" + address;
}

Result<std::string> PhotoStore::Put(std::string_view bytes) {
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), hash_key_.data(), hash_key_.size());
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
  const std::string address(hex);
  const std::string path = PathOf(address);
  if (::access(path.c_str(), F_OK) == 0) return address;  // the same photo, stored before

  std::string file(kMagic);
  unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  randombytes_buf(nonce, sizeof nonce);
  file.append(reinterpret_cast<const char*>(nonce), sizeof nonce);
  const size_t head = file.size();
  file.resize(head + bytes.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      reinterpret_cast<unsigned char*>(file.data() + head), &written,
      reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
      reinterpret_cast<const unsigned char*>(address.data()), address.size(), nullptr, nonce,
      box_key_.data());
  file.resize(head + written);

  const std::string sub = dir_ + "/" + address.substr(0, 2);
  if (::mkdir(sub.c_str(), 0700) != 0 && errno != EEXIST) return IoError("cannot create", sub);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid()) + "." +
                          std::to_string(randombytes_uniform(1u << 30));
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return IoError("cannot create", tmp);
  auto w = WriteAll(fd, file, tmp);
  const bool synced = w && ::fsync(fd) == 0;
  ::close(fd);
  if (!w || !synced || ::rename(tmp.c_str(), path.c_str()) != 0) {
    auto err = IoError("cannot store", path);
    ::unlink(tmp.c_str());
    return err;
  }
  TIA_TRY(SyncDir(sub));
  return address;
}

Result<std::string> PhotoStore::Get(const std::string& address) const {
  if (!IsAddress(address)) return Fail(ErrorCode::kNotFound, "not found");
  const std::string path = PathOf(address);
  TIA_ASSIGN_OR_RETURN(std::string file, ReadFile(path));
  const size_t head = kMagic.size() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (file.size() < head + crypto_aead_xchacha20poly1305_ietf_ABYTES ||
      std::string_view(file).substr(0, kMagic.size()) != kMagic) {
    return Fail(ErrorCode::kInternal, "photo file " + path + " is not a Tia photo file");
  }
  std::string out(file.size() - head - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long n = 0;
  const auto* nonce = reinterpret_cast<const unsigned char*>(file.data() + kMagic.size());
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &n, nullptr,
          reinterpret_cast<const unsigned char*>(file.data() + head), file.size() - head,
          reinterpret_cast<const unsigned char*>(address.data()), address.size(), nonce,
          box_key_.data()) != 0) {
    return Fail(ErrorCode::kInternal, "photo file " + path + " does not decrypt");
  }
  out.resize(n);
  return out;
}

Result<void> PhotoStore::Remove(const std::string& address) {
  if (!IsAddress(address)) return Ok();
  const std::string path = PathOf(address);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return IoError("cannot remove", path);
  return Ok();
}

}  // namespace tia::storage
