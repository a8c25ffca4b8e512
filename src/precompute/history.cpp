#include "precompute/history.hpp"

#include "analytics/player_game_status.hpp"
#include "pipeline/run_context.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <cctype>
#include <map>

namespace courtside::precompute {

uint16_t History::team_index(const std::string& tricode) {
    auto [it, fresh] = team_lookup_.emplace(tricode, static_cast<uint16_t>(teams.size()));
    if (fresh) teams.push_back(tricode);
    return it->second;
}

uint32_t History::game_index(const std::string& game_id) {
    auto [it, fresh] = game_lookup_.emplace(game_id, static_cast<uint32_t>(game_ids.size()));
    if (fresh) game_ids.push_back(game_id);
    return it->second;
}

const Slate& History::slate(core::Date d) const {
    static const Slate none;
    auto it = slate_on.find(d);
    return it == slate_on.end() ? none : it->second;
}

std::vector<const PlayerGame*> History::slate_by_game(core::Date d) const {
    std::vector<const PlayerGame*> out;
    for (const auto& g : slate(d).players) out.push_back(&g);
    std::sort(out.begin(), out.end(), [&](const PlayerGame* x, const PlayerGame* y) {
        return std::tie(game_ids[x->game], x->player_id) < std::tie(game_ids[y->game], y->player_id);
    });
    return out;
}

// Identity only: who, for whom, against whom, where; the game's stats stay at their defaults.
static PlayerGame player_identity(const PlayerGame& g) {
    PlayerGame id;
    id.date = g.date; id.season = g.season; id.playoff = g.playoff; id.game = g.game; id.player_id = g.player_id;
    id.team = g.team; id.opponent = g.opponent; id.home = g.home; id.partial = g.partial;
    return id;
}

static TeamGame team_identity(const TeamGame& t) {
    TeamGame id;
    id.date = t.date; id.season = t.season; id.playoff = t.playoff; id.home = t.home; id.game = t.game;
    id.team = t.team; id.opponent = t.opponent;
    return id;
}

void History::index_absences() {
    absences_of_player.clear();
    absences_on.clear();
    for (size_t i = 0; i < absences.size(); ++i) {
        absences_of_player[absences[i].player_id].push_back(i);
        auto& range = absences_on[absences[i].date];
        if (range.end == 0) range.begin = i;
        range.end = i + 1;
    }
}

History History::with_pregame_slate(core::Date d, Slate slate, std::vector<PlayerAbsence> listed) const {
    History h = *this;
    std::sort(slate.players.begin(), slate.players.end(),
              [](const PlayerGame& a, const PlayerGame& b) { return a.player_id < b.player_id; });
    std::sort(slate.teams.begin(), slate.teams.end(), [](const TeamGame& a, const TeamGame& b) { return a.team < b.team; });
    h.slate_on[d] = std::move(slate);
    // D's absences become the pre-game list; the other dates' stay (sorted by date, team, player).
    std::erase_if(h.absences, [&](const PlayerAbsence& a) { return a.date == d; });
    for (auto& a : listed) a.date = d;
    h.absences.insert(h.absences.end(), listed.begin(), listed.end());
    std::sort(h.absences.begin(), h.absences.end(), [](const PlayerAbsence& a, const PlayerAbsence& b) {
        return std::tie(a.date, a.team, a.player_id) < std::tie(b.date, b.team, b.player_id);
    });
    h.index_absences();
    return h;
}

bool is_injury_reason(std::string_view reason) {
    std::string r;
    for (char c : reason) r += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* word : {"injur", "illness", "sprain", "sore", "strain", "surgery", "fracture", "contusion",
                             "concussion", "spasm", "tendin", "torn", "tear", "bruise", "knee", "ankle", "hamstring",
                             "foot", "wrist", "hand", "hip", "calf", "groin", "shoulder", "achilles", "back", "health"})
        if (r.find(word) != std::string::npos) return true;
    return false;
}

bool is_coach_decision(std::string_view reason) {
    std::string r;
    for (char c : reason) r += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return r.find("coach") != std::string::npos;
}

