#include "core/teams.hpp"

#include <fmt/format.h>

#include <cctype>
#include <unordered_map>

namespace courtside::core {

std::string Team::full_name() const { return fmt::format("{} {}", city, nickname); }

const std::vector<Team>& all_teams() {
    static const std::vector<Team> teams = {
        {1610612737, "ATL", "Atlanta", "Hawks"},          {1610612738, "BOS", "Boston", "Celtics"},
        {1610612751, "BKN", "Brooklyn", "Nets"},          {1610612766, "CHA", "Charlotte", "Hornets"},
        {1610612741, "CHI", "Chicago", "Bulls"},          {1610612739, "CLE", "Cleveland", "Cavaliers"},
        {1610612742, "DAL", "Dallas", "Mavericks"},       {1610612743, "DEN", "Denver", "Nuggets"},
        {1610612765, "DET", "Detroit", "Pistons"},        {1610612744, "GSW", "Golden State", "Warriors"},
        {1610612745, "HOU", "Houston", "Rockets"},        {1610612754, "IND", "Indiana", "Pacers"},
        {1610612746, "LAC", "LA", "Clippers"},            {1610612747, "LAL", "Los Angeles", "Lakers"},
        {1610612763, "MEM", "Memphis", "Grizzlies"},      {1610612748, "MIA", "Miami", "Heat"},
        {1610612749, "MIL", "Milwaukee", "Bucks"},        {1610612750, "MIN", "Minnesota", "Timberwolves"},
        {1610612740, "NOP", "New Orleans", "Pelicans"},   {1610612752, "NYK", "New York", "Knicks"},
        {1610612760, "OKC", "Oklahoma City", "Thunder"},  {1610612753, "ORL", "Orlando", "Magic"},
        {1610612755, "PHI", "Philadelphia", "76ers"},     {1610612756, "PHX", "Phoenix", "Suns"},
        {1610612757, "POR", "Portland", "Trail Blazers"}, {1610612758, "SAC", "Sacramento", "Kings"},
        {1610612759, "SAS", "San Antonio", "Spurs"},      {1610612761, "TOR", "Toronto", "Raptors"},
        {1610612762, "UTA", "Utah", "Jazz"},              {1610612764, "WAS", "Washington", "Wizards"},
    };
    return teams;
}

// Letters and digits only, lowercased: "L.A. Clippers" -> "laclippers".
static std::string fold(std::string_view s) {
    std::string out;
    for (char c : s)
        if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

const Team* team_by_id(int64_t team_id) {
    static const auto index = [] {
        std::unordered_map<int64_t, const Team*> m;
        for (const auto& t : all_teams()) m[t.team_id] = &t;
        return m;
    }();
    auto it = index.find(team_id);
    return it == index.end() ? nullptr : it->second;
}

const Team* team_by_tricode(std::string_view tricode) {
    static const auto index = [] {
        std::unordered_map<std::string, const Team*> m;
        for (const auto& t : all_teams()) m[std::string(t.tricode)] = &t;
        // Historical and alternate tricodes of the same franchises.
        const std::pair<const char*, const char*> aliases[] = {
            {"NOH", "NOP"}, {"NOK", "NOP"}, {"NJN", "BKN"}, {"BRK", "BKN"}, {"SEA", "OKC"}, {"VAN", "MEM"},
            {"CHH", "CHA"}, {"CHO", "CHA"}, {"GOS", "GSW"}, {"GS", "GSW"},  {"PHO", "PHX"}, {"SA", "SAS"},
            {"NY", "NYK"},  {"NO", "NOP"},  {"UTH", "UTA"}, {"WSH", "WAS"},
        };
        for (auto [alias, canon] : aliases) m[alias] = m.at(canon);
        return m;
    }();
    std::string key;
    for (char c : tricode) key += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    auto it = index.find(key);
    return it == index.end() ? nullptr : it->second;
}

const Team* team_by_name(std::string_view name) {
    static const auto index = [] {
        std::unordered_map<std::string, const Team*> m;
        for (const auto& t : all_teams()) {
            m[fold(t.full_name())] = &t;
            m[fold(t.nickname)] = &t;
            if (t.tricode != "LAL" && t.tricode != "LAC") m[fold(t.city)] = &t;  // "LA"/"Los Angeles" is ambiguous
        }
        const std::pair<const char*, const char*> aliases[] = {
            {"L.A. Lakers", "LAL"},         {"LA Lakers", "LAL"},           {"Los Angeles Lakers", "LAL"},
            {"L.A. Clippers", "LAC"},       {"LA Clippers", "LAC"},         {"Los Angeles Clippers", "LAC"},
            {"New Orleans Hornets", "NOP"}, {"Charlotte Bobcats", "CHA"},   {"New Jersey Nets", "BKN"},
            {"Seattle SuperSonics", "OKC"}, {"Oklahoma City", "OKC"},       {"Philadelphia 76ers", "PHI"},
            {"Portland Trail Blazers", "POR"},
        };
        for (auto [alias, tri] : aliases) m[fold(alias)] = team_by_tricode(tri);
        return m;
    }();
    auto it = index.find(fold(name));
    return it == index.end() ? nullptr : it->second;
}

}  // namespace courtside::core
