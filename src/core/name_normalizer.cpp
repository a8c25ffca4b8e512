#include "core/name_normalizer.hpp"

#include <array>
#include <vector>

namespace courtside::core {

namespace {

// ASCII spellings of U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A), in code
// point order, lowercased. "" drops the character (× and ÷).
constexpr std::array<std::string_view, 0x180 - 0xC0> kLatin = {
    // U+00C0 À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00D0 Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    // U+00E0 à á â ã ä å æ ç è é ê ë ì í î ï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00F0 ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    // U+0110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    // U+0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    // U+0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    // U+0140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "ng", "ng", "o", "o", "o", "o",
    // U+0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    // U+0160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    // U+0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

enum class Kind { Text, Drop, Space };

struct Mapped {
    Kind kind;
    std::string_view text;  // for Kind::Text
};

// Decodes one UTF-8 sequence at s[i]; advances i. Invalid bytes decode as U+FFFD.
char32_t next_code_point(std::string_view s, size_t& i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b = byte(i);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) { ++i; return 0xFFFD; }
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) { ++i; return 0xFFFD; }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    i += len;
    return cp;
}

Mapped map_code_point(char32_t cp, std::string_view original) {
    static constexpr std::string_view kLower = "abcdefghijklmnopqrstuvwxyz";
    static constexpr std::string_view kDigits = "0123456789";
    if (cp >= 'a' && cp <= 'z') return {Kind::Text, kLower.substr(cp - 'a', 1)};
    if (cp >= 'A' && cp <= 'Z') return {Kind::Text, kLower.substr(cp - 'A', 1)};
    if (cp >= '0' && cp <= '9') return {Kind::Text, kDigits.substr(cp - '0', 1)};
    // Marks inside a word: "P.J.", "De'Aaron", "O’Neale", and combining accents of decomposed text.
    if (cp == '.' || cp == '\'' || cp == '`' || cp == 0xB4 || cp == 0x2018 || cp == 0x2019 || cp == 0x02BC ||
        (cp >= 0x300 && cp <= 0x36F))
        return {Kind::Drop, {}};
    if (cp >= 0xC0 && cp < 0x180) {
        auto t = kLatin[cp - 0xC0];
        return t.empty() ? Mapped{Kind::Drop, {}} : Mapped{Kind::Text, t};
    }
    if (cp == 0x218 || cp == 0x219) return {Kind::Text, "s"};  // Romanian Ș ș
    if (cp == 0x21A || cp == 0x21B) return {Kind::Text, "t"};  // Romanian Ț ț
    if (cp < 0x80 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xA0 || cp == 0xFFFD) return {Kind::Space, {}};
    return {Kind::Text, original};  // other scripts: kept verbatim
}

bool is_suffix(std::string_view w) { return w == "jr" || w == "sr" || w == "ii" || w == "iii" || w == "iv"; }

}  // namespace

std::string normalize_person_name(std::string_view name) {
    std::vector<std::string> words(1);
    for (size_t i = 0; i < name.size();) {
        size_t start = i;
        char32_t cp = next_code_point(name, i);
        Mapped m = map_code_point(cp, name.substr(start, i - start));
        if (m.kind == Kind::Text) words.back() += m.text;
        else if (m.kind == Kind::Space && !words.back().empty()) words.emplace_back();
    }
    if (words.back().empty()) words.pop_back();

    // "p j tucker" -> "pj tucker": initials written apart are the same as written together.
    std::vector<std::string> joined;
    bool in_initials = false;  // the last joined word was built from single letters
    for (auto& w : words) {
        bool initial = w.size() == 1;
        if (initial && in_initials) {
            joined.back() += w;
            continue;
        }
        in_initials = initial;
        joined.push_back(std::move(w));
    }
    while (joined.size() > 1 && is_suffix(joined.back())) joined.pop_back();

    std::string out;
    for (const auto& w : joined) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

}  // namespace courtside::core
