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
// is expected to score 111.75.
const char* raw_game_line_by_team_view_sql() {
    return R"(CREATE OR REPLACE VIEW raw.game_line_by_team AS
WITH g AS (
  SELECT game_date, home_team, away_team,
         max(home_line) FILTER (WHERE bet_type = 'total') AS total,
         max(home_line) FILTER (WHERE bet_type = 'spread') AS home_spread
  FROM raw.game_lines WHERE skip_reason IS NULL
  GROUP BY game_date, home_team, away_team)
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

}  // namespace courtside::store