namespace {

// Seasons touched by the dates and the season before each: a season runs from about October of
// its start year to October of the next, so D's season starts in D's year or the year before, and
// the previous season (read by v3's previous-season and cross-season windows) one year earlier.
// Loading it for every batch keeps a date's values the same whichever batch it is computed in.
std::pair<int, int> season_bounds(const std::vector<core::Date>& dates) {
    auto [lo, hi] = std::minmax_element(dates.begin(), dates.end());
    auto year = [](core::Date d) { return std::stoi(core::format_date(d).substr(0, 4)); };
    return {year(*lo) - 2, year(*hi)};
}

double opt(const store::Chunk& c, size_t col, size_t r) { return c.is_null(col, r) ? kNaN : c.get_double(col, r); }

}  // namespace

std::shared_ptr<const History> History::load_shared(const pipeline::RunContext& ctx, const std::vector<core::Date>& dates) {
    if (dates.empty()) return std::make_shared<History>();
    store::Connection& con = ctx.con;
    auto [lo, hi] = season_bounds(dates);
    // Phase 3 state: every rerun of a Phase 3 partition rewrites its ledger row.
    auto state = con.query("SELECT count(*), coalesce(max(epoch_us(started_at)), 0), coalesce(sum(rows), 0) "
                           "FROM ops.partition_ledger WHERE phase = 3").rows_as_text();
    std::string key = fmt::format("{}|{}|{}|{}|{}", lo, hi, state[0][0].value_or(""), state[0][1].value_or(""),
                                  state[0][2].value_or(""));
    return ctx.cache->get<History>(key, [&] { return load(con, dates); });
}

