#include "core/game_id.hpp"

#include <fmt/format.h>

#include <cctype>

namespace courtside::core {

std::optional<std::string> normalize_game_id(std::string_view raw) {
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front()))) raw.remove_prefix(1);
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
    if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') raw = raw.substr(1, raw.size() - 2);
    if (auto dot = raw.find('.'); dot != std::string_view::npos) {
        for (char c : raw.substr(dot + 1))
            if (c != '0') return std::nullopt;  // "22100001.5" is not a game id
        raw = raw.substr(0, dot);
    }
    if (raw.empty() || raw.size() > 10) return std::nullopt;
    for (char c : raw)
        if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    std::string id(10 - raw.size(), '0');
    id.append(raw);
    if (id[0] != '0' || id[1] != '0') return std::nullopt;  // NBA league prefix "00"
    if (id[2] < '1' || id[2] > '6') return std::nullopt;    // season type digit: 1 preseason .. 6 NBA Cup final
    return id;
}

int season_of_game_id(std::string_view game_id) {
    int yy = (game_id[3] - '0') * 10 + (game_id[4] - '0');
    return yy >= 46 ? 1900 + yy : 2000 + yy;
}

SeasonType season_type_of_game_id(std::string_view game_id) {
    return static_cast<SeasonType>(game_id[2] - '0');
}

std::optional<SeasonType> season_type_of_season_id(std::string_view season_id) {
    if (season_id.empty()) return std::nullopt;
    switch (season_id[0]) {
        case '1': return SeasonType::Preseason;
        case '2': return SeasonType::Regular;
        case '3': return SeasonType::AllStar;
        case '4': return SeasonType::Playoffs;
        case '5': return SeasonType::PlayIn;
        case '6': return SeasonType::Regular;  // NBA Cup final counts as a regular-season game
        default: return std::nullopt;
    }
}

std::string_view season_type_name(SeasonType t) {
    switch (t) {
        case SeasonType::Preseason: return "preseason";
        case SeasonType::Regular: return "regular";
        case SeasonType::AllStar: return "allstar";
        case SeasonType::Playoffs: return "playoffs";
        case SeasonType::PlayIn: return "playin";
        case SeasonType::NbaCup: return "regular";
    }
    return "unknown";
}

std::string season_label(int season) { return fmt::format("{}-{:02d}", season, (season + 1) % 100); }

}  // namespace courtside::core
