#include "store/raw_tables.hpp"

#include "store/column_docs.hpp"

namespace courtside::store {

using T = ColumnType;

// Every raw table ends with the provenance columns.
static void add_provenance(TableSpec& s) {
    s.columns.push_back({"source_file", T::Text, true, doc::kSourceFile});
    s.columns.push_back({"source_hash", T::Text, true, doc::kSourceHash});
    s.columns.push_back({"ingested_at", T::Timestamp, true, doc::kIngestedAt, doc::kUtc});
}

const TableSpec& raw_boxscore_player_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "boxscore_player",
                    {{"game_id", T::Text, true, doc::kGameId},
                     {"team_id", T::BigInt, true, doc::kTeamId},
                     {"team_abbreviation", T::Text, false, "team tricode as the box score gives it"},
                     {"team_city", T::Text, false, "team city as the box score gives it"},
                     {"player_id", T::BigInt, true, doc::kPlayerId},
                     {"player_name", T::Text, false, doc::kPlayerName},
                     {"start_position", T::Text, false, "F, C or G for the five starters; empty for the bench"},
                     {"comment", T::Text, false, "why a listed player did not play (DNP/DND/NWT - reason)"},
                     {"min_text", T::Text, false, "MIN as recorded: MM:SS, decimal or whole minutes"},
                     {"seconds_played", T::Integer, false, "MIN parsed exactly; NULL when the player did not play", doc::kSeconds},
                     {"fgm", T::Integer, false, doc::kFgm, doc::kCount}, {"fga", T::Integer, false, doc::kFga, doc::kCount},
                     {"fg3m", T::Integer, false, doc::kFg3m, doc::kCount}, {"fg3a", T::Integer, false, doc::kFg3a, doc::kCount},
                     {"ftm", T::Integer, false, doc::kFtm, doc::kCount}, {"fta", T::Integer, false, doc::kFta, doc::kCount},
                     {"oreb", T::Integer, false, doc::kOreb, doc::kCount}, {"dreb", T::Integer, false, doc::kDreb, doc::kCount},
                     {"reb", T::Integer, false, doc::kReb, doc::kCount}, {"ast", T::Integer, false, doc::kAst, doc::kCount},
                     {"stl", T::Integer, false, doc::kStl, doc::kCount}, {"blk", T::Integer, false, doc::kBlk, doc::kCount},
                     {"tov", T::Integer, false, doc::kTov, doc::kCount}, {"pf", T::Integer, false, doc::kPf, doc::kCount},
                     {"pts", T::Integer, false, doc::kPts, doc::kPoints},
                     {"plus_minus", T::Double, false, doc::kPlusMinus, doc::kPoints},
                     {"source_row", T::Integer, false, doc::kSourceRow}},
                    {"game_id", "player_id"},
                    "One row per listed player per game, as boxscoretraditionalv2 recorded it (CSV or stats.nba.com JSON)"};
        add_provenance(t);
        t.index_key = false;  // the writer's guarantee: one file per game, unique players per file, a game replaced whole
        return t;
    }();
    return s;
}

