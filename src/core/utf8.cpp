#include "core/utf8.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace courtside::core {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one.
size_t sequence_length(std::string_view s, size_t i) {
    const auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
    const uint8_t c = b(i);
    if (c < 0x80) return 1;
    size_t n = 0;
    uint32_t cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07, min = 0x10000;
    else return 0;
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

}  // namespace

std::optional<size_t> utf8_error_offset(std::string_view s) {
    size_t i = 0;
    while (i < s.size()) {
        // ASCII runs, eight bytes at a time: nearly all of a source file.
        while (i + 8 <= s.size()) {
            uint64_t w;
            __builtin_memcpy(&w, s.data() + i, 8);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= s.size()) break;
        size_t n = sequence_length(s, i);
        if (n == 0) return i;
        i += n;
    }
    return std::nullopt;
}

std::string escape_invalid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        if (size_t n = sequence_length(s, i)) {
            out.append(s.substr(i, n));
            i += n;
        } else {
            out += fmt::format("\\x{:02X}", static_cast<uint8_t>(s[i]));
            ++i;
        }
    }
    return out;
}

}  // namespace courtside::core
