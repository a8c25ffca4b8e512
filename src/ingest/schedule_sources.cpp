// Schedules into raw.schedule: stats.nba.com scoreboardv2 (result sets) and scoreboardv3 (the
// games of one date), and the NBA CDN season schedule (every game of a season). Game dates are
// the US/Eastern dates the sources list; tip-off times are UTC.
//  - scoreboardv3 and the CDN give the tip-off in UTC (gameTimeUTC, gameDateTimeUTC);
//  - scoreboardv2 gives it only for a game not yet started, as its status text ("7:30 pm ET");
//  - a time the source marks TBD is NULL.
#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "ingest/column_reader.hpp"
#include "ingest/json_reader.hpp"
#include "ingest/json_sources.hpp"
#include "ingest/schedule_fields.hpp"

#include <fmt/format.h>

#include <map>

namespace courtside::ingest {

namespace {

// Keeps the first row of each game; an exact repeat is dropped and recorded, a different one fails.
class GameOnce {
public:
    // Returns false when `row` repeats an earlier entry of the game (recorded in dropped).
    template <class Fail>
    bool first(const std::string& game_id, size_t row, const std::string& content, std::vector<DroppedRow>& dropped, Fail fail) {
        auto [it, fresh] = seen_.emplace(game_id, std::make_pair(row, content));
        if (fresh) return true;
        if (it->second.second != content) fail(fmt::format("game {} listed twice with different content", game_id));
        dropped.push_back({row, fmt::format("repeat of row {} (game {})", it->second.first, game_id)});
        return false;
    }

private:
    std::map<std::string, std::pair<size_t, std::string>> seen_;
};

const char* json_field(ScheduleProblem::Field f) {
    switch (f) {
        case ScheduleProblem::GameId: return "gameId";
        case ScheduleProblem::Status: return "gameStatus";
        case ScheduleProblem::HomeTeam: return "homeTeam.teamId";
        case ScheduleProblem::AwayTeam: return "awayTeam.teamId";
        case ScheduleProblem::Postponed: return "postponedStatus";
    }
    return "gameId";
}

// The fields scoreboardv3 and the CDN schedule share.
ScheduleRow read_json_game(const JsonReader& game, std::string_view postponed) {
    ScheduleRow g;
    g.source_row = game.row();
    auto raw_id = game.req_text("gameId");
    auto id = core::normalize_game_id(raw_id);
    if (!id) game.fail("gameId", fmt::format("'{}' is not a GAME_ID", raw_id));
    g.game_id = *id;
    g.game_code = game.text("gameCode");
    g.game_status_id = game.req_int("gameStatus");
    g.game_status_text = game.text("gameStatusText");
    JsonReader home = game.object("homeTeam"), away = game.object("awayTeam");
    g.home_team_id = home.req_int("teamId"), g.away_team_id = away.req_int("teamId");
    g.home_team = home.text("teamTricode"), g.away_team = away.text("teamTricode");
    if (auto p = finish_schedule_row(g, postponed)) game.fail(json_field(p->field), p->why);
    // Scores are 0 before a game starts: only a started game has one.
    if (g.game_status != "scheduled" && g.game_status != "postponed")
        g.home_score = home.opt_int("score"), g.away_score = away.opt_int("score");
    return g;
}

}  // namespace

std::vector<ScheduleRow> parse_scoreboard_v3(const nlohmann::json& doc, std::vector<DroppedRow>& dropped) {
    check_schema_version(doc, "scoreboardv3");
    JsonReader root(doc, "", "scoreboardv3");
    auto captured = root.has("meta") ? root.object("meta").opt_utc("time") : std::nullopt;
    JsonReader board = root.object("scoreboard");
    auto date_text = board.req_text("gameDate");
    auto date = core::parse_date(date_text);
    if (!date) board.fail("gameDate", fmt::format("'{}' is not a date", date_text));
    const auto& games = board.array("games");
    // A date without games (the off-season, the All-Star break, Thanksgiving) is a real answer, as
    // the fetcher takes it: loaded with no rows and said (ops.ingested_files.note). It was
    // quarantined as an empty result, so `daily` reported the fetch of every such day as failed.
    if (games.empty()) return {};
    std::vector<ScheduleRow> out;
    GameOnce once;
    for (size_t i = 0; i < games.size(); ++i) {
        JsonReader game = board.element(games, "games", i, i + 2);
        ScheduleRow g = read_json_game(game, "");
        if (!once.first(g.game_id, g.source_row, games[i].dump(), dropped, [&](const std::string& why) { game.fail("gameId", why); }))
            continue;
        g.game_date = *date;
        g.captured_us = captured;
        if (g.game_status_text.find("TBD") == std::string::npos) {
            g.tipoff_us = game.opt_utc("gameTimeUTC");
            if (!g.tipoff_us) game.fail("gameTimeUTC", "is missing");
        }
        out.push_back(std::move(g));
    }
    return out;
}

std::vector<ScheduleRow> parse_cdn_schedule(const nlohmann::json& doc, std::vector<DroppedRow>& dropped) {
    check_schema_version(doc, "cdn_schedule");
    JsonReader root(doc, "", "cdn_schedule");
    auto captured = root.has("meta") ? root.object("meta").opt_utc("time") : std::nullopt;
    JsonReader league = root.object("leagueSchedule");
    const auto& dates = league.array("gameDates");
    std::vector<ScheduleRow> out;
    GameOnce once;
    size_t row = 1;
    for (size_t d = 0; d < dates.size(); ++d) {
        JsonReader day = league.element(dates, "gameDates", d, row + 1);
        const auto& games = day.array("games");
        for (size_t i = 0; i < games.size(); ++i) {
            ++row;
            JsonReader game = day.element(games, "games", i, row);
            ScheduleRow g = read_json_game(game, game.text("postponedStatus"));
            if (!once.first(g.game_id, row, games[i].dump(), dropped, [&](const std::string& why) { game.fail("gameId", why); }))
                continue;
            // gameDateEst is the US/Eastern date at midnight, written with a Z: "2025-10-02T00:00:00Z".
            auto date_text = game.req_text("gameDateEst");
            auto date = core::parse_date(date_text);
            if (!date) game.fail("gameDateEst", fmt::format("'{}' is not a date", date_text));
            g.game_date = *date;
            g.captured_us = captured;
            if (g.game_status_text.find("TBD") == std::string::npos) {
                g.tipoff_us = game.opt_utc("gameDateTimeUTC");
                if (!g.tipoff_us) game.fail("gameDateTimeUTC", "is missing");
                if (core::eastern_date_of_utc_micros(*g.tipoff_us) != g.game_date)
                    game.fail("gameDateTimeUTC", fmt::format("{} is not on {} (US/Eastern)", core::format_utc_micros(*g.tipoff_us),
                                                             date_text.substr(0, 10)));
            }
            out.push_back(std::move(g));
        }
    }
    if (out.empty()) league.fail("gameDates", "the schedule lists no games (an empty result)");
    return out;
}

std::vector<ScheduleRow> parse_scoreboard_v2(const Table& header, const std::vector<Table>& tables,
                                             std::vector<DroppedRow>& dropped) {
    ColumnReader r(header, "scoreboardv2");
    const int c_date = r.require("GAME_DATE_EST"), c_game = r.require("GAME_ID"), c_status = r.require("GAME_STATUS_ID"),
              c_text = r.require("GAME_STATUS_TEXT"), c_code = r.optional("GAMECODE"), c_home = r.require("HOME_TEAM_ID"),
              c_away = r.require("VISITOR_TEAM_ID");
    // Scores and tricodes by (game, team) from LineScore, when the response has it.
    std::map<std::pair<std::string, int64_t>, std::pair<std::string, OptInt>> line_score;
    for (const auto& t : tables) {
        if (t.name != "LineScore" || !t.has("GAME_ID") || !t.has("TEAM_ID") || !t.has("PTS")) continue;
        ColumnReader l(t, "scoreboardv2 LineScore");
        const int g = l.require("GAME_ID"), team = l.require("TEAM_ID"), pts = l.require("PTS"),
                  abbr = l.optional("TEAM_ABBREVIATION");
        for (size_t i = 0; i < t.rows(); ++i) {
            l.check_width(i);
            auto id = core::normalize_game_id(l.text(i, g));
            if (!id) l.fail(i, g, fmt::format("'{}' is not a GAME_ID", l.text(i, g)));
            line_score[{*id, l.req_int(i, team)}] = {std::string(l.text(i, abbr)), l.opt_int(i, pts)};
        }
    }
    std::vector<ScheduleRow> out;
    GameOnce once;
    for (size_t i = 0; i < header.rows(); ++i) {
        r.check_width(i);
        ScheduleRow g;
        g.source_row = i + 2;
        auto id = core::normalize_game_id(r.text(i, c_game));
        if (!id) r.fail(i, c_game, fmt::format("'{}' is not a GAME_ID", r.text(i, c_game)));
        g.game_id = *id;
        // A game with several national broadcasters is listed once per broadcaster: the repeats
        // differ in the TV columns only, so only the columns read here must agree.
        std::string content;
        for (int c : {c_date, c_status, c_text, c_code, c_home, c_away}) content += std::string(r.text(i, c)) + '\x1f';
        if (!once.first(g.game_id, i + 2, content, dropped, [&](const std::string& why) { r.fail(i, c_game, why); })) continue;
        auto date = core::parse_date(r.text(i, c_date));
        if (!date) r.fail(i, c_date, fmt::format("'{}' is not a date", r.text(i, c_date)));
        g.game_date = *date;
        check_date_in_season(r, i, c_date, g.game_id, g.game_date);
        g.game_status_id = r.req_int(i, c_status);
        g.game_status_text = r.text(i, c_text);
        g.game_code = r.text(i, c_code);
        g.home_team_id = r.req_int(i, c_home);
        g.away_team_id = r.req_int(i, c_away);
        auto home = line_score.find({g.game_id, g.home_team_id}), away = line_score.find({g.game_id, g.away_team_id});
        if (home != line_score.end()) g.home_team = home->second.first;
        if (away != line_score.end()) g.away_team = away->second.first;
        if (auto p = finish_schedule_row(g)) {
            int col = p->field == ScheduleProblem::Status     ? c_status
                      : p->field == ScheduleProblem::HomeTeam ? c_home
                      : p->field == ScheduleProblem::AwayTeam ? c_away
                                                              : c_game;
            r.fail(i, col, p->why);
        }
        if (g.game_status != "scheduled") {
            if (home != line_score.end()) g.home_score = home->second.second;
            if (away != line_score.end()) g.away_score = away->second.second;
        } else if (auto secs = eastern_clock_seconds(g.game_status_text)) {
            g.tipoff_us = core::eastern_local_utc_micros(g.game_date, *secs);
        }
        out.push_back(std::move(g));
    }
    if (out.empty()) throw ParseError(2, "scoreboardv2: GameHeader lists no games (an empty result)");
    return out;
}

}  // namespace courtside::ingest
