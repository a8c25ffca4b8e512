#include "store/raw_tables.hpp"

namespace courtside::store {

using T = ColumnType;

// Every raw table ends with the provenance columns.
static void add_provenance(TableSpec& s) {
    s.columns.push_back({"source_file", T::Text, true});
    s.columns.push_back({"source_hash", T::Text, true});
    s.columns.push_back({"ingested_at", T::Timestamp, true});
}

const TableSpec& raw_boxscore_player_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "boxscore_player",
                    {{"game_id", T::Text, true}, {"team_id", T::BigInt, true}, {"team_abbreviation", T::Text},
                     {"team_city", T::Text}, {"player_id", T::BigInt, true}, {"player_name", T::Text},
                     {"start_position", T::Text}, {"comment", T::Text}, {"min_text", T::Text},
                     {"seconds_played", T::Integer}, {"fgm", T::Integer}, {"fga", T::Integer}, {"fg3m", T::Integer},
                     {"fg3a", T::Integer}, {"ftm", T::Integer}, {"fta", T::Integer}, {"oreb", T::Integer},
                     {"dreb", T::Integer}, {"reb", T::Integer}, {"ast", T::Integer}, {"stl", T::Integer},
                     {"blk", T::Integer}, {"tov", T::Integer}, {"pf", T::Integer}, {"pts", T::Integer},
                     {"plus_minus", T::Double}, {"source_row", T::Integer}},
                    {"game_id", "player_id"}};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_team_game_log_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "team_game_log",
                    {{"season_id", T::Text, true}, {"team_id", T::BigInt, true}, {"team_abbreviation", T::Text, true},
                     {"team_name", T::Text}, {"game_id", T::Text, true}, {"game_date", T::Date, true},
                     {"matchup", T::Text, true}, {"wl", T::Text}, {"min", T::Integer, true}, {"pts", T::Integer},
                     {"fgm", T::Integer}, {"fga", T::Integer}, {"fg3m", T::Integer}, {"fg3a", T::Integer},
                     {"ftm", T::Integer}, {"fta", T::Integer}, {"oreb", T::Integer}, {"dreb", T::Integer},
                     {"reb", T::Integer}, {"ast", T::Integer}, {"stl", T::Integer}, {"blk", T::Integer},
                     {"tov", T::Integer}, {"pf", T::Integer}, {"plus_minus", T::Double}, {"source_row", T::Integer}},
                    {"game_id", "team_id"}};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_playbyplay_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "playbyplay",
                    {{"game_id", T::Text, true}, {"eventnum", T::BigInt, true}, {"eventmsgtype", T::Integer, true},
                     {"eventmsgactiontype", T::Integer, true}, {"period", T::Integer, true},
                     {"wctimestring", T::Text}, {"pctimestring", T::Text}, {"home_description", T::Text},
                     {"neutral_description", T::Text}, {"visitor_description", T::Text}, {"score", T::Text},
                     {"scoremargin", T::Text}, {"player1_id", T::BigInt}, {"player1_team_id", T::BigInt},
                     {"player2_id", T::BigInt}, {"player2_team_id", T::BigInt}, {"player3_id", T::BigInt},
                     {"player3_team_id", T::BigInt}},
                    {"game_id", "eventnum"}};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_game_lines_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "game_lines",
                    {{"line_key", T::Text, true}, {"bet_type", T::Text, true}, {"game_date", T::Date, true},
                     {"away_name", T::Text, true}, {"home_name", T::Text, true}, {"away_line", T::Double},
                     {"home_line", T::Double}, {"away_team", T::Text}, {"home_team", T::Text}, {"skip_reason", T::Text},
                     {"source_row", T::Integer}},
                    {"line_key", "bet_type"}};
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
                    {{"source_kind", T::Text, true}, {"snapshot_id", T::Text, true}, {"source_row", T::Integer, true},
                     {"event_id", T::Text}, {"player", T::Text, true}, {"market", T::Text, true}, {"line", T::Double},
                     {"bookmaker", T::Text, true}, {"over_odds", T::Integer}, {"under_odds", T::Integer},
                     {"game", T::Text, true}, {"game_time", T::Text, true}, {"tipoff_at", T::Timestamp, true},
                     {"snapshot_at", T::Timestamp, true}, {"snapshot_basis", T::Text, true},
                     {"bookmaker_last_update", T::Timestamp}, {"market_last_update", T::Timestamp},
                     {"game_date", T::Date, true}, {"away_team", T::Text}, {"home_team", T::Text},
                     {"skip_reason", T::Text}},
                    {"source_kind", "snapshot_id", "source_row"}};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_player_game_log_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "player_game_log",
                    {{"player_id", T::BigInt, true}, {"game_date", T::Date, true}, {"player_name", T::Text},
                     {"player_normalized", T::Text}, {"team_id", T::BigInt, true}, {"team_abbreviation", T::Text, true},
                     {"opponent", T::Text}, {"home_away", T::Text}, {"matchup", T::Text, true}, {"wl", T::Text},
                     {"minutes_text", T::Text}, {"seconds_played", T::Integer, true}, {"fgm", T::Integer},
                     {"fga", T::Integer}, {"fg3m", T::Integer}, {"fg3a", T::Integer}, {"ftm", T::Integer},
                     {"fta", T::Integer}, {"oreb", T::Integer}, {"dreb", T::Integer}, {"reb", T::Integer},
                     {"ast", T::Integer}, {"stl", T::Integer}, {"blk", T::Integer}, {"tov", T::Integer},
                     {"pf", T::Integer}, {"pts", T::Integer}, {"plus_minus", T::Double}, {"source_row", T::Integer}},
                    {"player_id", "game_date"}};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_player_directory_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "player_directory",
                    {{"person_id", T::BigInt, true}, {"display_first_last", T::Text, true}, {"from_year", T::Integer},
                     {"to_year", T::Integer}, {"roster_status", T::Text}, {"team_id", T::BigInt},
                     {"games_played_flag", T::Text}, {"source_row", T::Integer}},
                    {"person_id"}};
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
                    {{"game_id", T::Text, true}, {"source", T::Text, true}, {"game_date", T::Date, true},
                     {"tipoff_at", T::Timestamp}, {"home_team", T::Text, true}, {"away_team", T::Text, true},
                     {"home_team_id", T::BigInt, true}, {"away_team_id", T::BigInt, true},
                     {"game_status", T::Text, true}, {"game_status_id", T::Integer, true},
                     {"game_status_text", T::Text}, {"season", T::Integer, true}, {"season_type", T::Text, true},
                     {"home_score", T::Integer}, {"away_score", T::Integer}, {"game_code", T::Text},
                     {"skip_reason", T::Text}, {"captured_at", T::Timestamp}, {"source_row", T::Integer}},
                    {"game_id", "source"}};
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
                    {{"game_id", T::Text, true}, {"action_key", T::BigInt, true}, {"source", T::Text, true},
                     {"action_number", T::BigInt, true}, {"period", T::Integer, true}, {"clock", T::Text},
                     {"team_id", T::BigInt}, {"team_tricode", T::Text}, {"person_id", T::BigInt},
                     {"player_name", T::Text}, {"action_type", T::Text}, {"sub_type", T::Text},
                     {"description", T::Text}, {"location", T::Text}, {"is_field_goal", T::Boolean, true},
                     {"shot_value", T::Integer}, {"shot_result", T::Text}, {"shot_distance", T::Double},
                     {"x_legacy", T::Integer}, {"y_legacy", T::Integer}, {"assist_person_id", T::BigInt},
                     {"block_person_id", T::BigInt}, {"steal_person_id", T::BigInt}, {"score_home", T::Text},
                     {"score_away", T::Text}, {"source_row", T::Integer}},
                    {"game_id", "action_key"}};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_odds_events_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "odds_events",
                    {{"snapshot_id", T::Text, true}, {"event_id", T::Text, true}, {"snapshot_at", T::Timestamp},
                     {"sport_key", T::Text, true}, {"commence_time", T::Text, true}, {"tipoff_at", T::Timestamp, true},
                     {"game_date", T::Date, true}, {"home_name", T::Text, true}, {"away_name", T::Text, true},
                     {"home_team", T::Text}, {"away_team", T::Text}, {"skip_reason", T::Text},
                     {"source_row", T::Integer}},
                    {"snapshot_id", "event_id"}};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_odds_game_lines_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "odds_game_lines",
                    {{"snapshot_id", T::Text, true}, {"event_id", T::Text, true}, {"bookmaker", T::Text, true},
                     {"market", T::Text, true}, {"outcome", T::Text, true}, {"snapshot_at", T::Timestamp},
                     {"commence_time", T::Text, true}, {"tipoff_at", T::Timestamp, true}, {"game_date", T::Date, true},
                     {"home_name", T::Text, true}, {"away_name", T::Text, true}, {"home_team", T::Text},
                     {"away_team", T::Text}, {"outcome_team", T::Text}, {"point", T::Double},
                     {"price", T::Integer, true}, {"price_decimal", T::Double}, {"last_update", T::Timestamp},
                     {"skip_reason", T::Text}, {"source_row", T::Integer}},
                    {"snapshot_id", "event_id", "bookmaker", "market", "outcome"}};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& raw_injury_report_spec() {
    static const TableSpec s = [] {
        TableSpec t{"raw", "injury_report",
                    {{"report_at", T::Timestamp, true}, {"source_row", T::Integer, true}, {"game_date", T::Date, true},
                     {"game_time", T::Text}, {"matchup", T::Text, true}, {"away_team", T::Text, true},
                     {"home_team", T::Text, true}, {"team", T::Text, true}, {"team_name", T::Text, true},
                     {"player_name", T::Text}, {"player_display", T::Text}, {"player_normalized", T::Text},
                     {"status", T::Text, true}, {"status_text", T::Text, true}, {"reason", T::Text},
                     {"page", T::Integer, true}},
                    {"report_at", "source_row"}};
        add_provenance(t);
        return t;
    }();
    return s;
}

