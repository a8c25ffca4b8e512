// Sources keyed by player rather than by game: the player game logs of props players, the
// league-wide player game log (leaguegamelog PlayerOrTeam=P) and the NBA player directory. All
// carry (name, PLAYER_ID) pairs for the player identity index.
#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "core/minutes.hpp"
#include "core/teams.hpp"
#include "ingest/column_reader.hpp"
#include "ingest/sources.hpp"

#include <fmt/format.h>

#include <cctype>
#include <map>
#include <stdexcept>

namespace courtside::ingest {

std::vector<PlayerGameLogRow> parse_player_game_log(const Table& t, std::vector<DroppedRow>& dropped) {
    ColumnReader r(t, "player_game_log");
    const int c_name = r.require("player"), c_pid = r.require("player_id"), c_date = r.require("date"),
              c_matchup = r.require("matchup"), c_wl = r.require("result"), c_min = r.require("minutes"),
              c_fgm = r.require("fgm"), c_fga = r.require("fga"), c_fg3m = r.require("threes_made"),
              c_fg3a = r.require("threes_attempted"), c_ftm = r.require("ftm"), c_fta = r.require("fta"),
              c_oreb = r.require("oreb"), c_dreb = r.require("dreb"), c_reb = r.require("reb"), c_ast = r.require("ast"),
              c_stl = r.require("stl"), c_blk = r.require("blk"), c_tov = r.require("tov"), c_pf = r.require("pf"),
              c_pts = r.require("pts"), c_pm = r.optional("plus_minus"), c_opp = r.optional("opponent"),
              c_ha = r.optional("home_away"), c_norm = r.optional("player_normalized");
    std::vector<PlayerGameLogRow> out;
    out.reserve(t.rows());
    std::map<std::pair<int64_t, core::Date>, size_t> seen;
    // These logs carry no GAME_ID to bound a date by its season: a date after today (US/Eastern, the
    // real clock) cannot be a played game's, and would open a season that does not exist.
    const core::Date today = core::eastern_date_of_utc_micros(core::now_micros());
    for (size_t i = 0; i < t.rows(); ++i) {
        r.check_width(i);
        PlayerGameLogRow g;
        g.source_row = i + 2;
        g.player_id = r.req_int(i, c_pid);
        g.player_name = r.text(i, c_name);
        g.player_normalized = r.text(i, c_norm);
        auto d = core::parse_date(r.text(i, c_date));
        if (!d) r.fail(i, c_date, fmt::format("'{}' is not a date", r.text(i, c_date)));
        g.game_date = *d;
        if (g.game_date > today)
            r.fail(i, c_date, fmt::format("{} is after today ({}): not a played game", core::format_date(g.game_date), core::format_date(today)));
        g.matchup = r.text(i, c_matchup);
        // A player's log names his own team first: "DET @ MIL" (away), "MIL vs. DET" (home).
        bool away = g.matchup.find(" @ ") != std::string::npos, home = g.matchup.find(" vs. ") != std::string::npos;
        if (away == home) r.fail(i, c_matchup, fmt::format("'{}' is not 'X vs. Y' or 'X @ Y'", g.matchup));
        auto sep = g.matchup.find(away ? " @ " : " vs. ");
        const auto* team = core::team_by_tricode(g.matchup.substr(0, sep));
        const auto* opp = core::team_by_tricode(g.matchup.substr(sep + (away ? 3 : 5)));
        if (!team || !opp) r.fail(i, c_matchup, fmt::format("'{}' names a team that is not in the team table", g.matchup));
        g.team_id = team->team_id;
        g.team_abbreviation = team->tricode;
        g.opponent = r.text(i, c_opp);
        g.home_away = r.text(i, c_ha);
        if (!g.opponent.empty() && core::team_by_tricode(g.opponent) != opp)
            r.fail(i, c_opp, fmt::format("opponent '{}' contradicts matchup '{}'", g.opponent, g.matchup));
        for (char& c : g.home_away) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));  // "home" is HOME
        if (!g.home_away.empty() && g.home_away != "AWAY" && g.home_away != "HOME")
            r.fail(i, c_ha, fmt::format("'{}' is not HOME or AWAY", g.home_away));
        if (!g.home_away.empty() && g.home_away != (away ? "AWAY" : "HOME"))
            r.fail(i, c_ha, fmt::format("'{}' contradicts matchup '{}'", g.home_away, g.matchup));
        g.wl = win_loss(r, i, c_wl);
        g.minutes_text = r.text(i, c_min);
        try {
            auto secs = core::parse_seconds_played(g.minutes_text);
            if (!secs) r.fail(i, c_min, "a game-log row without minutes");
            g.seconds_played = *secs;
        } catch (const std::invalid_argument& e) {
            r.fail(i, c_min, e.what());
        }
        g.fgm = r.opt_int(i, c_fgm); g.fga = r.opt_int(i, c_fga);
        g.fg3m = r.opt_int(i, c_fg3m); g.fg3a = r.opt_int(i, c_fg3a);
        g.ftm = r.opt_int(i, c_ftm); g.fta = r.opt_int(i, c_fta);
        g.oreb = r.opt_int(i, c_oreb); g.dreb = r.opt_int(i, c_dreb); g.reb = r.opt_int(i, c_reb);
        g.ast = r.opt_int(i, c_ast); g.stl = r.opt_int(i, c_stl); g.blk = r.opt_int(i, c_blk);
        g.tov = r.opt_int(i, c_tov); g.pf = r.opt_int(i, c_pf); g.pts = r.opt_int(i, c_pts);
        g.plus_minus = r.opt_double(i, c_pm);
        if (!g.pts) r.fail(i, c_pts, "value is missing");
        check_stat_line(r, i, {{g.fgm, c_fgm}, {g.fga, c_fga}, {g.fg3m, c_fg3m}, {g.fg3a, c_fg3a}, {g.ftm, c_ftm},
                               {g.fta, c_fta}, {g.oreb, c_oreb}, {g.dreb, c_dreb}, {g.reb, c_reb}, {g.ast, c_ast},
                               {g.stl, c_stl}, {g.blk, c_blk}, {g.tov, c_tov}, {g.pf, c_pf}, {g.pts, c_pts}});
        if (auto [it, fresh] = seen.emplace(std::make_pair(g.player_id, g.game_date), i); !fresh) {
            if (!same_row(t, it->second, i))
                r.fail(i, c_pid, fmt::format("player {} listed twice on {} with different stats", g.player_id,
                                             core::format_date(g.game_date)));
            dropped.push_back({i + 2, fmt::format("exact duplicate of row {}", it->second + 2)});
            continue;
        }
        out.push_back(std::move(g));
    }
    if (out.empty()) throw ParseError(2, "player_game_log: no rows");
    return out;
}