const TableSpec& raw_team_game_log_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "team_game_log",
                    {{"season_id", T::Text, true, "SEASON_ID TYYYY: T season type (1 pre, 2 regular, 4 playoffs, 5 play-in), YYYY start year"},
                     {"team_id", T::BigInt, true, doc::kTeamId},
                     {"team_abbreviation", T::Text, true, "team tricode as the log gives it"},
                     {"team_name", T::Text, false, "team full name as the log gives it"},
                     {"game_id", T::Text, true, doc::kGameId},
                     {"game_date", T::Date, true, doc::kGameDate},
                     {"matchup", T::Text, true, "'GSW @ BOS' for the away team, 'BOS vs. GSW' for the home team"},
                     {"wl", T::Text, false, "W or L"},
                     {"min", T::Integer, true, "team player-minutes: 240 in regulation, +25 per overtime", doc::kMinutes},
                     {"pts", T::Integer, false, doc::kPts, doc::kPoints},
                     {"fgm", T::Integer, false, doc::kFgm, doc::kCount}, {"fga", T::Integer, false, doc::kFga, doc::kCount},
                     {"fg3m", T::Integer, false, doc::kFg3m, doc::kCount}, {"fg3a", T::Integer, false, doc::kFg3a, doc::kCount},
                     {"ftm", T::Integer, false, doc::kFtm, doc::kCount}, {"fta", T::Integer, false, doc::kFta, doc::kCount},
                     {"oreb", T::Integer, false, doc::kOreb, doc::kCount}, {"dreb", T::Integer, false, doc::kDreb, doc::kCount},
                     {"reb", T::Integer, false, doc::kReb, doc::kCount}, {"ast", T::Integer, false, doc::kAst, doc::kCount},
                     {"stl", T::Integer, false, doc::kStl, doc::kCount}, {"blk", T::Integer, false, doc::kBlk, doc::kCount},
                     {"tov", T::Integer, false, doc::kTov, doc::kCount}, {"pf", T::Integer, false, doc::kPf, doc::kCount},
                     {"plus_minus", T::Double, false, "final margin for the team", doc::kPoints},
                     {"source_row", T::Integer, false, doc::kSourceRow}},
                    {"game_id", "team_id"},
                    "One row per team per game from leaguegamelog (PlayerOrTeam=T): the source of dates, home/away and team totals"};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_playbyplay_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "playbyplay",
                    {{"game_id", T::Text, true, doc::kGameId},
                     {"eventnum", T::BigInt, true, "event number within the game"},
                     {"eventmsgtype", T::Integer, true, "event type: 1 made FG, 2 missed FG, 3 free throw, 4 rebound, 5 turnover, 6 foul..."},
                     {"eventmsgactiontype", T::Integer, true, "event subtype (shot kind, foul kind...)"},
                     {"period", T::Integer, true, "quarter, 5+ for overtimes"},
                     {"wctimestring", T::Text, false, "wall-clock time of the event as recorded"},
                     {"pctimestring", T::Text, false, "game clock remaining in the period (MM:SS)"},
                     {"home_description", T::Text, false, "event text for the home team (distance 27', 3PT...)"},
                     {"neutral_description", T::Text, false, "event text not tied to a team"},
                     {"visitor_description", T::Text, false, "event text for the visiting team"},
                     {"score", T::Text, false, "score after the event, 'away - home'"},
                     {"scoremargin", T::Text, false, "home margin after the event, TIE when level"},
                     {"player1_id", T::BigInt, false, "first player of the event: the shooter on a shot"},
                     {"player1_team_id", T::BigInt, false, "TEAM_ID of player1"},
                     {"player2_id", T::BigInt, false, "second player: the assister on a made shot"},
                     {"player2_team_id", T::BigInt, false, "TEAM_ID of player2"},
                     {"player3_id", T::BigInt, false, "third player: the blocker on a blocked shot"},
                     {"player3_team_id", T::BigInt, false, "TEAM_ID of player3"}},
                    {"game_id", "eventnum"},
                    "One row per play-by-play event of a game (playbyplayv2), the source of shot zones and assists"};
        add_provenance(t);
        t.index_key = false;  // the writer's guarantee: one file per game, unique events per file, a game replaced whole
        return t;
    }();
    return s;
}

const TableSpec& raw_game_lines_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "game_lines",
                    {{"line_key", T::Text, true, "the source's key of the game's line"},
                     {"bet_type", T::Text, true, "moneyline, spread or total (one source file each)"},
                     {"game_date", T::Date, true, doc::kGameDate},
                     {"away_name", T::Text, true, "away team as the book names it (city: 'L.A. Lakers')"},
                     {"home_name", T::Text, true, "home team as the book names it"},
                     {"away_line", T::Double, false, "closing line for the away team: American odds, spread or total"},
                     {"home_line", T::Double, false, "closing line for the home team: American odds, spread (home favourite < 0) or total"},
                     {"away_team", T::Text, false, "away tricode; NULL for a non-NBA team"},
                     {"home_team", T::Text, false, "home tricode; NULL for a non-NBA team"},
                     {"skip_reason", T::Text, false, "why the line is not used (exhibition or All-Star game); NULL when used"},
                     {"source_row", T::Integer, false, doc::kSourceRow}},
                    {"line_key", "bet_type"},
                    "One row per game and bet type: the closing moneyline, spread and total lines"};
        add_provenance(t);
        return t;
    }();
    return s;
}

