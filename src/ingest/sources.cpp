#include "ingest/sources.hpp"

#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "core/minutes.hpp"
#include "core/numbers.hpp"
#include "core/teams.hpp"
#include "core/vocabulary.hpp"
#include "ingest/column_reader.hpp"

#include <fmt/format.h>

#include <cctype>
#include <initializer_list>
#include <map>
#include <set>
#include <stdexcept>

namespace courtside::ingest {

std::string_view source_kind_name(SourceKind k) {
    switch (k) {
        case SourceKind::BoxscoreTraditionalV2: return "boxscoretraditionalv2";
        case SourceKind::LeagueGameLogTeam: return "leaguegamelog_team";
        case SourceKind::PlayByPlayV2: return "playbyplayv2";
        case SourceKind::GameLines: return "game_lines";
        case SourceKind::OddsPropsSnapshot: return "odds_api_props_snapshot";
        case SourceKind::OddsPropsDaily: return "odds_api_props_daily";
        case SourceKind::PlayerGameLog: return "player_game_log";
        case SourceKind::PlayerDirectory: return "player_directory";
        case SourceKind::LeagueGameLogPlayer: return "leaguegamelog_player";
        case SourceKind::ScoreboardV2: return "scoreboardv2";
        case SourceKind::BoxscoreTraditionalV3: return "boxscoretraditionalv3";
        case SourceKind::CdnBoxscore: return "cdn_boxscore";
        case SourceKind::PlayByPlayV3: return "playbyplayv3";
        case SourceKind::CdnPlayByPlay: return "cdn_playbyplay";
        case SourceKind::ScoreboardV3: return "scoreboardv3";
        case SourceKind::CdnSchedule: return "cdn_schedule";
        case SourceKind::OddsApiEvents: return "odds_api_events";
        case SourceKind::OddsApiOdds: return "odds_api_odds";
        case SourceKind::InjuryReport: return "injury_report";
        case SourceKind::Unknown: break;
    }
    return "unknown";
}

bool is_box_kind(SourceKind k) {
    return k == SourceKind::BoxscoreTraditionalV2 || k == SourceKind::BoxscoreTraditionalV3 || k == SourceKind::CdnBoxscore;
}

bool is_player_log_kind(SourceKind k) { return k == SourceKind::PlayerGameLog || k == SourceKind::LeagueGameLogPlayer; }

SourceKind detect_source(const Table& t) {
    if (t.has("EVENTNUM") && t.has("EVENTMSGTYPE")) return SourceKind::PlayByPlayV2;
    if (t.has("bet_type") && t.has("away_line") && t.has("home_line")) return SourceKind::GameLines;
    if (t.has("PLAYER_ID") && t.has("START_POSITION") && t.has("GAME_ID")) return SourceKind::BoxscoreTraditionalV2;
    if (t.has("TEAM_ID") && t.has("GAME_DATE") && t.has("MATCHUP") && !t.has("PLAYER_ID"))
        return SourceKind::LeagueGameLogTeam;
    // leaguegamefinder's player rows look alike but mix in exhibitions against non-NBA clubs.
    if ((t.name.empty() || t.name == "LeagueGameLog") && t.has("SEASON_ID") && t.has("PLAYER_ID") && t.has("GAME_ID") &&
        t.has("GAME_DATE") && t.has("MATCHUP"))
        return SourceKind::LeagueGameLogPlayer;
    // boxscoresummaryv2's GameSummary has the same columns: only a scoreboard's GameHeader is one.
    if ((t.name.empty() || t.name == "GameHeader") && t.has("GAME_ID") && t.has("GAME_STATUS_ID") &&
        t.has("HOME_TEAM_ID") && t.has("VISITOR_TEAM_ID"))
        return SourceKind::ScoreboardV2;
    if (t.has("player") && t.has("market") && t.has("bookmaker") && t.has("game_time") && t.has("over_odds"))
        return t.has("event_id") ? SourceKind::OddsPropsSnapshot : SourceKind::OddsPropsDaily;
    if (t.has("player_id") && t.has("matchup") && t.has("minutes") && t.has("pts")) return SourceKind::PlayerGameLog;
    if (t.has("PERSON_ID") && t.has("DISPLAY_FIRST_LAST") && t.has("FROM_YEAR") && t.has("TO_YEAR"))
        return SourceKind::PlayerDirectory;
    return SourceKind::Unknown;
}

SourceKind source_of_result_set(std::string_view name) {
    if (name == "PlayerStats") return SourceKind::BoxscoreTraditionalV2;
    if (name == "LeagueGameLog") return SourceKind::LeagueGameLogTeam;
    if (name == "GameHeader") return SourceKind::ScoreboardV2;
    if (name == "PlayByPlay") return SourceKind::PlayByPlayV2;
    if (name == "CommonAllPlayers" || name == "CommonPlayerInfo") return SourceKind::PlayerDirectory;
    return SourceKind::Unknown;
}

namespace {

bool has_all(const Table& t, std::initializer_list<std::string_view> cols) {
    for (auto c : cols)
        if (!t.has(c)) return false;
    return true;
}

// Columns that mark each source: a header holding at least half of one is that source with
// columns renamed or missing.
struct Signature {
    SourceKind kind;
    std::vector<std::string_view> columns;
};
const std::vector<Signature> kSignatures = {
    {SourceKind::BoxscoreTraditionalV2,
     {"GAME_ID", "TEAM_ID", "PLAYER_ID", "PLAYER_NAME", "START_POSITION", "COMMENT", "MIN", "FGM", "FG3M", "PTS"}},
    {SourceKind::LeagueGameLogTeam, {"SEASON_ID", "TEAM_ID", "GAME_ID", "GAME_DATE", "MATCHUP", "WL", "MIN", "PTS"}},
    {SourceKind::PlayByPlayV2,
     {"GAME_ID", "EVENTNUM", "EVENTMSGTYPE", "EVENTMSGACTIONTYPE", "PERIOD", "HOMEDESCRIPTION", "VISITORDESCRIPTION",
      "PLAYER1_ID"}},
    {SourceKind::GameLines, {"game_id", "date", "bet_type", "away", "home", "away_line", "home_line"}},
    {SourceKind::OddsPropsDaily, {"player", "market", "line", "bookmaker", "game", "game_time", "over_odds", "under_odds"}},
    {SourceKind::PlayerGameLog, {"player", "player_id", "date", "matchup", "minutes", "pts", "fgm", "threes_made"}},
    {SourceKind::PlayerDirectory, {"PERSON_ID", "DISPLAY_FIRST_LAST", "FROM_YEAR", "TO_YEAR"}},
    {SourceKind::ScoreboardV2, {"GAME_DATE_EST", "GAME_ID", "GAME_STATUS_ID", "GAME_STATUS_TEXT", "HOME_TEAM_ID",
                                "VISITOR_TEAM_ID", "SEASON"}},
};

// A header cell that is a value, not a name: a number, a time, a date (the header line is missing).
bool looks_like_value(std::string_view s) {
    if (s.empty()) return false;
    size_t digits = 0;
    for (char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
        else if (c != '.' && c != '-' && c != ':' && c != '+') return false;
    }
    return digits > 0;
}

}  // namespace

std::optional<std::string> unsupported_layout(const Table& t) {
    if (has_all(t, {"game_id", "data_set", "play_id", "event_type", "a1", "h1"}))
        return std::string("BigDataBall play-by-play: not a source courtside ingests");
    return std::nullopt;
}

void reject_undetected(const Table& t) {
    // Which source it resembles: the result set's name, else the signature it shares most of.
    SourceKind guess = source_of_result_set(t.name);
    const Signature* sig = nullptr;
    for (const auto& g : kSignatures)
        if (g.kind == guess) sig = &g;
    if (guess == SourceKind::Unknown) {
        double best = 0.5;
        for (const auto& g : kSignatures) {
            size_t n = 0;
            for (auto c : g.columns) n += t.has(c) ? 1 : 0;
            double share = static_cast<double>(n) / static_cast<double>(g.columns.size());
            if (share >= best) best = share, guess = g.kind, sig = &g;
        }
    }
    const std::string set = t.name.empty() ? std::string() : fmt::format("result set '{}': ", t.name);
    if (sig) {
        std::string missing;
        size_t n = 0;
        for (auto c : sig->columns)
            if (!t.has(c)) missing += fmt::format("{}{}", n++ ? ", " : "", c);
        if (n)
            throw ParseError(1, fmt::format("{}header (row 1) matches no supported source; it resembles {} but has no "
                                            "column{} {}",
                                            set, source_kind_name(guess), n > 1 ? "s" : "", missing));
        throw ParseError(1, fmt::format("{}header (row 1) matches no supported source; it resembles {} but is not it",
                                        set, source_kind_name(guess)));
    }
    std::string cells;
    size_t values = 0, named = 0;
    for (size_t c = 0; c < t.headers.size(); ++c) {
        if (c < 6) cells += fmt::format("{}'{}'", c ? ", " : "", t.headers[c]);
        if (t.headers[c].empty()) continue;
        ++named;
        values += looks_like_value(t.headers[c]) ? 1 : 0;
    }
    if (t.headers.size() > 6) cells += ", ...";
    if (named && values * 2 >= named)
        throw ParseError(1, fmt::format("{}row 1 holds values ({}), not column names: the header line is missing", set, cells));
    throw ParseError(1, fmt::format("{}header (row 1) matches no supported source: columns {}", set, cells));
}

static std::string known_value(const ColumnReader& r, size_t row, int col, const core::Vocabulary& v) {
    auto value = v.normalize(r.text(row, col));
    if (!value) r.fail(row, col, v.unknown_message(r.text(row, col)));
    return *value;
}

static std::string game_id_at(const ColumnReader& r, size_t row, int col) {
    auto id = core::normalize_game_id(r.text(row, col));
    if (!id) r.fail(row, col, fmt::format("'{}' is not a GAME_ID", r.text(row, col)));
    return *id;
}

std::vector<BoxscorePlayerRow> parse_boxscore_traditional_v2(const Table& t, std::vector<DroppedRow>& dropped) {
    ColumnReader r(t, "boxscoretraditionalv2");
    const int c_game = r.require("GAME_ID"), c_team = r.require("TEAM_ID"), c_abbr = r.require("TEAM_ABBREVIATION"),
              c_city = r.optional("TEAM_CITY"), c_pid = r.require("PLAYER_ID"), c_name = r.require("PLAYER_NAME"),
              c_start = r.require("START_POSITION"), c_comment = r.require("COMMENT"), c_min = r.require("MIN"),
              c_fgm = r.require("FGM"), c_fga = r.require("FGA"), c_fg3m = r.require("FG3M"),
              c_fg3a = r.require("FG3A"), c_ftm = r.require("FTM"), c_fta = r.require("FTA"),
              c_oreb = r.require("OREB"), c_dreb = r.require("DREB"), c_reb = r.require("REB"),
              c_ast = r.require("AST"), c_stl = r.require("STL"), c_blk = r.require("BLK"),
              c_pf = r.require("PF"), c_pts = r.require("PTS"), c_pm = r.optional("PLUS_MINUS");
    // Turnovers are "TO" in this endpoint; accept "TOV" too.
    int c_tov = r.optional("TO");
    if (c_tov < 0) c_tov = r.optional("TOV");
    if (c_tov < 0) throw ParseError(1, "boxscoretraditionalv2: header has no column TO");

    std::vector<BoxscorePlayerRow> out;
    out.reserve(t.rows());
    std::map<int64_t, size_t> seen;  // player -> first row
    std::string first_game;
    for (size_t i = 0; i < t.rows(); ++i) {
        if (t.fields_in_row(i) != t.headers.size())
            throw ParseError(i + 2, fmt::format("boxscoretraditionalv2: row has {} fields, header has {} (truncated?)",
                                                t.fields_in_row(i), t.headers.size()));
        BoxscorePlayerRow b;
        b.source_row = i + 2;
        b.game_id = game_id_at(r, i, c_game);
        if (first_game.empty()) first_game = b.game_id;
        if (b.game_id != first_game) r.fail(i, c_game, fmt::format("a second game {} in a single-game box score", b.game_id));
        b.team_id = r.req_int(i, c_team);
        b.team_abbreviation = r.text(i, c_abbr);
        b.team_city = r.text(i, c_city);
        b.player_id = r.req_int(i, c_pid);
        if (auto [it, fresh] = seen.emplace(b.player_id, i); !fresh) {
            if (!same_row(t, it->second, i)) r.fail(i, c_pid, fmt::format("player {} listed twice with different stats", b.player_id));
            dropped.push_back({i + 2, fmt::format("exact duplicate of row {}", it->second + 2)});
            continue;
        }
        b.player_name = r.text(i, c_name);
        b.start_position = known_value(r, i, c_start, core::start_positions());
        b.comment = r.text(i, c_comment);
        b.min_text = r.text(i, c_min);
        try {
            b.seconds_played = core::parse_seconds_played(b.min_text);
        } catch (const std::invalid_argument& e) {
            r.fail(i, c_min, e.what());
        }
        b.fgm = r.opt_int(i, c_fgm); b.fga = r.opt_int(i, c_fga);
        b.fg3m = r.opt_int(i, c_fg3m); b.fg3a = r.opt_int(i, c_fg3a);
        b.ftm = r.opt_int(i, c_ftm); b.fta = r.opt_int(i, c_fta);
        b.oreb = r.opt_int(i, c_oreb); b.dreb = r.opt_int(i, c_dreb); b.reb = r.opt_int(i, c_reb);
        b.ast = r.opt_int(i, c_ast); b.stl = r.opt_int(i, c_stl); b.blk = r.opt_int(i, c_blk);
        b.tov = r.opt_int(i, c_tov); b.pf = r.opt_int(i, c_pf); b.pts = r.opt_int(i, c_pts);
        b.plus_minus = r.opt_double(i, c_pm);
        if (b.seconds_played && !b.pts) r.fail(i, c_pts, "player has minutes but no points value");
        // Why a player without minutes did not play: the comment's leading word must be a known status.
        if (!b.seconds_played && !core::trim(b.comment).empty() && !core::comment_statuses().normalize(core::comment_lead(b.comment)))
            r.fail(i, c_comment, core::comment_statuses().unknown_message(core::comment_lead(b.comment)));
        check_stat_line(r, i, {{b.fgm, c_fgm}, {b.fga, c_fga}, {b.fg3m, c_fg3m}, {b.fg3a, c_fg3a}, {b.ftm, c_ftm},
                               {b.fta, c_fta}, {b.oreb, c_oreb}, {b.dreb, c_dreb}, {b.reb, c_reb}, {b.ast, c_ast},
                               {b.stl, c_stl}, {b.blk, c_blk}, {b.tov, c_tov}, {b.pf, c_pf}, {b.pts, c_pts}});
        out.push_back(std::move(b));
    }
    if (out.empty()) throw ParseError(2, "boxscoretraditionalv2: no player rows");
    return out;
}

std::vector<TeamGameLogRow> parse_league_game_log_team(const Table& t, std::vector<DroppedRow>& dropped) {
    ColumnReader r(t, "leaguegamelog");
    const int c_season = r.require("SEASON_ID"), c_team = r.require("TEAM_ID"), c_abbr = r.require("TEAM_ABBREVIATION"),
              c_tname = r.optional("TEAM_NAME"), c_game = r.require("GAME_ID"), c_date = r.require("GAME_DATE"),
              c_matchup = r.require("MATCHUP"), c_wl = r.require("WL"), c_min = r.require("MIN"),
              c_pts = r.require("PTS"), c_fgm = r.require("FGM"), c_fga = r.require("FGA"),
              c_fg3m = r.require("FG3M"), c_fg3a = r.require("FG3A"), c_ftm = r.require("FTM"),
              c_fta = r.require("FTA"), c_oreb = r.require("OREB"), c_dreb = r.require("DREB"),
              c_reb = r.require("REB"), c_ast = r.require("AST"), c_stl = r.require("STL"),
              c_blk = r.require("BLK"), c_tov = r.require("TOV"), c_pf = r.require("PF"),
              c_pm = r.optional("PLUS_MINUS");
    std::vector<TeamGameLogRow> out;
    out.reserve(t.rows());
    std::map<std::pair<std::string, int64_t>, size_t> seen;  // (game, team) -> index in out
    for (size_t i = 0; i < t.rows(); ++i) {
        if (t.fields_in_row(i) != t.headers.size())
            throw ParseError(i + 2, fmt::format("leaguegamelog: row has {} fields, header has {} (truncated?)",
                                                t.fields_in_row(i), t.headers.size()));
        TeamGameLogRow g;
        g.source_row = i + 2;
        g.season_id = r.text(i, c_season);
        if (!core::season_type_of_season_id(g.season_id)) r.fail(i, c_season, fmt::format("'{}' is not a SEASON_ID", g.season_id));
        g.team_id = r.req_int(i, c_team);
        g.team_abbreviation = r.text(i, c_abbr);
        g.team_name = r.text(i, c_tname);
        g.game_id = game_id_at(r, i, c_game);
        auto d = core::parse_date(r.text(i, c_date));
        if (!d) r.fail(i, c_date, fmt::format("'{}' is not a date", r.text(i, c_date)));
        g.game_date = *d;
        check_date_in_season(r, i, c_date, g.game_id, g.game_date);
        g.matchup = r.text(i, c_matchup);
        if (g.matchup.find(" vs. ") == std::string::npos && g.matchup.find(" @ ") == std::string::npos)
            r.fail(i, c_matchup, fmt::format("'{}' is not 'X vs. Y' or 'X @ Y'", g.matchup));
        g.wl = win_loss(r, i, c_wl);
        g.min = r.req_int(i, c_min, 0, core::kMaxMinutes);  // the team's player-minutes: 240 in regulation
        g.pts = r.opt_int(i, c_pts); g.fgm = r.opt_int(i, c_fgm); g.fga = r.opt_int(i, c_fga);
        g.fg3m = r.opt_int(i, c_fg3m); g.fg3a = r.opt_int(i, c_fg3a); g.ftm = r.opt_int(i, c_ftm);
        g.fta = r.opt_int(i, c_fta); g.oreb = r.opt_int(i, c_oreb); g.dreb = r.opt_int(i, c_dreb);
        g.reb = r.opt_int(i, c_reb); g.ast = r.opt_int(i, c_ast); g.stl = r.opt_int(i, c_stl);
        g.blk = r.opt_int(i, c_blk); g.tov = r.opt_int(i, c_tov); g.pf = r.opt_int(i, c_pf);
        g.plus_minus = r.opt_double(i, c_pm);
        // A played game (W or L) has a score: without it the team's ratings are NULL for the game (the
        // Phase 3 gate caught it later, naming neither file nor row; audit).
        if (!g.wl.empty() && !g.pts) r.fail(i, c_pts, fmt::format("value is missing, but the game has a result ({})", g.wl));
        check_stat_line(r, i, {{g.fgm, c_fgm}, {g.fga, c_fga}, {g.fg3m, c_fg3m}, {g.fg3a, c_fg3a}, {g.ftm, c_ftm},
                               {g.fta, c_fta}, {g.oreb, c_oreb}, {g.dreb, c_dreb}, {g.reb, c_reb}, {g.ast, c_ast},
                               {g.stl, c_stl}, {g.blk, c_blk}, {g.tov, c_tov}, {g.pf, c_pf}, {g.pts, c_pts}});
        // Some logs repeat a team-game as a placeholder or a fragment: no W/L and fewer player-minutes
        // than one player's game (0 in the game logs; 3 beside the real row of a 2023 preseason
        // game in leaguegamefinder, which quarantined the conference's whole season). Keep the real row.
        auto placeholder = [](const TeamGameLogRow& x) { return x.wl.empty() && x.min < 48; };
        if (auto it = seen.find({g.game_id, g.team_id}); it != seen.end()) {
            TeamGameLogRow& prev = out[it->second];
            if (placeholder(g)) {
                dropped.push_back({i + 2, fmt::format("placeholder duplicate of row {} (no W/L, {} minutes)", prev.source_row, g.min)});
            } else if (placeholder(prev)) {
                dropped.push_back({prev.source_row, fmt::format("placeholder duplicate of row {} (no W/L, {} minutes)", i + 2, prev.min)});
                prev = std::move(g);
            } else {
                r.fail(i, c_game, fmt::format("team {} listed twice for game {}", g.team_id, g.game_id));
            }
            continue;
        }
        seen[{g.game_id, g.team_id}] = out.size();
        out.push_back(std::move(g));
    }
    if (out.empty()) throw ParseError(2, "leaguegamelog: no rows");
    // Both teams' rows of a game give its date. Were they to differ, the game would land on one of
    // them (the earlier, a day before it was played, for point-in-time features): refused instead.
    std::map<std::string_view, const TeamGameLogRow*> first_of_game;
    for (const auto& g : out) {
        auto [it, fresh] = first_of_game.emplace(g.game_id, &g);
        if (!fresh && it->second->game_date != g.game_date)
            throw ParseError(g.source_row, fmt::format("leaguegamelog: column GAME_DATE: game {} is on {} in row {} and on {} in row {}",
                                                       g.game_id, core::format_date(it->second->game_date), it->second->source_row,
                                                       core::format_date(g.game_date), g.source_row));
    }
    return out;
}

std::vector<PlayByPlayRow> parse_playbyplay_v2(const Table& t, std::vector<DroppedRow>& dropped) {
    ColumnReader r(t, "playbyplayv2");
    const int c_game = r.require("GAME_ID"), c_num = r.require("EVENTNUM"), c_type = r.require("EVENTMSGTYPE"),
              c_action = r.require("EVENTMSGACTIONTYPE"), c_period = r.require("PERIOD"),
              c_wc = r.optional("WCTIMESTRING"), c_pc = r.optional("PCTIMESTRING"),
              c_home = r.require("HOMEDESCRIPTION"), c_neutral = r.optional("NEUTRALDESCRIPTION"),
              c_visitor = r.require("VISITORDESCRIPTION"), c_score = r.optional("SCORE"),
              c_margin = r.optional("SCOREMARGIN"), c_p1 = r.require("PLAYER1_ID"),
              c_p1t = r.require("PLAYER1_TEAM_ID"), c_p2 = r.require("PLAYER2_ID"),
              c_p2t = r.optional("PLAYER2_TEAM_ID"), c_p3 = r.optional("PLAYER3_ID"),
              c_p3t = r.optional("PLAYER3_TEAM_ID");
    std::vector<PlayByPlayRow> out;
    out.reserve(t.rows());
    std::map<int64_t, size_t> seen;  // event -> first row
    std::string first_game;
    for (size_t i = 0; i < t.rows(); ++i) {
        if (t.fields_in_row(i) != t.headers.size())
            throw ParseError(i + 2, fmt::format("playbyplayv2: row has {} fields, header has {} (truncated?)",
                                                t.fields_in_row(i), t.headers.size()));
        PlayByPlayRow e;
        e.game_id = game_id_at(r, i, c_game);
        if (first_game.empty()) first_game = e.game_id;
        if (e.game_id != first_game) r.fail(i, c_game, fmt::format("a second game {} in a single-game play-by-play", e.game_id));
        e.eventnum = r.req_int(i, c_num);
        if (auto [it, fresh] = seen.emplace(e.eventnum, i); !fresh) {
            if (!same_row(t, it->second, i)) r.fail(i, c_num, fmt::format("event {} listed twice with different content", e.eventnum));
            dropped.push_back({i + 2, fmt::format("exact duplicate of row {}", it->second + 2)});
            continue;
        }
        e.eventmsgtype = r.req_int(i, c_type, kInt32Min, kInt32Max);
        e.eventmsgactiontype = r.req_int(i, c_action, kInt32Min, kInt32Max);
        e.period = r.req_int(i, c_period, kInt32Min, kInt32Max);
        e.wctimestring = r.text(i, c_wc);
        e.pctimestring = r.text(i, c_pc);
        e.home_description = r.text(i, c_home);
        e.neutral_description = r.text(i, c_neutral);
        e.visitor_description = r.text(i, c_visitor);
        e.score = r.text(i, c_score);
        e.scoremargin = r.text(i, c_margin);
        // Ids of 0 mean "nobody"; team ids arrive as floats ("1610612749.0").
        auto id = [&](int col) -> std::optional<int64_t> {
            auto v = r.opt_int(i, col);
            if (v && *v == 0) return std::nullopt;
            return v;
        };
        e.player1_id = id(c_p1); e.player1_team_id = id(c_p1t);
        e.player2_id = id(c_p2); e.player2_team_id = id(c_p2t);
        e.player3_id = id(c_p3); e.player3_team_id = id(c_p3t);
        out.push_back(std::move(e));
    }
    if (out.empty()) throw ParseError(2, "playbyplayv2: no events");
    return out;
}

}  // namespace courtside::ingest

