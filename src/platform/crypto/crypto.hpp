#pragma once
// libsodium wrappers: password hashing (argon2id), random tokens, BLAKE2b digests.
#include <string>
#include <string_view>

namespace silian::crypto {
enum class PasswordCost { interactive, minimal /* tests and bulk demo data only */ };

void init();  // sodium_init; call once at start
std::string hash_password(std::string_view password, PasswordCost cost);
bool verify_password(std::string_view password, const std::string& stored_hash);
std::string random_token(std::size_t bytes = 32);  // URL-safe base64
std::string blake2b_hex(std::string_view data, std::string_view key = {});
std::string to_base64(std::string_view bytes);
std::string from_base64(std::string_view text);  // empty on malformed input
bool constant_time_equal(std::string_view a, std::string_view b);
}  // namespace silian::crypto
