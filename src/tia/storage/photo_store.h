// tia/storage/photo_store.h — consultation photos, encrypted, in files outside the database.
//
// A photo is addressed by a keyed BLAKE2b hash of its (cleaned) bytes, so the address says
// nothing about the picture to someone without the key, and the same photo sent twice is stored
// once. Each file is XChaCha20-Poly1305 (libsodium) under a key derived from one 32-byte master
// key, with the address as associated data: a file copied under another name, or altered, does
// not decrypt. Nothing in a stored file is an image header; it does not open as a picture.
// Writes are atomic (temporary file, fsync, rename, fsync of the directory). Several servers on
// PostgreSQL share the directory (a network file system) and the key.
//
//   auto store = PhotoStore::Open("/var/lib/tia/photos", "/etc/tia/photo.key");
//   auto address = (*store)->Put(clean.bytes);
//   auto bytes = (*store)->Get(*address);
#pragma once

#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "tia/base/result.h"

namespace tia::storage {

class PhotoStore {
 public:
  // Creates the directory (0700) when missing, and the key file (0600, random) when missing.
  static Result<std::unique_ptr<PhotoStore>> Open(const std::string& dir,
                                                  const std::string& key_file);

  // Stores the bytes (idempotent) and returns their address: 64 lowercase hex characters.
  Result<std::string> Put(std::string_view bytes);
  // kNotFound when absent; kInternal when the file does not decrypt (altered or misplaced).
  Result<std::string> Get(const std::string& address) const;
  // Removes the file; absent is fine.
  Result<void> Remove(const std::string& address);
  // The file an address is stored in (for tests and operators).
  std::string PathOf(const std::string& address) const;

 private:
  PhotoStore(std::string dir, std::array<unsigned char, 32> hash_key,
             std::array<unsigned char, 32> box_key)
      : dir_(std::move(dir)), hash_key_(hash_key), box_key_(box_key) {}

  std::string dir_;
  std::array<unsigned char, 32> hash_key_;
  std::array<unsigned char, 32> box_key_;
};

}  // namespace tia::storage