// Implied team total = (total - own spread) / 2: a 3.5-point home favourite in a 220 total
// is expected to score 111.75. A game's closing line comes from raw.game_lines; a game those
// files lack takes the Odds API's: each book's last full-game spread and total set before
// tip-off (a line updated after tip-off is an in-play line), median over books.
const char* raw_game_line_by_team_view_sql() {
    return R"(CREATE OR REPLACE VIEW raw.game_line_by_team AS
WITH closing AS (
  SELECT game_date, home_team, away_team,
         max(home_line) FILTER (WHERE bet_type = 'total') AS total,
         max(home_line) FILTER (WHERE bet_type = 'spread') AS home_spread
  FROM raw.game_lines WHERE skip_reason IS NULL
  GROUP BY game_date, home_team, away_team),
book_last AS (
  SELECT game_date, home_team, away_team, market, outcome, outcome_team, point,
         row_number() OVER (PARTITION BY event_id, bookmaker, market, outcome
                            ORDER BY coalesce(last_update, snapshot_at) DESC, snapshot_id DESC) AS rn
  FROM raw.odds_game_lines
  WHERE skip_reason IS NULL AND market IN ('spreads', 'totals') AND point IS NOT NULL
    AND coalesce(last_update, snapshot_at) < tipoff_at),
odds AS (
  SELECT game_date, home_team, away_team,
         median(point) FILTER (WHERE market = 'totals' AND outcome = 'Over') AS total,
         median(point) FILTER (WHERE market = 'spreads' AND outcome_team = home_team) AS home_spread
  FROM book_last WHERE rn = 1
  GROUP BY game_date, home_team, away_team),
g AS (
  SELECT * FROM closing
  UNION ALL
  SELECT * FROM odds o WHERE NOT EXISTS (
    SELECT 1 FROM closing c WHERE c.game_date = o.game_date AND c.home_team = o.home_team AND c.away_team = o.away_team))
SELECT game_date, home_team AS team, (total - home_spread) / 2 AS implied_total, home_spread AS spread FROM g
UNION ALL
SELECT game_date, away_team AS team, (total + home_spread) / 2 AS implied_total, -home_spread AS spread FROM g)";
}

