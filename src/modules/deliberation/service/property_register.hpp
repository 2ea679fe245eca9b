#pragma once
// Importing a community's property register, the basis of owners' votes: one exclusive
// part per line, `code,holder,area[,developer 0/1[,username]]`. Nothing is stored unless
// every line is right, and the register cannot change while owners vote.
#include <cstdint>
#include <string>

#include "silian/modules/deliberation/service/topics.hpp"

namespace silian::deliberation {
inline constexpr std::size_t k_register_max_parts = 20000;

struct RegisterImport {
  Result result;         // topic_id carries the number of parts imported
  std::size_t line = 0;  // the first wrong line, when result.error is the line error
};
RegisterImport import_register(db::Lease& lease, const auth::Principal& who,
                               std::int64_t community_id, const std::string& text,
                               std::int64_t now);
}  // namespace silian::deliberation
