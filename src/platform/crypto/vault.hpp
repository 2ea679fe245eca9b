#pragma once
// Encryption at rest for sensitive personal data (phone numbers, beneficiary records):
// XSalsa20-Poly1305 (crypto_secretbox) with a key every app node shares, plus a keyed
// BLAKE2b "blind index" so that an encrypted value can still be looked up by equality.
#include <optional>
#include <string>
#include <string_view>

namespace silian::crypto {
class Vault {
 public:
  // Loads the 32-byte key from `key_file`, creating it (mode 0600) when absent.
  static Vault from_key_file(const std::string& key_file);
  explicit Vault(std::string raw_key);

  std::string seal(std::string_view plaintext) const;              // base64(nonce|box)
  std::optional<std::string> open(std::string_view sealed) const;  // nullopt if tampered
  std::string blind_index(std::string_view plaintext) const;       // hex

 private:
  std::string key_;
};

// 13812345678 -> 138****5678 ; 王小明 -> 王**
std::string mask_phone(std::string_view phone);
std::string mask_name(std::string_view name);
}  // namespace silian::crypto