const TableSpec& raw_prop_lines_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "prop_lines",
                    {{"source_kind", T::Text, true, "odds_api_props_snapshot (daily 17:00 UTC snapshots) or odds_api_props_daily (per-date files)"},
                     {"snapshot_id", T::Text, true, "the snapshot or date the file holds, from its name"},
                     {"source_row", T::Integer, true, doc::kSourceRow},
                     {"event_id", T::Text, false, "Odds API event id"},
                     {"player", T::Text, true, "player display name as the book gives it"},
                     {"market", T::Text, true, "Odds API market (player_points, player_threes...)"},
                     {"line", T::Double, false, "the over/under line", "stat units of the market"},
                     {"bookmaker", T::Text, true, "sportsbook key"},
                     {"over_odds", T::Integer, false, "price of the over", doc::kAmericanOdds},
                     {"under_odds", T::Integer, false, "price of the under", doc::kAmericanOdds},
                     {"game", T::Text, true, "'Away Full Name @ Home Full Name'"},
                     {"game_time", T::Text, true, "tip-off time as recorded (ISO 8601, UTC)"},
                     {"tipoff_at", T::Timestamp, true, "tip-off instant", doc::kUtc},
                     {"snapshot_at", T::Timestamp, true, "when the line was observed (see snapshot_basis)", doc::kUtc},
                     {"snapshot_basis", T::Text, true, "where snapshot_at comes from: file_name_time, market_last_update, bookmaker_last_update or file_date"},
                     {"bookmaker_last_update", T::Timestamp, false, "the book's last update time", doc::kUtc},
                     {"market_last_update", T::Timestamp, false, "the market's last update time", doc::kUtc},
                     {"game_date", T::Date, true, "US/Eastern date of the tip-off"},
                     {"away_team", T::Text, false, "away tricode; NULL when not an NBA team"},
                     {"home_team", T::Text, false, "home tricode; NULL when not an NBA team"},
                     {"skip_reason", T::Text, false, "why the row is not used (not an NBA game); NULL when used"}},
                    {"source_kind", "snapshot_id", "source_row"},
                    "One row per (player, market, line, bookmaker) of an Odds API player-props file, as recorded"};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_player_game_log_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "player_game_log",
                    {{"player_id", T::BigInt, true, doc::kPlayerId},
                     {"game_date", T::Date, true, doc::kGameDate},
                     {"player_name", T::Text, false, doc::kPlayerName},
                     {"player_normalized", T::Text, false, "name after the shared normalizer (case, accents, punctuation, suffixes)"},
                     {"team_id", T::BigInt, true, doc::kTeamId},
                     {"team_abbreviation", T::Text, true, doc::kTeam},
                     {"opponent", T::Text, false, doc::kOpponent},
                     {"home_away", T::Text, false, "home or away"},
                     {"matchup", T::Text, true, "'GSW @ BOS' away, 'BOS vs. GSW' home"},
                     {"wl", T::Text, false, "W or L"},
                     {"minutes_text", T::Text, false, "minutes as recorded (decimal)"},
                     {"seconds_played", T::Integer, true, "minutes parsed exactly", doc::kSeconds},
                     {"fgm", T::Integer, false, doc::kFgm, doc::kCount}, {"fga", T::Integer, false, doc::kFga, doc::kCount},
                     {"fg3m", T::Integer, false, doc::kFg3m, doc::kCount}, {"fg3a", T::Integer, false, doc::kFg3a, doc::kCount},
                     {"ftm", T::Integer, false, doc::kFtm, doc::kCount}, {"fta", T::Integer, false, doc::kFta, doc::kCount},
                     {"oreb", T::Integer, false, doc::kOreb, doc::kCount}, {"dreb", T::Integer, false, doc::kDreb, doc::kCount},
                     {"reb", T::Integer, false, doc::kReb, doc::kCount}, {"ast", T::Integer, false, doc::kAst, doc::kCount},
                     {"stl", T::Integer, false, doc::kStl, doc::kCount}, {"blk", T::Integer, false, doc::kBlk, doc::kCount},
                     {"tov", T::Integer, false, doc::kTov, doc::kCount}, {"pf", T::Integer, false, doc::kPf, doc::kCount},
                     {"pts", T::Integer, false, doc::kPts, doc::kPoints},
                     {"plus_minus", T::Double, false, doc::kPlusMinus, doc::kPoints},
                     {"source_row", T::Integer, false, doc::kSourceRow}},
                    {"player_id", "game_date"},
                    "One row per player-game from the player game logs of props players: a partial roster, no team totals"};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_player_directory_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "player_directory",
                    {{"person_id", T::BigInt, true, doc::kPlayerId},
                     {"display_first_last", T::Text, true, "display name, first name first"},
                     {"from_year", T::Integer, false, "first season played (start year)"},
                     {"to_year", T::Integer, false, "last season played (start year)"},
                     {"roster_status", T::Text, false, "1 on a current roster, 0 not"},
                     {"team_id", T::BigInt, false, "current TEAM_ID; 0 when none"},
                     {"games_played_flag", T::Text, false, "Y when the player has played a game"},
                     {"source_row", T::Integer, false, doc::kSourceRow}},
                    {"person_id"},
                    "One row per player of the NBA player directory (commonallplayers): names to PLAYER_IDs"};
        add_provenance(t);
        return t;
    }();
    return s;
}

// A team plays at most once a date, so (date, team) finds the game.
const char* raw_player_game_log_games_view_sql() {
    return R"(CREATE OR REPLACE VIEW raw.player_game_log_games AS
SELECT p.*, t.game_id
FROM raw.player_game_log p
LEFT JOIN raw.team_game_log t ON t.game_date = p.game_date AND t.team_id = p.team_id)";
}

