#include "fetch/stats_nba.hpp"

#include "core/game_id.hpp"
#include "fetch/game_lookup.hpp"
#include "fetch/payload_checks.hpp"
#include "fetch/url.hpp"

#include <fmt/format.h>

#include <set>

namespace courtside::fetch {

std::vector<std::pair<std::string, std::string>> stats_nba_headers(const SourcesConfig& config) {
    // stats.nba.com answers only what looks like its own web pages' requests (nba_api issues).
    return {{"User-Agent", config.user_agent},
            {"Accept", "application/json, text/plain, */*"},
            {"Accept-Language", "en-US,en;q=0.9"},
            {"Referer", "https://www.nba.com/"},
            {"Origin", "https://www.nba.com"},
            {"x-nba-stats-origin", "stats"},
            {"x-nba-stats-token", "true"},
            {"Connection", "keep-alive"}};
}

namespace {

Request stats_request(const PlanContext& ctx, std::string endpoint, std::string target,
                      const std::map<std::string, std::string>& params) {
    Request r;
    r.source = "stats_nba";
    r.target = std::move(target);
    r.url = build_url(ctx.config.host("stats_nba").base_url, "/" + endpoint, params);
    r.endpoint = std::move(endpoint);
    r.headers = stats_nba_headers(ctx.config);
    return r;
}

BodyCheck result_set_check(std::string name, std::vector<std::string> columns, bool require_rows, std::string empty_reason) {
    return [=](std::string_view body) -> std::optional<std::string> {
        auto p = parse_json_body(body);
        if (p.error) return p.error;
        return check_result_set(p.json, name, columns, require_rows, empty_reason).error;
    };
}

// A date's games are all final a few hours after US/Eastern midnight.
int64_t date_final_after(core::Date d) { return core::eastern_midnight_utc_micros(d + 1) + 6LL * 3600 * 1000000; }
// A season's logs stop changing after its last game (mid-July covers the latest finals).
int64_t season_final_after(int season) {
    return core::eastern_midnight_utc_micros(*core::parse_date(fmt::format("{}-07-15", season + 1)));
}
int64_t today_midnight() { return core::eastern_midnight_utc_micros(*core::eastern_date_of_utc(core::format_utc_micros(core::now_micros()))); }

std::vector<core::Date> need_dates(const PlanContext& ctx, const std::string& what) {
    if (ctx.options.dates.empty()) throw std::invalid_argument(fmt::format("{} needs --date, --from/--to or --season", what));
    return ctx.options.dates;
}

std::vector<int> need_seasons(const PlanContext& ctx, const std::string& what) {
    if (ctx.options.seasons.empty()) throw std::invalid_argument(fmt::format("{} needs --season, --date or --from/--to", what));
    return ctx.options.seasons;
}

std::vector<Request> plan_scoreboard_v2(PlanContext& ctx) {
    std::vector<Request> out;
    for (core::Date d : need_dates(ctx, "scoreboard-v2")) {
        auto r = stats_request(ctx, "scoreboardv2", core::format_date(d),
                               {{"DayOffset", "0"}, {"GameDate", core::format_date(d)}, {"LeagueID", "00"}});
        r.final_after_us = date_final_after(d);
        r.check = result_set_check("GameHeader", {"GAME_ID", "GAME_STATUS_ID", "GAME_DATE_EST"}, false, "");
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<Request> plan_scoreboard_v3(PlanContext& ctx) {
    std::vector<Request> out;
    for (core::Date d : need_dates(ctx, "scoreboard")) out.push_back(scoreboard_v3_request(ctx, d));
    return out;
}

std::vector<Request> plan_gamelog(PlanContext& ctx, bool players) {
    std::vector<Request> out;
    const std::string what = players ? "gamelog-player" : "gamelog-team";
    // --date / --from..--to ask the log for those dates only (a daily run); --season for all of it.
    std::string date_from, date_to;
    if (ctx.options.date_range) {
        date_from = core::format_date(ctx.options.date_range->first);
        date_to = core::format_date(ctx.options.date_range->second);
    }
    for (int season : need_seasons(ctx, what))
        for (const auto& type : ctx.options.season_types) {
            std::string target = fmt::format("{} {} {}", core::season_label(season), type, players ? "P" : "T");
            if (!date_from.empty()) target += fmt::format(" {}..{}", date_from, date_to);
            auto r = stats_request(ctx, "leaguegamelog", target,
                                   {{"Counter", "0"}, {"DateFrom", date_from}, {"DateTo", date_to}, {"Direction", "ASC"}, {"LeagueID", "00"},
                                    {"PlayerOrTeam", players ? "P" : "T"}, {"Season", core::season_label(season)},
                                    {"SeasonType", type}, {"Sorter", "DATE"}});
            r.final_after_us = date_from.empty() ? season_final_after(season) : date_final_after(ctx.options.date_range->second);
            // A regular season under way has games: an empty log then is an error, not news.
            bool started = date_from.empty() && type == "Regular Season" &&
                           core::now_micros() > core::eastern_midnight_utc_micros(*core::parse_date(fmt::format("{}-11-01", season)));
            std::vector<std::string> cols{"GAME_ID", "TEAM_ID", "GAME_DATE", "MATCHUP"};
            if (players) cols.push_back("PLAYER_ID");
            r.check = result_set_check("LeagueGameLog", cols, started,
                                       fmt::format("empty LeagueGameLog for {} {}, a season under way", core::season_label(season), type));
            out.push_back(std::move(r));
        }
    return out;
}

std::vector<Request> plan_players(PlanContext& ctx) {
    std::vector<Request> out;
    for (int season : need_seasons(ctx, "players")) {
        auto r = stats_request(ctx, "commonallplayers", core::season_label(season),
                               {{"IsOnlyCurrentSeason", "0"}, {"LeagueID", "00"}, {"Season", core::season_label(season)}});
        r.final_after_us = today_midnight();  // the directory grows with signings: one capture a day
        r.check = result_set_check("CommonAllPlayers", {"PERSON_ID", "DISPLAY_FIRST_LAST"}, true, "empty player directory");
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<Request> plan_boxscore(PlanContext& ctx, bool v3) {
    auto games = final_games(ctx);
    if (ctx.options.missing) games = without_rows(ctx.con, games, "raw.boxscore_player");
    std::vector<Request> out;
    for (const auto& g : games) {
        auto r = stats_request(ctx, v3 ? "boxscoretraditionalv3" : "boxscoretraditionalv2", g.game_id,
                               {{"EndPeriod", "0"}, {"EndRange", "0"}, {"GameID", g.game_id}, {"RangeType", "0"},
                                {"StartPeriod", "0"}, {"StartRange", "0"}});
        if (v3) {
            std::string id = g.game_id;
            r.check = [id](std::string_view body) -> std::optional<std::string> {
                auto p = parse_json_body(body);
                if (p.error) return p.error;
                const auto* gid = at_path(p.json, "boxScoreTraditional.gameId");
                if (!gid) return std::string("unknown schema: no boxScoreTraditional.gameId");
                if (!gid->is_string() || gid->get<std::string>() != id) return fmt::format("box score of another game ({})", gid->dump());
                for (const char* side : {"boxScoreTraditional.homeTeam.players", "boxScoreTraditional.awayTeam.players"})
                    if (auto e = check_array(p.json, side, true, fmt::format("no players in {} of final game {}", side, id))) return e;
                return std::nullopt;
            };
        } else {
            r.check = result_set_check(
                "PlayerStats", {"GAME_ID", "PLAYER_ID", "MIN", "PTS"}, true,
                fmt::format("empty PlayerStats for final game {} (boxscoretraditionalv2 returns nothing for games from "
                            "October 2025 on: fetch `boxscore`, v3)", g.game_id));
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<Request> plan_playbyplay(PlanContext& ctx, bool v3) {
    auto games = final_games(ctx);
    if (ctx.options.missing) games = without_rows(ctx.con, games, "raw.playbyplay");
    std::vector<Request> out;
    for (const auto& g : games) {
        auto r = stats_request(ctx, v3 ? "playbyplayv3" : "playbyplayv2", g.game_id,
                               {{"EndPeriod", "0"}, {"GameID", g.game_id}, {"StartPeriod", "0"}});
        std::string id = g.game_id;
        if (v3)
            r.check = [id](std::string_view body) -> std::optional<std::string> {
                auto p = parse_json_body(body);
                if (p.error) return p.error;
                return check_array(p.json, "game.actions", true, fmt::format("no actions in the play-by-play of final game {}", id));
            };
        else
            r.check = result_set_check("PlayByPlay", {"GAME_ID", "EVENTNUM", "EVENTMSGTYPE", "PERIOD"}, true,
                                       fmt::format("empty PlayByPlay for final game {}", id));
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

Request scoreboard_v3_request(const PlanContext& ctx, core::Date d) {
    auto r = stats_request(ctx, "scoreboardv3", core::format_date(d), {{"GameDate", core::format_date(d)}, {"LeagueID", "00"}});
    r.final_after_us = date_final_after(d);
    r.check = [](std::string_view body) -> std::optional<std::string> {
        auto p = parse_json_body(body);
        if (p.error) return p.error;
        return check_array(p.json, "scoreboard.games", false, "");  // a date without games is a real answer
    };
    return r;
}

const std::vector<Target>& stats_nba_targets() {
    static const std::vector<Target> t{
        {"scoreboard", "scoreboardv3 per date (the games of the day and their status)", plan_scoreboard_v3},
        {"scoreboard-v2", "scoreboardv2 per date", plan_scoreboard_v2},
        {"gamelog-team", "leaguegamelog, team rows, per season (and --season-type)", [](PlanContext& c) { return plan_gamelog(c, false); }},
        {"gamelog-player", "leaguegamelog, player rows, per season", [](PlanContext& c) { return plan_gamelog(c, true); }},
        {"boxscore", "boxscoretraditionalv3 per final game (the live path)", [](PlanContext& c) { return plan_boxscore(c, true); }},
        {"boxscore-v2", "boxscoretraditionalv2 per final game (empty for games from October 2025 on)",
         [](PlanContext& c) { return plan_boxscore(c, false); }},
        {"playbyplay", "playbyplayv3 per final game", [](PlanContext& c) { return plan_playbyplay(c, true); }},
        {"playbyplay-v2", "playbyplayv2 per final game", [](PlanContext& c) { return plan_playbyplay(c, false); }},
        {"players", "commonallplayers (the player directory) per season", plan_players},
    };
    return t;
}

}  // namespace courtside::fetch
