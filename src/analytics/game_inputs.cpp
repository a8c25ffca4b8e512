#include "analytics/game_inputs.hpp"

#include "analytics/formulas.hpp"
#include "core/game_id.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace courtside::analytics {

// Dates are bound as one text parameter and split in SQL, so any number of dates costs one
// statement and no value is ever spliced into SQL text.
static const char* kGamesCte =
    "WITH wanted AS (SELECT CAST(d AS DATE) AS d FROM (SELECT unnest(string_split(?, ',')) AS d)), "
    "games AS (SELECT DISTINCT game_id FROM raw.team_game_log WHERE game_date IN (SELECT d FROM wanted)) ";

static std::string text_at(const store::Chunk& c, size_t col, size_t row) {
    return c.is_null(col, row) ? std::string() : std::string(c.get_string(col, row));
}

static store::Result run(store::Connection& con, const std::string& sql, const std::string& dates) {
    auto stmt = con.prepare(kGamesCte + sql);
    stmt.bind(1, dates);
    return stmt.execute();
}

void GameInputs::load(store::Connection& con, const std::vector<core::Date>& dates) { load_parts(con, dates, true); }

void GameInputs::load_fingerprint_inputs(store::Connection& con, const std::vector<core::Date>& dates) {
    load_parts(con, dates, false);
}

void GameInputs::load_parts(store::Connection& con, const std::vector<core::Date>& dates, bool rows) {
    loaded_dates_ = dates;
    std::sort(loaded_dates_.begin(), loaded_dates_.end());
    loaded_dates_.erase(std::unique(loaded_dates_.begin(), loaded_dates_.end()), loaded_dates_.end());
    exhibition_dates_.clear();
    games_.clear();
    box_.clear();
    shots_.clear();
    logs_.clear();
    if (loaded_dates_.empty()) return;

    const std::string list = core::format_date_list(loaded_dates_);
    load_team_log(con, list);  // games_ by game_id
    if (rows && parts_.box) load_box(con, list);
    load_hashes(con, list);
    if (parts_.box) load_box_status(con, list);
    if (rows && parts_.shots) load_shots(con, list);
    if (rows && parts_.player_logs) load_player_logs(con, list);
    std::stable_sort(games_.begin(), games_.end(), [](const Game& a, const Game& b) { return a.date < b.date; });
    std::sort(exhibition_dates_.begin(), exhibition_dates_.end());
}

Game* GameInputs::find_game(std::string_view game_id) {
    auto it = std::lower_bound(games_.begin(), games_.end(), game_id,
                               [](const Game& g, std::string_view id) { return g.game_id < id; });
    return (it != games_.end() && it->game_id == game_id) ? &*it : nullptr;
}

void GameInputs::load_team_log(store::Connection& con, const std::string& dates) {
    auto res = run(con,
                   "SELECT game_id, team_id, team_abbreviation, matchup, wl, game_date, min, pts, fgm, fga, fg3m, fg3a, "
                   "ftm, fta, oreb, dreb, reb, ast, stl, blk, tov, pf, source_hash "
                   "FROM raw.team_game_log WHERE game_id IN (SELECT game_id FROM games) ORDER BY game_id, team_id",
                   dates);
    std::string last_exhibition;
    res.for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            std::string_view id = c.get_string(0, r);
            if (core::season_type_of_game_id(id) == core::SeasonType::AllStar) {
                if (id != last_exhibition) exhibition_dates_.push_back(c.get_date(5, r));
                last_exhibition = std::string(id);
                continue;
            }
            if (games_.empty() || games_.back().game_id != id) {
                Game g;
                g.game_id = std::string(id);
                g.date = c.get_date(5, r);
                g.season = core::season_of_game_id(id);
                g.season_type = std::string(core::season_type_name(core::season_type_of_game_id(id)));
                games_.push_back(std::move(g));
            }
            Game& g = games_.back();
            TeamLogRow t;
            t.team_id = c.get_int(1, r);
            t.abbreviation = text_at(c, 2, r);
            t.matchup = text_at(c, 3, r);
            t.wl = text_at(c, 4, r);
            t.game_date = c.get_date(5, r);
            t.min = real_team_minutes(c.get_int(6, r));  // both teams of a game: one pace
            OptInt* stats[] = {&t.pts, &t.fgm, &t.fga, &t.fg3m, &t.fg3a, &t.ftm, &t.fta, &t.oreb,
                               &t.dreb, &t.reb, &t.ast, &t.stl, &t.blk, &t.tov, &t.pf};
            for (size_t k = 0; k < std::size(stats); ++k) *stats[k] = c.opt_int(7 + k, r);
            t.source_hash = text_at(c, 22, r);
            g.date = std::min(g.date, t.game_date);
            g.teams.push_back(std::move(t));
        }
    });
}

