// Box scores as JSON documents: stats.nba.com's boxscoretraditionalv3 and the NBA CDN live box
// score. Both become the rows boxscoretraditionalv2 gives for the same game, so Phase 3 cannot
// tell them apart:
//  - teams in v2's order (away team first), players in the payload's order; source_row is a
//    player's place in that order + 1, as the v2 result set numbers its rows;
//  - player_name is "First Last" (v2's PLAYER_NAME), start_position is set for starters only;
//  - a player who did not play has no minutes and NULL stats, where v3 prints zeros;
//  - the DNP reason: v3's `comment` is v2's COMMENT; the CDN prints notPlayingReason
//    ("INACTIVE_INJURY", "DNP_COACH") and notPlayingDescription, kept as "REASON - description"
//    (the leading word is what player_game_status reads: DNP, DND, NWT, INACTIVE);
//  - minutes as recorded in min_text ("36:12" in v3, "PT36M12.00S" on the CDN), exact in seconds.
#include "core/game_id.hpp"
#include "core/minutes.hpp"
#include "ingest/column_reader.hpp"
#include "ingest/json_reader.hpp"
#include "ingest/json_sources.hpp"
#include "ingest/schedule_fields.hpp"

#include <fmt/format.h>

#include <map>
#include <stdexcept>

