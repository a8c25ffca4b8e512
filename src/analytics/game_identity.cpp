#include "analytics/game_identity.hpp"

#include "core/numbers.hpp"
#include "core/teams.hpp"

#include <algorithm>

namespace courtside::analytics {

std::string team_code(int64_t team_id, std::string_view abbreviation) {
    if (const auto* t = core::team_by_id(team_id)) return std::string(t->tricode);
    abbreviation = core::trim(abbreviation);
    if (const auto* t = core::team_by_tricode(abbreviation)) return std::string(t->tricode);
    return std::string(abbreviation);
}

std::optional<Matchup> parse_matchup(std::string_view m) {
    auto split = [&](std::string_view sep) -> std::optional<std::pair<std::string, std::string>> {
        auto at = m.find(sep);
        if (at == std::string_view::npos) return std::nullopt;
        auto left = core::trim(m.substr(0, at)), right = core::trim(m.substr(at + sep.size()));
        if (left.empty() || right.empty()) return std::nullopt;
        return std::pair{std::string(left), std::string(right)};
    };
    if (auto p = split(" vs. ")) return Matchup{p->first, p->second};
    if (auto p = split(" @ ")) return Matchup{p->second, p->first};
    return std::nullopt;
}

// Codes compare after folding historical tricodes (NOH == NOP).
static bool same_team_code(std::string_view a, std::string_view b) {
    const auto *ta = core::team_by_tricode(a), *tb = core::team_by_tricode(b);
    if (ta && tb) return ta == tb;
    return a == b;
}

std::optional<bool> is_home_in_matchup(std::string_view matchup, int64_t team_id, std::string_view abbreviation) {
    auto m = parse_matchup(matchup);
    if (!m) return std::nullopt;
    std::string code = team_code(team_id, abbreviation);
    bool home = same_team_code(m->home, code) || same_team_code(m->home, abbreviation);
    bool away = same_team_code(m->away, code) || same_team_code(m->away, abbreviation);
    if (home == away) return std::nullopt;
    return home;
}

GameTeams::GameTeams(std::span<const TeamLogRow> log, std::span<const BoxRow> box) {
    for (const auto& t : log) {
        TeamSide s;
        s.team_id = t.team_id;
        s.code = team_code(t.team_id, t.abbreviation);
        s.log = &t;
        s.is_home = is_home_in_matchup(t.matchup, t.team_id, t.abbreviation);
        sides_.push_back(std::move(s));
    }
    for (const auto& b : box) {
        if (find(b.team_id)) continue;
        TeamSide s;
        s.team_id = b.team_id;
        s.code = team_code(b.team_id, b.team_abbreviation);
        sides_.push_back(std::move(s));
    }
    std::sort(sides_.begin(), sides_.end(), [](const auto& a, const auto& b) { return a.team_id < b.team_id; });
    // A side without its own readable matchup is the opposite of the other side.
    if (sides_.size() == 2)
        for (int i = 0; i < 2; ++i)
            if (!sides_[i].is_home && sides_[1 - i].is_home) sides_[i].is_home = !*sides_[1 - i].is_home;
}

const TeamSide* GameTeams::find(int64_t team_id) const {
    for (const auto& s : sides_)
        if (s.team_id == team_id) return &s;
    return nullptr;
}

const TeamSide* GameTeams::opponent_of(int64_t team_id) const {
    if (sides_.size() != 2) return nullptr;
    if (sides_[0].team_id == team_id) return &sides_[1];
    if (sides_[1].team_id == team_id) return &sides_[0];
    return nullptr;
}

}  // namespace courtside::analytics