const TableSpec& ops_ingested_files_spec() {
    static const TableSpec s{"ops", "ingested_files",
                             {{"source_hash", T::Text, true}, {"source_file", T::Text, true}, {"source_kind", T::Text, true},
                              {"rows", T::BigInt, true}, {"games", T::BigInt, true}, {"note", T::Text},
                              {"ingested_at", T::Timestamp, true}},
                             {"source_hash"}};
    return s;
}

const TableSpec& ops_quarantine_spec() {
    static const TableSpec s{"ops", "quarantine",
                             {{"source_file", T::Text, true}, {"source_hash", T::Text, true}, {"source_kind", T::Text},
                              {"row_number", T::BigInt}, {"reason", T::Text, true}, {"quarantined_at", T::Timestamp, true}},
                             {"source_file", "source_hash"}};
    return s;
}

const TableSpec& ops_dropped_rows_spec() {
    static const TableSpec s{"ops", "dropped_rows",
                             {{"source_hash", T::Text, true}, {"row_number", T::BigInt, true}, {"source_file", T::Text, true},
                              {"reason", T::Text, true}},
                             {"source_hash", "row_number"}};
    return s;
}

const TableSpec& ops_partition_ledger_spec() {
    static const TableSpec s{"ops", "partition_ledger",
                             {{"processor", T::Text, true}, {"partition_date", T::Date, true}, {"phase", T::Integer, true},
                              {"status", T::Text, true}, {"rows", T::BigInt, true}, {"reason", T::Text},
                              {"input_fingerprint", T::Text}, {"upstream_fingerprints", T::Text},
                              {"output_fingerprint", T::Text}, {"code_version", T::Text, true},
                              {"started_at", T::Timestamp, true}, {"duration_ms", T::Double, true}, {"error", T::Text},
                              {"run_id", T::Text, true}},
                             {"processor", "partition_date"}};
    return s;
}