// stats.nba.com leaguegamelog with PlayerOrTeam=P: one row per player who played, by game. Its
// MIN is whole minutes (rounded by the source), kept as recorded in minutes_text.
std::vector<PlayerGameLogRow> parse_league_game_log_player(const Table& t, std::vector<DroppedRow>& dropped) {
    ColumnReader r(t, "leaguegamelog_player");
    const int c_season = r.require("SEASON_ID"), c_pid = r.require("PLAYER_ID"), c_name = r.require("PLAYER_NAME"),
              c_team = r.require("TEAM_ID"), c_abbr = r.require("TEAM_ABBREVIATION"), c_game = r.require("GAME_ID"),
              c_date = r.require("GAME_DATE"), c_matchup = r.require("MATCHUP"), c_wl = r.require("WL"),
              c_min = r.require("MIN"), c_fgm = r.require("FGM"), c_fga = r.require("FGA"), c_fg3m = r.require("FG3M"),
              c_fg3a = r.require("FG3A"), c_ftm = r.require("FTM"), c_fta = r.require("FTA"), c_oreb = r.require("OREB"),
              c_dreb = r.require("DREB"), c_reb = r.require("REB"), c_ast = r.require("AST"), c_stl = r.require("STL"),
              c_blk = r.require("BLK"), c_tov = r.require("TOV"), c_pf = r.require("PF"), c_pts = r.require("PTS"),
              c_pm = r.optional("PLUS_MINUS");
    std::vector<PlayerGameLogRow> out;
    out.reserve(t.rows());
    std::map<std::pair<int64_t, core::Date>, size_t> seen;
    for (size_t i = 0; i < t.rows(); ++i) {
        r.check_width(i);
        PlayerGameLogRow g;
        g.source_row = i + 2;
        if (!core::season_type_of_season_id(r.text(i, c_season)))
            r.fail(i, c_season, fmt::format("'{}' is not a SEASON_ID", r.text(i, c_season)));
        const auto game_id = core::normalize_game_id(r.text(i, c_game));
        if (!game_id) r.fail(i, c_game, fmt::format("'{}' is not a GAME_ID", r.text(i, c_game)));
        g.player_id = r.req_int(i, c_pid);
        g.player_name = r.text(i, c_name);
        if (g.player_name.empty()) r.fail(i, c_name, "value is missing");
        auto d = core::parse_date(r.text(i, c_date));
        if (!d) r.fail(i, c_date, fmt::format("'{}' is not a date", r.text(i, c_date)));
        g.game_date = *d;
        check_date_in_season(r, i, c_date, *game_id, g.game_date);
        g.matchup = r.text(i, c_matchup);
        bool away = g.matchup.find(" @ ") != std::string::npos, home = g.matchup.find(" vs. ") != std::string::npos;
        if (away == home) r.fail(i, c_matchup, fmt::format("'{}' is not 'X vs. Y' or 'X @ Y'", g.matchup));
        auto sep = g.matchup.find(away ? " @ " : " vs. ");
        const auto* team = core::team_by_id(r.req_int(i, c_team));
        const auto* own = core::team_by_tricode(g.matchup.substr(0, sep));
        const auto* opp = core::team_by_tricode(g.matchup.substr(sep + (away ? 3 : 5)));
        if (!team) r.fail(i, c_team, fmt::format("{} is not an NBA team id", r.text(i, c_team)));
        if (!own || !opp) r.fail(i, c_matchup, fmt::format("'{}' names a team that is not in the team table", g.matchup));
        if (own != team || core::team_by_tricode(r.text(i, c_abbr)) != team)
            r.fail(i, {c_team, c_abbr, c_matchup}, fmt::format("team {} / {} contradicts matchup '{}'", r.text(i, c_team),
                                                                r.text(i, c_abbr), g.matchup));
        g.team_id = team->team_id;
        g.team_abbreviation = team->tricode;
        g.opponent = opp->tricode;
        g.home_away = away ? "AWAY" : "HOME";
        g.wl = win_loss(r, i, c_wl);
        g.minutes_text = r.text(i, c_min);
        try {
            auto secs = core::parse_seconds_played(g.minutes_text);
            if (!secs) r.fail(i, c_min, "a game-log row without minutes");
            g.seconds_played = *secs;
        } catch (const std::invalid_argument& e) {
            r.fail(i, c_min, e.what());
        }
        g.fgm = r.opt_int(i, c_fgm); g.fga = r.opt_int(i, c_fga);
        g.fg3m = r.opt_int(i, c_fg3m); g.fg3a = r.opt_int(i, c_fg3a);
        g.ftm = r.opt_int(i, c_ftm); g.fta = r.opt_int(i, c_fta);
        g.oreb = r.opt_int(i, c_oreb); g.dreb = r.opt_int(i, c_dreb); g.reb = r.opt_int(i, c_reb);
        g.ast = r.opt_int(i, c_ast); g.stl = r.opt_int(i, c_stl); g.blk = r.opt_int(i, c_blk);
        g.tov = r.opt_int(i, c_tov); g.pf = r.opt_int(i, c_pf); g.pts = r.opt_int(i, c_pts);
        g.plus_minus = r.opt_double(i, c_pm);
        if (!g.pts) r.fail(i, c_pts, "value is missing");
        check_stat_line(r, i, {{g.fgm, c_fgm}, {g.fga, c_fga}, {g.fg3m, c_fg3m}, {g.fg3a, c_fg3a}, {g.ftm, c_ftm},
                               {g.fta, c_fta}, {g.oreb, c_oreb}, {g.dreb, c_dreb}, {g.reb, c_reb}, {g.ast, c_ast},
                               {g.stl, c_stl}, {g.blk, c_blk}, {g.tov, c_tov}, {g.pf, c_pf}, {g.pts, c_pts}});
        if (auto [it, fresh] = seen.emplace(std::make_pair(g.player_id, g.game_date), i); !fresh) {
            if (!same_row(t, it->second, i))
                r.fail(i, c_pid, fmt::format("player {} listed twice on {} with different stats", g.player_id,
                                             core::format_date(g.game_date)));
            dropped.push_back({i + 2, fmt::format("exact duplicate of row {}", it->second + 2)});
            continue;
        }
        out.push_back(std::move(g));
    }
    if (out.empty()) throw ParseError(2, "leaguegamelog_player: no rows (an empty result set)");
    return out;
}

