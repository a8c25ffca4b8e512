#include "fetch/url.hpp"

#include <fmt/format.h>

#include <cctype>

namespace courtside::fetch {

std::string url_encode(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
        else if (c == ' ') out += '+';
        else out += fmt::format("%{:02X}", c);
    }
    return out;
}

std::string build_url(const std::string& base, std::string_view path, const std::map<std::string, std::string>& params) {
    std::string url = base + std::string(path);
    char sep = '?';
    for (const auto& [k, v] : params) {
        url += sep + url_encode(k) + "=" + url_encode(v);
        sep = '&';
    }
    return url;
}

}  // namespace courtside::fetch