const TableSpec& ops_partition_runs_spec() {
    static const TableSpec s = [] {
        TableSpec t = ops_partition_ledger_spec();
        t.name = "partition_runs";
        t.primary_key = {"run_id", "processor", "partition_date"};
        return t;
    }();
    return s;
}

const TableSpec& ops_ledger_stage_spec() {
    static const TableSpec s = [] {
        TableSpec t = ops_partition_ledger_spec();
        t.name = "ledger_stage";
        return t;
    }();
    return s;
}

const TableSpec& ops_stage_dates_spec() {
    static const TableSpec s{"ops", "stage_dates", {{"d", T::Date, true}}, {"d"}};
    return s;
}

Result raw_table_counts(Connection& con) {
    return con.query(
        "SELECT 'raw.boxscore_player' AS \"table\", count(*) AS rows, count(DISTINCT game_id) AS games FROM raw.boxscore_player UNION ALL "
        "SELECT 'raw.team_game_log', count(*), count(DISTINCT game_id) FROM raw.team_game_log UNION ALL "
        "SELECT 'raw.playbyplay', count(*), count(DISTINCT game_id) FROM raw.playbyplay UNION ALL "
        "SELECT 'raw.playbyplay_v3', count(*), count(DISTINCT game_id) FROM raw.playbyplay_v3 UNION ALL "
        "SELECT 'raw.player_game_log', count(*), count(DISTINCT (player_id, game_date)) FROM raw.player_game_log UNION ALL "
        "SELECT 'raw.schedule', count(*), count(DISTINCT game_id) FROM raw.schedule UNION ALL "
        "SELECT 'raw.game_lines', count(*), count(DISTINCT line_key) FROM raw.game_lines UNION ALL "
        "SELECT 'raw.odds_game_lines', count(*), count(DISTINCT event_id) FROM raw.odds_game_lines UNION ALL "
        "SELECT 'raw.prop_lines', count(*), count(DISTINCT (game_date, game)) FROM raw.prop_lines UNION ALL "
        "SELECT 'raw.injury_report', count(*), count(DISTINCT (game_date, matchup)) FROM raw.injury_report");
}

}  // namespace courtside::store