const TableSpec& raw_schedule_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "schedule",
                    {{"game_id", T::Text, true, doc::kGameId},
                     {"source", T::Text, true, "the payload it came from: scoreboardv2, scoreboardv3, cdn_schedule or cdn_boxscore"},
                     {"game_date", T::Date, true, "US/Eastern date of the game"},
                     {"tipoff_at", T::Timestamp, false, "scheduled tip-off", doc::kUtc},
                     {"home_team", T::Text, true, "home team tricode"},
                     {"away_team", T::Text, true, "away team tricode"},
                     {"home_team_id", T::BigInt, true, "home NBA.com TEAM_ID"},
                     {"away_team_id", T::BigInt, true, "away NBA.com TEAM_ID"},
                     {"game_status", T::Text, true, "scheduled, in_progress, final or postponed"},
                     {"game_status_id", T::Integer, true, "the source's status code: 1 scheduled, 2 in progress, 3 final"},
                     {"game_status_text", T::Text, false, "status as printed (\"Final/OT\", \"7:30 pm ET\")"},
                     {"season", T::Integer, true, doc::kSeason},
                     {"season_type", T::Text, true, doc::kSeasonType},
                     {"home_score", T::Integer, false, "home points when captured", doc::kPoints},
                     {"away_score", T::Integer, false, "away points when captured", doc::kPoints},
                     {"game_code", T::Text, false, "the NBA's game code (20251105/BOSWAS)"},
                     {"skip_reason", T::Text, false, "why the row feeds nothing downstream (NULL when it does)"},
                     {"captured_at", T::Timestamp, false, "when the payload was captured (its own timestamp, else the fetch time)", doc::kUtc},
                     {"source_row", T::Integer, false, doc::kSourceRow}},
                     {"game_id", "source"},
                    "One row per game per schedule source: scoreboards and the CDN season schedule, with the status when captured (raw.schedule_latest keeps each game's most advanced)"};
        add_provenance(t);
        return t;
    }();
    return s;
}

const char* raw_schedule_latest_view_sql() {
    return R"(CREATE OR REPLACE VIEW raw.schedule_latest AS
SELECT * EXCLUDE (rn) FROM (
  SELECT *, row_number() OVER (PARTITION BY game_id ORDER BY
      CASE game_status WHEN 'final' THEN 3 WHEN 'in_progress' THEN 2 WHEN 'postponed' THEN 1 ELSE 0 END DESC,
      captured_at DESC NULLS LAST, ingested_at DESC, source) AS rn
  FROM raw.schedule)
WHERE rn = 1)";
}

