// Validation thresholds from YAML: one section per table under `tables:`. Lookup is exact: a
// key is read only from its own section, and unknown keys anywhere are errors (the old system
// read the first matching key anywhere in the file).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace courtside::validate {

enum class Severity { Error, Warn };

struct CoverageRule {
    std::map<std::string, double> critical;  // column -> minimum non-NULL share (error)
    std::map<std::string, double> warning;   // column -> minimum non-NULL share (warn)
    std::map<std::string, double> per_date;  // column -> minimum share on every single date (error)
    // column -> a feature gone dark (error): its share below this fraction of the same stretch of last
    // season's, or near 0 over a season (checks.cpp: kDarkShare over >= kDarkMinDates dates).
    std::map<std::string, double> collapse;
    // column -> the raw table it comes from (with a game_date), or "schema.table.column": a season
    // dark because that source has no rows (no value in that column) in it is a gap in the data
    // (warn), not drift (error).
    std::map<std::string, std::string> collapse_source;
    std::string where;                       // optional row filter, e.g. "minutes > 0"
};

struct VolumeRule {
    std::optional<int> min_players_per_team_game;                 // every team-game has >= N players
    std::optional<std::pair<double, double>> players_per_game;   // players per scheduled game on a date
    bool both_team_rows = false;                                  // every scheduled game has both team rows
    bool every_game_has_players = false;                          // every scheduled game has player rows here
};

struct QualityRule {
    std::optional<double> min_gold_share, min_silver_or_better_share, min_production_ready_share;
    Severity severity = Severity::Error;
};

struct CriticalIssuesRule {
    std::vector<std::string> codes;
    int64_t max_rows = 0;
};

// Where a regression check's baseline comes from.
enum class Baseline {
    LastSeason,    // the same stretch of the previous season (days since its start): seasonal metrics
    PreviousDays,  // the baseline_days calendar days before the range
};

struct RegressionRule {
    std::vector<std::string> metrics;  // "coverage:<column>" or "mean:<column>"
    Baseline baseline = Baseline::LastSeason;
    int baseline_days = 90;
    double degradation_pct = 5, regression_pct = 10;
};

struct TableRules {
    std::string table;  // unqualified name, e.g. player_game_summary
    // "config/validation.yaml:47: tables.player_game_summary": what a check's error names, so a
    // column or filter the table does not have points at the line to fix.
    std::string defined_at;
    std::optional<VolumeRule> volume;
    std::optional<CoverageRule> coverage;
    std::optional<QualityRule> quality;
    std::optional<CriticalIssuesRule> critical_issues;
    std::vector<std::string> identities;
    bool duplicates = true;
    bool continuity = false;
    std::optional<RegressionRule> regression;
    bool leakage_audit = false;
    int spot_check_sample = 0;
    bool line_team_names = false;  // game lines skipped for an unknown team name on a date its opponent played
};

struct ValidationConfig {
    std::map<std::string, TableRules> tables;
    const TableRules* find(const std::string& table) const;
};

// Throws std::runtime_error naming the file and the offending key path. A config may name only
// the known tables (the registry's outputs: app::load_validation_config reads it so).
// critical_issues may name only `known_issue_codes` (the Phase 3 quality codes) when it is given: a
// misspelt code counted 0 rows and passed (audit).
ValidationConfig parse_validation_config(const std::string& yaml_text, const std::string& origin,
                                         const std::set<std::string>& known_tables,
                                         const std::set<std::string>& known_issue_codes = {});

}  // namespace courtside::validate
