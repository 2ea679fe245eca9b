#include "silian/platform/crypto/vault.hpp"

#include <sodium.h>
#include <sys/stat.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "silian/platform/crypto/crypto.hpp"

namespace silian::crypto {
Vault::Vault(std::string raw_key) : key_(std::move(raw_key)) {
  if (key_.size() != crypto_secretbox_KEYBYTES)
    throw std::runtime_error("vault key must be 32 bytes");
}

Vault Vault::from_key_file(const std::string& key_file) {
  namespace fs = std::filesystem;
  if (!fs::exists(key_file)) {
    auto parent = fs::path(key_file).parent_path();
    if (!parent.empty()) fs::create_directories(parent);
    std::string key(crypto_secretbox_KEYBYTES, '\0');
    crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
    {
      std::ofstream out(key_file, std::ios::binary);
      out << to_base64(key) << "\n";
    }
    ::chmod(key_file.c_str(), 0600);
  }
  std::ifstream in(key_file);
  std::string line;
  std::getline(in, line);
  auto key = from_base64(line);
  if (key.size() != crypto_secretbox_KEYBYTES)
    throw std::runtime_error("secret key file " + key_file + " is not a base64 32-byte key");
  return Vault(key);
}

std::string Vault::seal(std::string_view plaintext) const {
  std::string out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size(), '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        nonce, reinterpret_cast<const unsigned char*>(key_.data()));
  return to_base64(out);
}

std::optional<std::string> Vault::open(std::string_view sealed) const {
  auto raw = from_base64(sealed);
  if (raw.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  const auto* nonce = reinterpret_cast<const unsigned char*>(raw.data());
  std::string out(raw.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()),
                                 nonce + crypto_secretbox_NONCEBYTES,
                                 raw.size() - crypto_secretbox_NONCEBYTES, nonce,
                                 reinterpret_cast<const unsigned char*>(key_.data())) != 0)
    return std::nullopt;
  return out;
}

std::string Vault::blind_index(std::string_view plaintext) const {
  return blake2b_hex(plaintext, key_);
}

std::string mask_phone(std::string_view phone) {
  if (phone.size() < 7) return std::string(phone.size(), '*');
  return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(phone.size() - 4));
}

std::string mask_name(std::string_view name) {
  if (name.empty()) return {};
  // Keep the first UTF-8 code point (the family name) and mask the rest.
  std::size_t len = 1;
  auto lead = static_cast<unsigned char>(name[0]);
  if (lead >= 0xF0)
    len = 4;
  else if (lead >= 0xE0)
    len = 3;
  else if (lead >= 0xC0)
    len = 2;
  return std::string(name.substr(0, std::min(len, name.size()))) + "**";
}
}  // namespace silian::crypto