const TableSpec& raw_playbyplay_v3_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "playbyplay_v3",
                    {{"game_id", T::Text, true, doc::kGameId},
                     {"action_key", T::BigInt, true, "the action's unique key within the game (actionNumber, or orderNumber where numbers repeat)"},
                     {"source", T::Text, true, "playbyplayv3 or cdn_playbyplay"},
                     {"action_number", T::BigInt, true, "actionNumber as the source gives it"},
                     {"period", T::Integer, true, "period (1-4, 5+ overtime)"},
                     {"clock", T::Text, false, "game clock as an ISO 8601 duration (PT11M42.00S)"},
                     {"team_id", T::BigInt, false, doc::kTeamId},
                     {"team_tricode", T::Text, false, "team tricode of the action"},
                     {"person_id", T::BigInt, false, doc::kPlayerId},
                     {"player_name", T::Text, false, doc::kPlayerName},
                     {"action_type", T::Text, false, "action type (2pt, 3pt, freethrow, rebound, ...)"},
                     {"sub_type", T::Text, false, "action sub-type (jump shot, layup, ...)"},
                     {"description", T::Text, false, "the action as described by the source"},
                     {"location", T::Text, false, "h (home) or v (visitor)"},
                     {"is_field_goal", T::Boolean, true, "true for a field-goal attempt"},
                     {"shot_value", T::Integer, false, "2 or 3 for a field goal", doc::kPoints},
                     {"shot_result", T::Text, false, "Made or Missed"},
                     {"shot_distance", T::Double, false, "shot distance", "feet"},
                     {"x_legacy", T::Integer, false, "shot x in the legacy court coordinates (tenths of feet)"},
                     {"y_legacy", T::Integer, false, "shot y in the legacy court coordinates (tenths of feet)"},
                     {"assist_person_id", T::BigInt, false, "PLAYER_ID of the assisting player"},
                     {"block_person_id", T::BigInt, false, "PLAYER_ID of the blocking player"},
                     {"steal_person_id", T::BigInt, false, "PLAYER_ID of the player with the steal"},
                     {"score_home", T::Text, false, "home score after the action, as text"},
                     {"score_away", T::Text, false, "away score after the action, as text"},
                     {"source_row", T::Integer, false, doc::kSourceRow}},
                     {"game_id", "action_key"},
                    "One row per play-by-play action of playbyplayv3 or the NBA CDN live play-by-play; Phase 3 classifies its shots for games without v2"};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_odds_events_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "odds_events",
                    {{"snapshot_id", T::Text, true, "the capture: the historical envelope's timestamp, else the file"},
                     {"event_id", T::Text, true, "The Odds API event id"},
                     {"snapshot_at", T::Timestamp, false, "snapshot time of the capture", doc::kUtc},
                     {"sport_key", T::Text, true, "basketball_nba"},
                     {"commence_time", T::Text, true, "commence_time as the API gives it"},
                     {"tipoff_at", T::Timestamp, true, "tip-off", doc::kUtc},
                     {"game_date", T::Date, true, "US/Eastern date of the game"},
                     {"home_name", T::Text, true, "home team name as the API gives it"},
                     {"away_name", T::Text, true, "away team name as the API gives it"},
                     {"home_team", T::Text, false, "home tricode, from the one team table"},
                     {"away_team", T::Text, false, "away tricode, from the one team table"},
                     {"skip_reason", T::Text, false, "why the row feeds nothing downstream (NULL when it does)"},
                     {"source_row", T::Integer, false, doc::kSourceRow}},
                     {"snapshot_id", "event_id"},
                    "One row per event per Odds API capture (the events endpoint, bare or in the historical envelope)"};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_odds_game_lines_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "odds_game_lines",
                    {{"snapshot_id", T::Text, true, "the capture: the historical envelope's timestamp, else the file"},
                     {"event_id", T::Text, true, "The Odds API event id"},
                     {"bookmaker", T::Text, true, "bookmaker key, through the one vocabulary (draftkings, fanduel, ...)"},
                     {"market", T::Text, true, "h2h, spreads or totals"},
                     {"outcome", T::Text, true, "the outcome's name (a team name, Over or Under)"},
                     {"snapshot_at", T::Timestamp, false, "snapshot time of the capture", doc::kUtc},
                     {"commence_time", T::Text, true, "commence_time as the API gives it"},
                     {"tipoff_at", T::Timestamp, true, "tip-off", doc::kUtc},
                     {"game_date", T::Date, true, "US/Eastern date of the game"},
                     {"home_name", T::Text, true, "home team name as the API gives it"},
                     {"away_name", T::Text, true, "away team name as the API gives it"},
                     {"home_team", T::Text, false, "home tricode"},
                     {"away_team", T::Text, false, "away tricode"},
                     {"outcome_team", T::Text, false, "tricode of the outcome's team (NULL for Over/Under)"},
                     {"point", T::Double, false, "the spread or total", doc::kPoints},
                     {"price", T::Integer, true, "the price", doc::kAmericanOdds},
                     {"price_decimal", T::Double, false, "the price as decimal odds"},
                     {"last_update", T::Timestamp, false, "the book's last update of the market", doc::kUtc},
                     {"skip_reason", T::Text, false, "why the row feeds nothing downstream (NULL when it does)"},
                     {"source_row", T::Integer, false, doc::kSourceRow}},
                     {"snapshot_id", "event_id", "bookmaker", "market", "outcome"},
                    "One row per game-line outcome per book per Odds API capture (h2h, spreads, totals); the last ones before tip-off feed the Vegas features where the closing-line files have none"};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_injury_report_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "injury_report",
                    {{"report_at", T::Timestamp, true, "the report's time (its title, US/Eastern)", doc::kUtc},
                     {"source_row", T::Integer, true, "row number in the report's table"},
                     {"game_date", T::Date, true, "US/Eastern date of the game"},
                     {"game_time", T::Text, false, "tip-off as printed (07:30 (ET))"},
                     {"matchup", T::Text, true, "the matchup as printed (MIL@SAS)"},
                     {"away_team", T::Text, true, "away tricode of the matchup"},
                     {"home_team", T::Text, true, "home tricode of the matchup"},
                     {"team", T::Text, true, "tricode of the row's team"},
                     {"team_name", T::Text, true, "team name as printed"},
                     {"player_name", T::Text, false, "player as printed (Last, First); NULL for a team row"},
                     {"player_display", T::Text, false, "the player as First Last"},
                     {"player_normalized", T::Text, false, "the name through the one name normaliser"},
                     {"status", T::Text, true, "out, doubtful, questionable, probable, available or not_yet_submitted"},
                     {"status_text", T::Text, true, "status as printed"},
                     {"reason", T::Text, false, "the reason as printed (Injury/Illness - Left Ankle; Sprain)"},
                     {"page", T::Integer, true, "page of the PDF"}},
                     {"report_at", "source_row"},
                    "One row per player (or team not yet submitted) per NBA injury report, read from the PDF with poppler"};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& ops_ingested_files_spec() {
    static const TableSpec s{"ops", "ingested_files",
                             {{"source_hash", T::Text, true, doc::kSourceHash},
                              {"source_file", T::Text, true, doc::kSourceFile},
                              {"source_kind", T::Text, true, "source detected from the content (boxscoretraditionalv2, playbyplayv2...)"},
                              {"rows", T::BigInt, true, "rows loaded from the file", doc::kCount},
                              {"games", T::BigInt, true, "games (or snapshots) the file holds rows of", doc::kCount},
                              {"note", T::Text, false, "what loading set aside: rows with a skip reason, or rows superseded by a later file"},
                              {"ingested_at", T::Timestamp, true, doc::kIngestedAt, doc::kUtc}},
                             {"source_hash"},
                             "One row per ingested file content: re-ingesting the same content is a no-op"};
    return s;
}

