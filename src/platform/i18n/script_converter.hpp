#pragma once
// Shows content that users wrote in the reader's script (Simplified <-> Traditional)
// with OpenCC. English readers see the text as written.
#include <string>
#include <string_view>

namespace silian::i18n {
std::string to_reader_script(std::string_view text, std::string_view reader_lang);
std::string to_simplified(std::string_view text);
std::string to_traditional(std::string_view text);
}  // namespace silian::i18n