void GameInputs::load_box(store::Connection& con, const std::string& dates) {
    auto res = run(con,
                   "SELECT game_id, team_id, team_abbreviation, player_id, player_name, start_position, comment, "
                   "seconds_played, fgm, fga, fg3m, fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk, tov, pf, pts, "
                   "plus_minus FROM raw.boxscore_player WHERE game_id IN (SELECT game_id FROM games) "
                   "ORDER BY game_id, player_id",
                   dates);
    box_.reserve(res.row_count());  // ~420-byte rows: growing by doubling copied them over and over
    Game* g = nullptr;
    res.for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            std::string_view id = c.get_string(0, r);
            if (!g || g->game_id != id) {
                if (g) g->box_end = box_.size();
                g = find_game(id);  // nullptr: an All-Star game
                if (g) g->box_begin = box_.size();
            }
            if (!g) continue;
            BoxRow b;
            b.team_id = c.get_int(1, r);
            b.team_abbreviation = text_at(c, 2, r);
            b.player_id = c.get_int(3, r);
            b.player_name = text_at(c, 4, r);
            b.start_position = text_at(c, 5, r);
            b.comment = text_at(c, 6, r);
            if (!c.is_null(7, r)) b.seconds_played = static_cast<int>(c.get_int(7, r));
            OptInt* stats[] = {&b.fgm, &b.fga, &b.fg3m, &b.fg3a, &b.ftm, &b.fta, &b.oreb, &b.dreb,
                               &b.reb, &b.ast, &b.stl, &b.blk, &b.tov, &b.pf, &b.pts};
            for (size_t k = 0; k < std::size(stats); ++k) *stats[k] = c.opt_int(8 + k, r);
            b.plus_minus = c.opt_double(23, r);
            box_.push_back(std::move(b));
        }
    });
    if (g) g->box_end = box_.size();
}

void GameInputs::load_hashes(store::Connection& con, const std::string& dates) {
    std::string sql;
    if (parts_.box)
        sql += "SELECT 'box' AS t, game_id, source_hash FROM raw.boxscore_player "
               "WHERE game_id IN (SELECT game_id FROM games) GROUP BY ALL";
    if (parts_.shots)
        sql += std::string(sql.empty() ? "" : " UNION ALL ") +
               "SELECT 'pbp' AS t, game_id, source_hash FROM raw.playbyplay "
               "WHERE game_id IN (SELECT game_id FROM games) GROUP BY ALL UNION ALL "
               "SELECT 'pbp' AS t, game_id, source_hash FROM raw.playbyplay_v3 "
               "WHERE game_id IN (SELECT game_id FROM games) GROUP BY ALL";
    if (parts_.player_logs)
        sql += std::string(sql.empty() ? "" : " UNION ALL ") +
               "SELECT 'log' AS t, game_id, source_hash FROM raw.player_game_log_games "
               "WHERE game_id IN (SELECT game_id FROM games) GROUP BY ALL";
    if (sql.empty()) return;
    auto res = run(con, sql + " ORDER BY 1, 2, 3", dates);
    res.for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            Game* g = find_game(c.get_string(1, r));
            if (!g) continue;
            auto t = c.get_string(0, r);
            auto& hashes = t == "box" ? g->box_hashes : t == "pbp" ? g->pbp_hashes : g->player_log_hashes;
            hashes.push_back(text_at(c, 2, r));
        }
    });
}

// A live box score records its game's status beside its rows (raw.schedule, same source_hash).
void GameInputs::load_box_status(store::Connection& con, const std::string& dates) {
    auto res = run(con,
                   "SELECT DISTINCT b.game_id FROM raw.boxscore_player b JOIN raw.schedule s "
                   "ON s.game_id = b.game_id AND s.source_hash = b.source_hash "
                   "WHERE s.game_status <> 'final' AND b.game_id IN (SELECT game_id FROM games) ORDER BY 1",
                   dates);
    res.for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r)
            if (Game* g = find_game(c.get_string(0, r))) g->box_not_final = true;
    });
}

