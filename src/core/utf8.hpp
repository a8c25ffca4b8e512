// UTF-8 checks for text that ends up in the store: DuckDB's VARCHAR holds valid UTF-8 only, so a
// cell or a file name in another encoding must be caught (and named) before it reaches a table.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace courtside::core {

// Offset of the first byte that does not start a valid UTF-8 sequence (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or nullopt when the text is valid.
std::optional<size_t> utf8_error_offset(std::string_view s);
inline bool is_valid_utf8(std::string_view s) { return !utf8_error_offset(s); }

// The text with every byte of an invalid sequence written as \xHH: a readable, storable name
// for a file whose name is not UTF-8 ("caf\xE9.csv").
std::string escape_invalid_utf8(std::string_view s);

}  // namespace courtside::core
