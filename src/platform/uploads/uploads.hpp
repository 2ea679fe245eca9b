#pragma once
// Uploads (C0): photos and documents. The type is decided by sniffing the bytes, never
// by the name or the browser's claim, and only the listed types are accepted.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "silian/platform/db/database.hpp"

namespace silian::uploads {
inline constexpr std::size_t k_max_bytes = 5 * 1024 * 1024;

// image/jpeg, image/png, image/gif, image/webp or application/pdf; nullopt otherwise.
std::optional<std::string> sniff_type(std::string_view bytes);

enum class Refusal { none, empty, too_large, bad_type };
// Why these bytes cannot be stored (Refusal::none when they can). `images_only` refuses
// PDF as well.
Refusal check(std::string_view bytes, bool images_only);

struct Stored {
  std::int64_t id = 0;
  std::string content_type;
  std::int64_t byte_size = 0;
  std::string original_name;
};

// Stores checked bytes inside the caller's transaction; throws std::invalid_argument
// when check() refuses them.
Stored store(db::Lease& lease, std::string_view bytes, const std::string& original_name,
             bool images_only, std::int64_t by, std::int64_t now);

struct File {
  std::string content_type;
  std::string bytes;
};
std::optional<File> load(db::Lease& lease, std::int64_t id);
}  // namespace silian::uploads
