#include "silian/platform/uploads/uploads.hpp"

#include <sodium.h>

#include <stdexcept>

#include "silian/platform/crypto/crypto.hpp"
#include "silian/platform/search/terms.hpp"

namespace silian::uploads {
namespace {
bool starts(std::string_view bytes, std::string_view magic) { return bytes.starts_with(magic); }

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (auto b : digest) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}
}  // namespace

std::optional<std::string> sniff_type(std::string_view b) {
  using namespace std::string_view_literals;
  if (starts(b, "\xFF\xD8\xFF"sv)) return "image/jpeg";
  if (starts(b, "\x89PNG\r\n\x1A\n"sv)) return "image/png";
  if (starts(b, "GIF87a"sv) || starts(b, "GIF89a"sv)) return "image/gif";
  if (b.size() >= 12 && starts(b, "RIFF"sv) && b.substr(8, 4) == "WEBP"sv) return "image/webp";
  if (starts(b, "%PDF-"sv)) return "application/pdf";
  return std::nullopt;
}

Refusal check(std::string_view bytes, bool images_only) {
  if (bytes.empty()) return Refusal::empty;
  if (bytes.size() > k_max_bytes) return Refusal::too_large;
  auto type = sniff_type(bytes);
  if (!type || (images_only && !type->starts_with("image/"))) return Refusal::bad_type;
  return Refusal::none;
}

Stored store(db::Lease& lease, std::string_view bytes, const std::string& original_name,
             bool images_only, std::int64_t by, std::int64_t now) {
  if (check(bytes, images_only) != Refusal::none)
    throw std::invalid_argument("upload refused by check()");
  Stored s;
  s.content_type = *sniff_type(bytes);
  s.byte_size = static_cast<std::int64_t>(bytes.size());
  // Only the last path component of the browser's name, and not too much of it.
  auto slash = original_name.find_last_of("/\\");
  std::string name = slash == std::string::npos ? original_name : original_name.substr(slash + 1);
  if (!search::valid_utf8(name)) name.clear();  // a name is a convenience, never a reason to fail
  s.original_name = search::utf8_cut(name, 200);
  long long id = 0, size = s.byte_size, who = by, at = now;
  std::string digest = sha256_hex(bytes), content = crypto::to_base64(bytes);
  lease.session() << "INSERT INTO uploads (content_type, byte_size, sha256, original_name, "
                     "content_base64, uploaded_by, created_at) VALUES (:t, :s, :h, :n, :c, :b, "
                     ":at) RETURNING id",
      soci::use(s.content_type), soci::use(size), soci::use(digest), soci::use(s.original_name),
      soci::use(content), soci::use(who), soci::use(at), soci::into(id);
  s.id = id;
  return s;
}

std::optional<File> load(db::Lease& lease, std::int64_t id) {
  long long key = id;
  std::string type, content;
  soci::indicator ind = soci::i_null;
  lease.session() << "SELECT content_type, content_base64 FROM uploads WHERE id = :id",
      soci::use(key), soci::into(type, ind), soci::into(content);
  if (ind != soci::i_ok) return std::nullopt;
  return File{type, crypto::from_base64(content)};
}
}  // namespace silian::uploads