std::vector<PlayerDirectoryRow> parse_player_directory(const Table& t, std::vector<DroppedRow>& dropped) {
    ColumnReader r(t, "player_directory");
    const int c_id = r.require("PERSON_ID"), c_name = r.require("DISPLAY_FIRST_LAST"), c_from = r.require("FROM_YEAR"),
              c_to = r.require("TO_YEAR"), c_status = r.optional("ROSTERSTATUS"), c_team = r.optional("TEAM_ID"),
              c_played = r.optional("GAMES_PLAYED_FLAG");
    std::vector<PlayerDirectoryRow> out;
    out.reserve(t.rows());
    std::map<int64_t, size_t> seen;
    for (size_t i = 0; i < t.rows(); ++i) {
        r.check_width(i);
        PlayerDirectoryRow p;
        p.source_row = i + 2;
        p.person_id = r.req_int(i, c_id);
        p.display_first_last = r.text(i, c_name);
        if (p.display_first_last.empty()) r.fail(i, c_name, "value is missing");
        p.from_year = r.opt_int(i, c_from, kInt32Min, kInt32Max);
        p.to_year = r.opt_int(i, c_to, kInt32Min, kInt32Max);
        p.roster_status = r.text(i, c_status);
        p.team_id = r.opt_int(i, c_team);
        p.games_played_flag = r.text(i, c_played);
        if (auto [it, fresh] = seen.emplace(p.person_id, i); !fresh) {
            if (!same_row(t, it->second, i)) r.fail(i, c_id, fmt::format("person {} listed twice", p.person_id));
            dropped.push_back({i + 2, fmt::format("exact duplicate of row {}", it->second + 2)});
            continue;
        }
        out.push_back(std::move(p));
    }
    if (out.empty()) throw ParseError(2, "player_directory: no rows");
    return out;
}

}  // namespace courtside::ingest