const TableSpec& ops_quarantine_spec() {
    static const TableSpec s{"ops", "quarantine",
                             {{"source_file", T::Text, true, doc::kSourceFile},
                              {"source_hash", T::Text, true, doc::kSourceHash},
                              {"source_kind", T::Text, false, "source detected, when one was"},
                              {"row_number", T::BigInt, false, "row that failed (1 = header); NULL for a whole-file error"},
                              {"reason", T::Text, true, "why the file was not loaded"},
                              {"quarantined_at", T::Timestamp, true, "when it was quarantined", doc::kUtc}},
                             {"source_file", "source_hash"},
                             "One row per file version that could not be loaded, with the row and the reason"};
    return s;
}

const TableSpec& ops_dropped_rows_spec() {
    static const TableSpec s{"ops", "dropped_rows",
                             {{"source_hash", T::Text, true, doc::kSourceHash},
                              {"row_number", T::BigInt, true, "row number in the file"},
                              {"source_file", T::Text, true, doc::kSourceFile},
                              {"reason", T::Text, true, "why the row was dropped (exact duplicate, placeholder row)"}},
                             {"source_hash", "row_number"},
                             "One row per source row deliberately not loaded, with the reason: nothing is dropped silently"};
    return s;
}

const TableSpec& ops_partition_ledger_spec() {
    static const TableSpec s = [] {
        TableSpec t{"ops", "partition_ledger",
                    {{"processor", T::Text, true, "processor name (player_game_summary, ml_feature_store_v2...)"},
                     {"partition_date", T::Date, true, "the partition's date"},
                     {"phase", T::Integer, true, "3 analytics, 4 precompute and features"},
                     {"status", T::Text, true, "complete, complete_empty, skipped_bootstrap or failed"},
                     {"rows", T::BigInt, true, "rows the partition wrote", doc::kCount},
                     {"reason", T::Text, false, "why a partition is empty or skipped"},
                     {"input_fingerprint", T::Text, false, "hash over every upstream fingerprint: a change makes it stale"},
                     {"upstream_fingerprints", T::Text, false, "JSON {upstream table: fingerprint} as read, and setting.<name>: what a run setting made of the partition (bootstrap_days)"},
                     {"output_fingerprint", T::Text, false, "hash of the rows written"},
                     {"code_version", T::Text, true, doc::kCodeVersion},
                     {"started_at", T::Timestamp, true, "when the run of the partition started", doc::kUtc},
                     {"duration_ms", T::Double, true, "time the partition took", doc::kMilliseconds},
                     {"error", T::Text, false, "the error of a failed partition"},
                     {"run_id", T::Text, true, "the run that wrote it"}},
                    {"processor", "partition_date"},
                    "The checkpoint: the latest run of every (processor, date) partition, written with its rows"};
        // Ledger::record keeps the key: it deletes a batch's keys before inserting them, in the
        // batch's transaction. DuckDB's index made every batch's upsert cost 40-160 ms as the ledger grew.
        t.index_key = false;
        return t;
    }();
    return s;
}

