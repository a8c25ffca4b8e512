#include "props/player_identity.hpp"

#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "core/name_normalizer.hpp"
#include "core/teams.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>

namespace courtside::props {

std::string_view match_kind_name(MatchKind k) {
    switch (k) {
        case MatchKind::Exact: return "exact";
        case MatchKind::Alias: return "alias";
        case MatchKind::BySeason: return "by_season";
        case MatchKind::Ambiguous: return "ambiguous";
        case MatchKind::Unmatched: return "unmatched";
    }
    return "unmatched";
}

// Sportsbooks print some players under a nickname or a shortened first name that no NBA source
// uses. Each entry was an unmatched name in the 2024-26 Odds API files.
const std::vector<std::pair<std::string_view, std::string_view>>& name_aliases() {
    static const std::vector<std::pair<std::string_view, std::string_view>> aliases = {
        {"herb jones", "herbert jones"},          // Herbert Jones (NOP)
        {"carlton carrington", "bub carrington"},  // the NBA lists him as Bub Carrington
        {"ron holland", "ronald holland"},         // Ronald Holland II
        {"vincent williams", "vince williams"},    // Vince Williams Jr.
        {"moe wagner", "moritz wagner"},
        {"bj boston", "brandon boston"},           // Brandon Boston Jr.
        {"nicolas claxton", "nic claxton"},
        {"kenyon martin", "kj martin"},            // KJ Martin in the directory; "Kenyon Martin Jr." in 2020-22 box scores
    };
    return aliases;
}

void PlayerIdentityIndex::add(std::string_view name, int64_t player_id, int first_season, int last_season, int64_t games,
                              std::string_view source) {
    std::string key = core::normalize_person_name(name);
    if (key.empty()) return;
    auto [span, fresh] = seasons_.try_emplace(player_id, first_season, last_season);
    if (!fresh) span->second = {std::min(span->second.first, first_season), std::max(span->second.second, last_season)};
    auto& list = entries_[key];
    auto it = std::lower_bound(list.begin(), list.end(), player_id,
                               [](const IdentityEntry& e, int64_t id) { return e.player_id < id; });
    if (it == list.end() || it->player_id != player_id) {
        IdentityEntry e;
        e.player_id = player_id;
        e.display_name = std::string(name);
        e.first_season = first_season;
        e.last_season = last_season;
        e.games = games;
        e.sources = std::string(source);
        list.insert(it, std::move(e));
        return;
    }
    if (last_season >= it->last_season) it->display_name = std::string(name);
    it->first_season = std::min(it->first_season, first_season);
    it->last_season = std::max(it->last_season, last_season);
    it->games += games;
    bool listed = false;
    for (size_t at = 0; at <= it->sources.size();) {
        size_t end = std::min(it->sources.find(',', at), it->sources.size());
        listed = listed || std::string_view(it->sources).substr(at, end - at) == source;
        at = end + 1;
    }
    if (!listed) it->sources.append(",").append(source);
}

NameMatch PlayerIdentityIndex::resolve(std::string_view name, int season) const {
    NameMatch m;
    m.key = core::normalize_person_name(name);
    m.kind = MatchKind::Exact;
    auto it = entries_.find(m.key);
    if (it == entries_.end())
        for (const auto& [book, nba] : name_aliases())
            if (book == m.key) {
                it = entries_.find(std::string(nba));
                if (it != entries_.end()) m.key = std::string(nba), m.kind = MatchKind::Alias;
            }
    if (it == entries_.end()) {
        m.kind = MatchKind::Unmatched;
        return m;
    }
    const auto& list = it->second;
    m.candidates = list.size();
    if (list.size() == 1) {
        m.player_id = list.front().player_id;
        return m;
    }
    const IdentityEntry* active = nullptr;
    size_t n_active = 0;
    for (const auto& e : list) {
        auto [first, last] = seasons_of(e.player_id);
        if (first <= season && season <= last) active = &e, ++n_active;
    }
    if (n_active == 1) {
        m.player_id = active->player_id;
        m.kind = MatchKind::BySeason;
    } else {
        m.kind = MatchKind::Ambiguous;
    }
    return m;
}

std::pair<int, int> PlayerIdentityIndex::seasons_of(int64_t player_id) const {
    auto it = seasons_.find(player_id);
    return it == seasons_.end() ? std::pair{0, -1} : it->second;
}

std::string display_name_sql(std::string_view id_sql) {
    return fmt::format("(SELECT i.display_name FROM props.player_identity i WHERE i.player_id = {} ORDER BY i.games DESC, i.display_name LIMIT 1)",
                       id_sql);
}

PlayerIdentityIndex PlayerIdentityIndex::load(store::Connection& con) {
    PlayerIdentityIndex idx;
    // Box scores: one observation per (name, player, team, season); international clubs' players
    // in preseason games are left out by the team check.
    con.query("SELECT player_name, player_id, team_id, min(game_id), count(seconds_played) FROM raw.boxscore_player "
              "GROUP BY player_name, player_id, team_id, substr(game_id, 4, 2) ORDER BY 4, 2, 1")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) {
                if (c.is_null(0, r) || !core::team_by_id(c.get_int(2, r))) continue;
                int season = core::season_of_game_id(c.get_string(3, r));
                idx.add(c.get_string(0, r), c.get_int(1, r), season, season, c.get_int(4, r), "boxscoretraditionalv2");
            }
        });
    con.query("SELECT player_name, player_id, min(game_date), max(game_date), count(*) FROM raw.player_game_log "
              "GROUP BY player_name, player_id ORDER BY 4, 2, 1")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) {
                if (c.is_null(0, r)) continue;
                idx.add(c.get_string(0, r), c.get_int(1, r), core::season_of_date(c.get_date(2, r)),
                        core::season_of_date(c.get_date(3, r)), c.get_int(4, r), "player_game_log");
            }
        });
    con.query("SELECT display_first_last, person_id, coalesce(from_year, 0), coalesce(to_year, 9999) "
              "FROM raw.player_directory ORDER BY 4, 2")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r)
                idx.add(c.get_string(0, r), c.get_int(1, r), static_cast<int>(c.get_int(2, r)),
                        static_cast<int>(c.get_int(3, r)), 0, "player_directory");
        });
    return idx;
}

}  // namespace courtside::props