History History::load(store::Connection& con, const std::vector<core::Date>& dates) {
    History h;
    if (dates.empty()) return h;
    auto [s_lo, s_hi] = season_bounds(dates);
    auto game_of = [&](std::string_view id) { return h.game_index(std::string(id)); };

    auto players = con.prepare(
        "SELECT game_id, game_date, season, season_type, player_id, player_name, team, opponent, is_home, starter, "
        "minutes, points, fgm, fga, fg3m, fg3a, ftm, fta, tov, usage_rate, ts_pct, paint_fga, paint_fgm, mid_fga, "
        "mid_fgm, three_fga, three_fgm, assisted_fgm, quality_tier, "
        "coalesce(list_contains(string_split(quality_issues, ','), 'partial_roster'), false) "
        "FROM analytics.player_game_summary WHERE season BETWEEN ? AND ? AND season_type <> 'preseason' "
        "ORDER BY player_id, game_date, game_id");
    players.bind(1, static_cast<int64_t>(s_lo)).bind(2, static_cast<int64_t>(s_hi));
    players.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            PlayerGame g;
            g.game = game_of(c.get_string(0, r));
            g.date = c.get_date(1, r);
            g.season = static_cast<int>(c.get_int(2, r));
            auto type = c.get_string(3, r);
            g.playoff = type == "playoffs" || type == "playin";
            g.player_id = c.get_int(4, r);
            if (!h.name_of_player.count(g.player_id)) h.name_of_player[g.player_id] = std::string(c.get_string(5, r));
            g.team = h.team_index(std::string(c.get_string(6, r)));
            g.opponent = h.team_index(std::string(c.get_string(7, r)));
            g.home = c.get_bool(8, r);
            g.starter = c.is_null(9, r) ? kNaN : (c.get_bool(9, r) ? 1.0 : 0.0);
            g.minutes = c.get_double(10, r);
            g.points = c.get_double(11, r);
            g.fgm = c.get_double(12, r); g.fga = c.get_double(13, r);
            g.fg3m = c.get_double(14, r); g.fg3a = c.get_double(15, r);
            g.ftm = c.get_double(16, r); g.fta = c.get_double(17, r);
            g.tov = c.get_double(18, r);
            g.usage = opt(c, 19, r);
            g.ts = opt(c, 20, r);
            g.paint_fga = opt(c, 21, r); g.paint_fgm = opt(c, 22, r);
            g.mid_fga = opt(c, 23, r); g.mid_fgm = opt(c, 24, r);
            g.three_fga = opt(c, 25, r); g.three_fgm = opt(c, 26, r);
            g.assisted_fgm = opt(c, 27, r);
            g.stat_valid = c.get_string(28, r) != "bronze";
            g.partial = c.get_bool(29, r);
            h.player_games.push_back(g);
        }
    });

    auto teams = con.prepare(
        "SELECT o.game_id, o.game_date, o.season, o.season_type, o.team, o.opponent, o.is_home, o.win, o.points, "
        "o.possessions, o.pace, o.quality_tier, d.opp_points, d.opp_possessions, d.opp_paint_fga, d.opp_paint_fgm, "
        "d.opp_mid_fga, d.opp_mid_fgm, d.opp_three_fga, d.opp_three_fgm "
        "FROM analytics.team_offense_game_summary o JOIN analytics.team_defense_game_summary d USING (game_id, team) "
        "WHERE o.season BETWEEN ? AND ? AND o.season_type IN ('regular', 'playoffs', 'playin') "
        "ORDER BY o.team, o.game_date, o.game_id");
    teams.bind(1, static_cast<int64_t>(s_lo)).bind(2, static_cast<int64_t>(s_hi));
    teams.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            TeamGame t;
            t.game = game_of(c.get_string(0, r));
            t.date = c.get_date(1, r);
            t.season = static_cast<int>(c.get_int(2, r));
            auto type = c.get_string(3, r);
            t.playoff = type == "playoffs" || type == "playin";
            t.team = h.team_index(std::string(c.get_string(4, r)));
            t.opponent = h.team_index(std::string(c.get_string(5, r)));
            t.home = c.get_bool(6, r);
            t.win = !c.is_null(7, r) && c.get_bool(7, r);
            t.points = c.get_double(8, r);
            t.possessions = opt(c, 9, r);
            t.pace = opt(c, 10, r);
            t.stat_valid = c.get_string(11, r) != "bronze";
            t.opp_points = c.get_double(12, r);
            t.opp_possessions = opt(c, 13, r);
            t.opp_paint_fga = opt(c, 14, r); t.opp_paint_fgm = opt(c, 15, r);
            t.opp_mid_fga = opt(c, 16, r); t.opp_mid_fgm = opt(c, 17, r);
            t.opp_three_fga = opt(c, 18, r); t.opp_three_fgm = opt(c, 19, r);
            h.team_games.push_back(t);
        }
    });

    auto absent = con.prepare(
        "SELECT game_date, game_id, player_id, team, reason, status FROM analytics.player_game_status "
        "WHERE season BETWEEN ? AND ? AND season_type <> 'preseason' ORDER BY game_date, team, player_id");
    absent.bind(1, static_cast<int64_t>(s_lo)).bind(2, static_cast<int64_t>(s_hi));
    absent.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r)
            h.absences.push_back({c.get_date(0, r), game_of(c.get_string(1, r)), c.get_int(2, r),
                                  h.team_index(std::string(c.get_string(3, r))),
                                  !c.is_null(4, r) && is_injury_reason(c.get_string(4, r)),
                                  (!c.is_null(4, r) && is_coach_decision(c.get_string(4, r))) ||
                                      c.get_string(5, r) == analytics::kZeroMinutes});
    });

    // Points scored against each team by opposing starters and bench, per game. Unknown (NaN)
    // when the opposing roster is partial or its lineup unknown.
    std::map<std::pair<uint32_t, uint16_t>, std::pair<double, double>> allowed;  // (game, defending team)
    for (const auto& g : h.player_games) {
        if (!g.stat_valid) continue;
        auto& a = allowed[{g.game, g.opponent}];
        if (g.partial || !known(g.starter)) a = {kNaN, kNaN};
        else (g.starter == 1.0 ? a.first : a.second) += g.points;
    }
    for (auto& t : h.team_games) {
        if (!t.stat_valid) continue;
        auto it = allowed.find({t.game, t.team});
        if (it == allowed.end()) continue;  // team log without a box score
        t.opp_starter_points = it->second.first;
        t.opp_bench_points = it->second.second;
    }

    h.reindex();
    return h;
}

void History::reindex() {
    by_player.clear();
    by_team.clear();
    player_rows_on.clear();
    team_rows_on.clear();
    slate_on.clear();
    // Players by id on each date (player_games is by player, then date), teams by index.
    for (size_t i = 0; i < player_games.size(); ++i) {
        auto& range = by_player[player_games[i].player_id];
        if (range.end == 0) range.begin = i;
        range.end = i + 1;
        player_rows_on[player_games[i].date].push_back(i);
        slate_on[player_games[i].date].players.push_back(player_identity(player_games[i]));
    }
    for (size_t i = 0; i < team_games.size(); ++i) {
        auto& range = by_team[team_games[i].team];
        if (range.end == 0) range.begin = i;
        range.end = i + 1;
        team_rows_on[team_games[i].date].push_back(i);
        slate_on[team_games[i].date].teams.push_back(team_identity(team_games[i]));
    }
    index_absences();
}

}  // namespace courtside::precompute