const TableSpec& ops_partition_runs_spec() {
    static const TableSpec s = [] {
        TableSpec t = ops_partition_ledger_spec();
        t.name = "partition_runs";
        t.primary_key = {"run_id", "processor", "partition_date"};  // unique by construction: a run writes a partition once
        t.description = "Every run of every partition, kept: the ledger's history";
        return t;
    }();
    return s;
}

const TableSpec& ops_ledger_stage_spec() {
    static const TableSpec s = [] {
        TableSpec t = ops_partition_ledger_spec();
        t.name = "ledger_stage";
        t.index_key = true;  // a batch's rows: a repeated key fails the batch before it reaches the ledger
        t.description = "Staging of a batch's ledger rows inside its transaction; empty between transactions";
        return t;
    }();
    return s;
}

const TableSpec& ops_stage_dates_spec() {
    static const TableSpec s{"ops", "stage_dates", {{"d", T::Date, true, "a partition date being replaced"}}, {"d"},
                             "Staging of the partition dates a batch replaces; empty between transactions"};
    return s;
}

const TableSpec& ops_schema_version_spec() {
    static const TableSpec s{"ops", "schema_version",
                             {{"version", T::Integer, true, "store schema version applied"},
                              {"applied_at", T::Timestamp, true, "when it was applied", doc::kUtc}},
                             {"version"},
                             "One row per store schema migration applied"};
    return s;
}

const TableSpec& ops_schema_objects_spec() {
    static const TableSpec s{"ops", "schema_objects",
                             {{"fingerprint", T::Text, true, "hash of every CREATE statement of the schema"},
                              {"applied_at", T::Timestamp, true, "when they were last run", doc::kUtc}},
                             {"fingerprint"},
                             "The schema's CREATE statements as last run on this store (one row): a command "
                             "whose statements hash the same opens the store without writing to it"};
    return s;
}

Result raw_table_counts(Connection& con) {
    return con.query(
        "SELECT 'raw.boxscore_player' AS \"table\", count(*) AS rows, count(DISTINCT game_id) AS games FROM raw.boxscore_player UNION ALL "
        "SELECT 'raw.team_game_log', count(*), count(DISTINCT game_id) FROM raw.team_game_log UNION ALL "
        "SELECT 'raw.playbyplay', count(*), count(DISTINCT game_id) FROM raw.playbyplay UNION ALL "
        "SELECT 'raw.playbyplay_v3', count(*), count(DISTINCT game_id) FROM raw.playbyplay_v3 UNION ALL "
        // A player's log row names his team and the opponent but no game id: a game is its date and
        // its two teams, whichever side the row is from.
        "SELECT 'raw.player_game_log', count(*), count(DISTINCT (game_date, least(team_abbreviation, opponent), "
        "greatest(team_abbreviation, opponent))) FROM raw.player_game_log UNION ALL "
        "SELECT 'raw.schedule', count(*), count(DISTINCT game_id) FROM raw.schedule UNION ALL "
        "SELECT 'raw.game_lines', count(*), count(DISTINCT line_key) FROM raw.game_lines UNION ALL "
        "SELECT 'raw.odds_events', count(*), count(DISTINCT event_id) FROM raw.odds_events UNION ALL "
        "SELECT 'raw.odds_game_lines', count(*), count(DISTINCT event_id) FROM raw.odds_game_lines UNION ALL "
        "SELECT 'raw.prop_lines', count(*), count(DISTINCT (game_date, game)) FROM raw.prop_lines UNION ALL "
        "SELECT 'raw.injury_report', count(*), count(DISTINCT (game_date, matchup)) FROM raw.injury_report UNION ALL "
        // Not a table of games: its players (the directory that places a book's spelling).
        "SELECT 'raw.player_directory', count(*), NULL FROM raw.player_directory");
}

}  // namespace courtside::store