namespace courtside::ingest {

namespace {

// A few rows of a lines file are exhibitions against non-NBA clubs or All-Star teams (real files:
// under 0.5%). Many rows naming no NBA team mean the file spells its teams in a way the team table
// does not know: quarantined with the names, rather than every line skipped as an exhibition.
void reject_unknown_teams(const std::vector<GameLineRow>& rows) {
    constexpr double kMaxShare = 0.05;
    std::map<std::string, size_t> unknown;
    size_t skipped = 0;
    const GameLineRow* first = nullptr;
    for (const auto& g : rows) {
        if (g.skip_reason.empty()) continue;
        ++skipped;
        if (!first) first = &g;
        if (g.away_team.empty()) ++unknown[g.away_name];
        if (g.home_team.empty()) ++unknown[g.home_name];
    }
    if (skipped <= kMaxShare * static_cast<double>(rows.size())) return;
    std::string names;
    size_t shown = 0;
    for (const auto& [name, n] : unknown)
        if (shown++ < 8) names += fmt::format("{}'{}' ({})", names.empty() ? "" : ", ", name, n);
    throw ParseError(first->source_row, fmt::format("game_lines: {} of {} rows name no NBA team (more than {:.0f}% are not "
                                                    "exhibitions: an unknown spelling of the teams?): {}{}",
                                                    skipped, rows.size(), kMaxShare * 100, names,
                                                    unknown.size() > 8 ? ", ..." : ""));
}

}  // namespace

std::vector<GameLineRow> parse_game_lines(const Table& t, std::vector<DroppedRow>& dropped) {
    ColumnReader r(t, "game_lines");
    const int c_key = r.require("game_id"), c_date = r.require("date"), c_bet = r.require("bet_type"),
              c_away = r.require("away"), c_home = r.require("home"), c_al = r.require("away_line"),
              c_hl = r.require("home_line");
    std::vector<GameLineRow> out;
    std::map<std::pair<std::string, std::string>, size_t> seen;
    for (size_t i = 0; i < t.rows(); ++i) {
        if (t.fields_in_row(i) != t.headers.size())
            throw ParseError(i + 2, fmt::format("game_lines: row has {} fields, header has {} (truncated?)",
                                                t.fields_in_row(i), t.headers.size()));
        GameLineRow g;
        g.source_row = i + 2;
        g.line_key = r.text(i, c_key);
        auto ymd = r.text(i, c_date);  // 20141005
        auto d = ymd.size() == 8 ? core::parse_date(fmt::format("{}-{}-{}", ymd.substr(0, 4), ymd.substr(4, 2), ymd.substr(6, 2)))
                                 : std::nullopt;
        if (!d) r.fail(i, c_date, fmt::format("'{}' is not a YYYYMMDD date", ymd));
        g.game_date = *d;
        g.bet_type = known_value(r, i, c_bet, core::bet_types());
        g.away_name = r.text(i, c_away);
        g.home_name = r.text(i, c_home);
        g.away_line = r.opt_double(i, c_al);
        g.home_line = r.opt_double(i, c_hl);
        const auto* away = core::team_by_name(g.away_name);
        const auto* home = core::team_by_name(g.home_name);
        if (away) g.away_team = away->tricode;
        if (home) g.home_team = home->tricode;
        if (!away || !home)
            g.skip_reason = fmt::format("not an NBA game: '{}' @ '{}' (exhibition or All-Star team)", g.away_name, g.home_name);
        if (auto [it, fresh] = seen.emplace(std::make_pair(g.line_key, g.bet_type), i); !fresh) {
            if (!same_row(t, it->second, i)) r.fail(i, c_key, fmt::format("line {} {} listed twice", g.line_key, g.bet_type));
            dropped.push_back({i + 2, fmt::format("exact duplicate of row {}", it->second + 2)});
            continue;
        }
        out.push_back(std::move(g));
    }
    if (out.empty()) throw ParseError(2, "game_lines: no rows");
    reject_unknown_teams(out);
    return out;
}

}  // namespace courtside::ingest
