#include "cli/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace courtside::cli {

size_t edit_distance(std::string_view a, std::string_view b) {
    auto low = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    const size_t n = a.size(), m = b.size();
    std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
    for (size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (size_t i = 1; i <= n; ++i)
        for (size_t j = 1; j <= m; ++j) {
            const size_t cost = low(a[i - 1]) == low(b[j - 1]) ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && low(a[i - 1]) == low(b[j - 2]) && low(a[i - 2]) == low(b[j - 1]))
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

std::optional<std::string> nearest(std::string_view typed, const std::vector<std::string>& known) {
    std::optional<std::string> best;
    size_t best_d = std::numeric_limits<size_t>::max();
    for (const auto& k : known) {
        size_t d = edit_distance(typed, k);
        if (d < best_d) best_d = d, best = k;
    }
    if (best && best_d <= std::max<size_t>(1, typed.size() / 3)) return best;
    std::optional<std::string> prefixed;
    for (const auto& k : known)
        if (k.size() > typed.size() && std::equal(typed.begin(), typed.end(), k.begin(), [](char x, char y) {
                return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
            })) {
            if (prefixed) return std::nullopt;  // more than one: no guess
            prefixed = k;
        }
    return prefixed;
}

std::string did_you_mean(const std::optional<std::string>& guess) {
    return guess ? " (did you mean '" + *guess + "'?)" : std::string();
}

}  // namespace courtside::cli
