#include "serve/params.hpp"

#include "models/market.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

namespace courtside::serve {

namespace {
// Quoted in messages without control bytes or unbounded length.
std::string shown(const std::string& v) {
    std::string out;
    for (char c : v.substr(0, 60)) out += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
    return v.size() > 60 ? out + "..." : out;
}

bool all_of(const std::string& v, bool (*ok)(char)) { return std::all_of(v.begin(), v.end(), ok); }
}  // namespace

void allow_only(const Params& p, std::initializer_list<const char*> allowed) {
    for (auto it = p.begin(); it != p.end(); it = p.upper_bound(it->first)) {
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return it->first == a; })) {
            std::string names;
            for (const char* a : allowed) names += (names.empty() ? "" : ", ") + std::string(a);
            throw HttpError(400, fmt::format("unknown parameter '{}' (this route takes: {})", shown(it->first),
                                             names.empty() ? "none" : names));
        }
        if (p.count(it->first) > 1) throw HttpError(400, fmt::format("parameter '{}' given more than once", shown(it->first)));
    }
}

void reject_repeated(const std::string& target) {
    const size_t q = target.find('?');
    if (q == std::string::npos) return;
    std::string query = target.substr(q + 1);
    query = query.substr(0, query.find('#'));
    std::set<std::string> seen;
    size_t start = 0;
    while (start <= query.size()) {
        const size_t end = std::min(query.find('&', start), query.size());
        const std::string pair = query.substr(start, end - start);
        if (!pair.empty()) {
            // Decoded as httplib decodes the keys it parses ("m%61rket" is "market").
            const std::string key = httplib::detail::decode_url(pair.substr(0, pair.find('=')), true);
            if (!seen.insert(key).second) throw HttpError(400, fmt::format("parameter '{}' given more than once", shown(key)));
        }
        start = end + 1;
    }
}

std::optional<std::string> param(const Params& p, const std::string& name) {
    auto it = p.find(name);
    if (it == p.end() || it->second.empty()) return std::nullopt;
    return it->second;
}

std::optional<core::Date> date_param(const Params& p, const std::string& name) {
    auto v = param(p, name);
    if (!v) return std::nullopt;
    const core::Date today = core::eastern_date_of_utc_micros(core::now_micros());
    if (*v == "today") return today;
    if (*v == "yesterday") return today - 1;
    if (*v == "tomorrow") return today + 1;  // as the CLI takes it (audit)
    auto d = v->size() == 10 ? core::parse_date(*v) : std::nullopt;
    if (!d) throw HttpError(400, fmt::format("{}: '{}' is not a date (YYYY-MM-DD, today, yesterday or tomorrow)", name, shown(*v)));
    return d;
}

std::optional<std::string> market_param(const Params& p) {
    auto v = param(p, "market");
    const auto known = models::market_name_list();
    if (v && std::find(known.begin(), known.end(), *v) == known.end())
        throw HttpError(400, fmt::format("market: '{}' is not a market ({})", shown(*v), models::market_names()));
    return v;
}

std::optional<std::string> system_param(const Params& p) {
    auto v = param(p, "system");
    const auto known = models::system_name_list();
    if (v && std::find(known.begin(), known.end(), *v) == known.end())
        throw HttpError(400, fmt::format("system: '{}' is not a system ({})", shown(*v), fmt::join(known, ", ")));
    return v;
}

std::optional<int64_t> int_param(const Params& p, const std::string& name, int64_t lo, int64_t hi) {
    auto v = param(p, name);
    if (!v) return std::nullopt;
    int64_t n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < lo || n > hi)
        throw HttpError(400, fmt::format("{}: '{}' is not an integer from {} to {}", name, shown(*v), lo, hi));
    return n;
}

std::optional<std::string> run_id_param(const Params& p, const std::string& name) {
    auto v = param(p, name);
    if (v && (v->size() > 64 || !all_of(*v, [](char c) {
                  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.';
              })))
        throw HttpError(400, fmt::format("{}: '{}' is not a run id", name, shown(*v)));
    return v;
}

int64_t player_id_arg(const std::string& text) {
    int64_t n = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || text.size() > 10 || ec != std::errc() || end != text.data() + text.size() || n <= 0 ||
        !all_of(text, [](char c) { return c >= '0' && c <= '9'; }))
        throw HttpError(400, fmt::format("'{}' is not a player id (the NBA PLAYER_ID, digits)", shown(text)));
    return n;
}

}  // namespace courtside::serve