namespace courtside::ingest {

namespace {

// v3 / CDN statistics fields in StatLine order (the col of each stat indexes this list).
constexpr const char* kStatFields[] = {"fieldGoalsMade",    "fieldGoalsAttempted", "threePointersMade",
                                       "threePointersAttempted", "freeThrowsMade", "freeThrowsAttempted",
                                       "reboundsOffensive", "reboundsDefensive",   "reboundsTotal",
                                       "assists",           "steals",              "blocks",
                                       "turnovers",         "foulsPersonal",       "points"};

struct PlayerFields {
    std::string name, start_position, comment;
    bool played = true;  // false: no minutes, stats NULL
};

// Reads the statistics of one player into b; `pf` says what the source's own fields mean.
void read_stat_line(const JsonReader& player, const PlayerFields& pf, BoxscorePlayerRow& b) {
    JsonReader st = player.object("statistics");
    b.min_text = st.text("minutes");
    try {
        b.seconds_played = pf.played ? core::parse_seconds_played(b.min_text) : std::nullopt;
    } catch (const std::invalid_argument& e) {
        st.fail("minutes", e.what());
    }
    OptInt* stats[] = {&b.fgm, &b.fga, &b.fg3m, &b.fg3a, &b.ftm, &b.fta, &b.oreb, &b.dreb,
                       &b.reb, &b.ast, &b.stl, &b.blk, &b.tov, &b.pf, &b.pts};
    if (!b.seconds_played) {
        // v3 prints zeros for a player who did not play; anything else would be a stat line without minutes.
        for (size_t k = 0; k < std::size(kStatFields); ++k)
            if (auto v = st.opt_int(kStatFields[k]); v && *v != 0)
                st.fail(kStatFields[k], fmt::format("{} for a player without minutes", *v));
        return;  // stats and plus-minus stay NULL, as boxscoretraditionalv2 prints them
    }
    for (size_t k = 0; k < std::size(kStatFields); ++k) {
        *stats[k] = st.opt_int(kStatFields[k]);
        if (!*stats[k]) st.fail(kStatFields[k], "is missing for a player with minutes");
    }
    b.plus_minus = st.opt_double("plusMinusPoints");
    StatLine line;
    StatLine::Stat* cols[] = {&line.fgm, &line.fga, &line.fg3m, &line.fg3a, &line.ftm, &line.fta, &line.oreb, &line.dreb,
                              &line.reb, &line.ast, &line.stl, &line.blk, &line.tov, &line.pf, &line.pts};
    for (size_t k = 0; k < std::size(cols); ++k) *cols[k] = {*stats[k], static_cast<int>(k)};
    check_stat_line(
        line, [](int col) { return std::string(kStatFields[col]); },
        [&](std::initializer_list<int> c, const std::string& why) {
            std::string names;
            for (int x : c) names += fmt::format("{}{}", names.empty() ? "" : ", ", kStatFields[x]);
            st.fail(fmt::format("{}: {}", names, why));
        });
}

// The CDN prints a starter's position as PG/SG/SF/PF/C; v2's START_POSITION is G/F/C.
std::string starter_position(const std::string& pos) {
    if (pos == "PG" || pos == "SG" || pos == "G") return "G";
    if (pos == "SF" || pos == "PF" || pos == "F") return "F";
    return pos;
}

std::string full_name(const JsonReader& p) {
    std::string first = p.text("firstName"), family = p.text("familyName");
    if (first.empty()) return family;
    if (family.empty()) return first;
    return first + " " + family;
}

// The players of both teams, away team first. `fields` reads the source-specific fields.
template <class Fields>
std::vector<BoxscorePlayerRow> read_players(const JsonReader& game, std::string_view game_id, Fields fields,
                                            std::vector<DroppedRow>& dropped) {
    std::vector<BoxscorePlayerRow> out;
    std::map<int64_t, std::pair<size_t, const nlohmann::json*>> seen;  // player -> (row, entry)
    size_t row = 1;
    for (const char* side : {"awayTeam", "homeTeam"}) {
        JsonReader team = game.object(side);
        const int64_t team_id = team.req_int("teamId");
        const std::string tricode = team.req_text("teamTricode"), city = team.text("teamCity");
        const auto& players = team.array("players");
        for (size_t k = 0; k < players.size(); ++k) {
            ++row;
            JsonReader p = team.element(players, "players", k, row);
            BoxscorePlayerRow b;
            b.source_row = row;
            b.game_id = std::string(game_id);
            b.team_id = team_id;
            b.team_abbreviation = tricode;
            b.team_city = city;
            b.player_id = p.req_int("personId");
            if (auto [it, fresh] = seen.emplace(b.player_id, std::make_pair(row, &players[k])); !fresh) {
                if (*it->second.second != players[k]) p.fail("personId", fmt::format("player {} listed twice with different stats", b.player_id));
                dropped.push_back({row, fmt::format("exact duplicate of row {}", it->second.first)});
                continue;
            }
            PlayerFields pf = fields(p);
            if (pf.name.empty()) p.fail("familyName", "the player has no name");
            b.player_name = pf.name;
            b.start_position = pf.start_position;
            b.comment = pf.comment;
            read_stat_line(p, pf, b);
            out.push_back(std::move(b));
        }
    }
    if (out.empty()) game.fail("no player rows (an empty box score)");
    return out;
}

std::string game_id_of(const JsonReader& r, std::string_view key) {
    auto raw = r.req_text(key);
    auto id = core::normalize_game_id(raw);
    if (!id) r.fail(key, fmt::format("'{}' is not a GAME_ID", raw));
    return *id;
}

}  // namespace

std::vector<BoxscorePlayerRow> parse_boxscore_traditional_v3(const nlohmann::json& doc, std::vector<DroppedRow>& dropped) {
    check_schema_version(doc, "boxscoretraditionalv3");
    JsonReader box = JsonReader(doc, "", "boxscoretraditionalv3").object("boxScoreTraditional");
    const std::string game_id = game_id_of(box, "gameId");
    for (auto [side, id] : {std::pair{"awayTeam", "awayTeamId"}, std::pair{"homeTeam", "homeTeamId"}})
        if (box.has(id) && box.object(side).req_int("teamId") != box.req_int(id))
            box.fail(id, fmt::format("{} but {}.teamId is {}", box.req_int(id), side, box.object(side).req_int("teamId")));
    return read_players(
        box, game_id,
        [](const JsonReader& p) {
            // stats.nba.com prints the position only for the five starters, as v2's START_POSITION.
            return PlayerFields{full_name(p), p.text("position"), p.text("comment"), true};
        },
        dropped);
}

CdnBoxscore parse_cdn_boxscore(const nlohmann::json& doc, std::vector<DroppedRow>& dropped) {
    check_schema_version(doc, "cdn_boxscore");
    JsonReader root(doc, "", "cdn_boxscore");
    JsonReader game = root.object("game");
    CdnBoxscore out;
    const std::string game_id = game_id_of(game, "gameId");
    out.players = read_players(
        game, game_id,
        [](const JsonReader& p) {
            PlayerFields f;
            f.name = p.text("name");
            if (f.name.empty()) f.name = full_name(p);
            f.played = p.opt_bool("played").value_or(true);
            if (p.opt_bool("starter").value_or(false)) {
                f.start_position = starter_position(p.text("position"));
                if (f.start_position.empty()) p.fail("position", "a starter without a position");
            }
            if (!f.played) {
                f.comment = p.text("notPlayingReason");
                if (auto d = p.text("notPlayingDescription"); !d.empty()) f.comment += (f.comment.empty() ? "" : " - ") + d;
                if (f.comment.empty() && p.text("status") == "INACTIVE") f.comment = "INACTIVE";
            }
            return f;
        },
        dropped);

    // The game's status when the payload was captured.
    ScheduleRow& g = out.game;
    g.game_id = game_id;
    g.source_row = 1;
    g.captured_us = root.has("meta") ? root.object("meta").opt_utc("time") : std::nullopt;
    g.tipoff_us = game.opt_utc("gameTimeUTC");
    if (!g.tipoff_us) game.fail("gameTimeUTC", "is missing: the game's date is unknown");
    g.game_date = core::eastern_date_of_utc_micros(*g.tipoff_us);
    g.game_code = game.text("gameCode");
    g.game_status_id = game.req_int("gameStatus");
    g.game_status_text = game.text("gameStatusText");
    JsonReader home = game.object("homeTeam"), away = game.object("awayTeam");
    g.home_team_id = home.req_int("teamId"), g.away_team_id = away.req_int("teamId");
    g.home_team = home.req_text("teamTricode"), g.away_team = away.req_text("teamTricode");
    g.home_score = home.opt_int("score"), g.away_score = away.opt_int("score");
    if (auto problem = finish_schedule_row(g)) {
        const char* field = problem->field == ScheduleProblem::Status     ? "gameStatus"
                            : problem->field == ScheduleProblem::HomeTeam ? "homeTeam.teamId"
                            : problem->field == ScheduleProblem::AwayTeam ? "awayTeam.teamId"
                                                                          : "gameId";
        game.fail(field, problem->why);
    }
    return out;
}

}  // namespace courtside::ingest