// A game's shots come from playbyplayv2 when it has one, else from the v3 actions (playbyplayv3 or
// the CDN's live play-by-play): never both, so no shot counts twice.
void GameInputs::load_shots(store::Connection& con, const std::string& dates) {
    auto res = run(con,
                   "SELECT game_id, eventnum, eventmsgtype, player1_id, player1_team_id, coalesce(player2_id, 0) <> 0, "
                   "home_description, visitor_description, NULL::INTEGER, NULL::DOUBLE, NULL::BOOLEAN, NULL::VARCHAR "
                   "FROM raw.playbyplay WHERE eventmsgtype IN (1, 2) AND game_id IN (SELECT game_id FROM games) "
                   "UNION ALL "
                   "SELECT game_id, action_key, CASE shot_result WHEN 'Made' THEN 1 ELSE 2 END, person_id, team_id, "
                   "assist_person_id IS NOT NULL, NULL, NULL, shot_value, shot_distance, TRUE, description "
                   "FROM raw.playbyplay_v3 WHERE is_field_goal AND game_id IN (SELECT game_id FROM games) "
                   // Only the wanted games' legacy rows: the anti-join over the whole legacy
                   // table cost ~150 ms per load on eight seasons, whatever the number of dates.
                   // DISTINCT: the join's table holds one entry per game, not one per event
                   // (1.7M on eight seasons; 0.6 -> 0.4 s for the whole load).
                   "AND game_id NOT IN (SELECT DISTINCT game_id FROM raw.playbyplay WHERE game_id IN (SELECT game_id FROM games)) "
                   "ORDER BY 1, 2",
                   dates);
    shots_.reserve(res.row_count());  // an upper bound: rows without a shooter are left out
    Game* g = nullptr;
    res.for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            std::string_view id = c.get_string(0, r);
            if (!g || g->game_id != id) {
                if (g) g->shot_end = shots_.size();
                g = find_game(id);
                if (g) g->shot_begin = shots_.size();
            }
            if (!g || c.is_null(3, r)) continue;  // no shooter: nothing to attribute
            const int type = static_cast<int>(c.get_int(2, r));
            std::optional<ClassifiedShot> shot;
            if (!c.is_null(10, r)) {  // a v3 action
                std::string_view text = c.is_null(11, r) ? std::string_view() : c.get_string(11, r);
                shot = classify_v3_shot(static_cast<int>(c.get_int(8, r)), c.opt_double(9, r), type == 1, c.get_bool(5, r), text);
            } else {
                std::string_view home = c.is_null(6, r) ? std::string_view() : c.get_string(6, r);
                std::string_view visitor = c.is_null(7, r) ? std::string_view() : c.get_string(7, r);
                shot = classify_event(type, home, visitor, c.get_bool(5, r));
            }
            if (!shot) continue;
            shots_.push_back({c.get_int(3, r), c.is_null(4, r) ? 0 : c.get_int(4, r), *shot});
        }
    });
    if (g) g->shot_end = shots_.size();
}

// Player-log rows carry no starter flag or DNP reason: they list only who played.
void GameInputs::load_player_logs(store::Connection& con, const std::string& dates) {
    auto res = run(con,
                   "SELECT game_id, team_id, team_abbreviation, player_id, player_name, seconds_played, fgm, fga, fg3m, "
                   "fg3a, ftm, fta, oreb, dreb, reb, ast, stl, blk, tov, pf, pts, plus_minus "
                   "FROM raw.player_game_log_games WHERE game_id IN (SELECT game_id FROM games) ORDER BY game_id, player_id",
                   dates);
    logs_.reserve(res.row_count());
    Game* g = nullptr;
    res.for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            std::string_view id = c.get_string(0, r);
            if (!g || g->game_id != id) {
                if (g) g->log_end = logs_.size();
                g = find_game(id);
                if (g) g->log_begin = logs_.size();
            }
            if (!g) continue;
            BoxRow b;
            b.source = RowSource::PlayerLog;
            b.team_id = c.get_int(1, r);
            b.team_abbreviation = text_at(c, 2, r);
            b.player_id = c.get_int(3, r);
            b.player_name = text_at(c, 4, r);
            b.seconds_played = static_cast<int>(c.get_int(5, r));
            OptInt* stats[] = {&b.fgm, &b.fga, &b.fg3m, &b.fg3a, &b.ftm, &b.fta, &b.oreb, &b.dreb,
                               &b.reb, &b.ast, &b.stl, &b.blk, &b.tov, &b.pf, &b.pts};
            for (size_t k = 0; k < std::size(stats); ++k) *stats[k] = c.opt_int(6 + k, r);
            b.plus_minus = c.opt_double(21, r);
            logs_.push_back(std::move(b));
        }
    });
    if (g) g->log_end = logs_.size();
}

std::span<const Game> GameInputs::games_on(core::Date date) const {
    if (!std::binary_search(loaded_dates_.begin(), loaded_dates_.end(), date))
        throw std::logic_error(fmt::format("Phase 3 inputs for {} were not loaded", core::format_date(date)));
    auto lo = std::lower_bound(games_.begin(), games_.end(), date, [](const Game& g, core::Date d) { return g.date < d; });
    auto hi = std::upper_bound(lo, games_.end(), date, [](core::Date d, const Game& g) { return d < g.date; });
    return {games_.data() + (lo - games_.begin()), static_cast<size_t>(hi - lo)};
}

size_t GameInputs::exhibitions_on(core::Date date) const {
    auto [lo, hi] = std::equal_range(exhibition_dates_.begin(), exhibition_dates_.end(), date);
    return static_cast<size_t>(hi - lo);
}

}  // namespace courtside::analytics
