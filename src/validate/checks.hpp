// The check kinds of SPEC §9. Each reads the table's rows of [from, to] (bound as $1, $2) and
// returns results with the numbers behind them.
#pragma once

#include "pipeline/season_calendar.hpp"
#include "store/database.hpp"
#include "store/table_spec.hpp"
#include "validate/check_result.hpp"
#include "validate/validation_config.hpp"

#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace courtside::validate {

// A check the config asks for that this table cannot run (a column, filter or source it lacks):
// the validator names the config's file and line. Other errors (the store's) pass as they are.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The season calendar, read once per validation run by the first check that needs it (four
// scans, ~45 ms on eight seasons; a one-date gate of 14 tables asked for it eight times), or the
// one the caller already holds. Checks of several tables may ask from several threads: the first
// reads it on a connection of its own (the store as committed).
class LazyCalendar {
public:
    LazyCalendar(store::Database& db, const pipeline::SeasonCalendar* loaded) : db_(db), loaded_(loaded) {}
    const pipeline::SeasonCalendar& get() {
        if (loaded_) return *loaded_;
        std::lock_guard lock(mutex_);
        if (!cal_) {
            store::Connection con(db_);
            cal_ = pipeline::SeasonCalendar::load(con);
        }
        return *cal_;
    }

private:
    store::Database& db_;
    const pipeline::SeasonCalendar* loaded_;
    std::mutex mutex_;
    std::optional<pipeline::SeasonCalendar> cal_;
};

struct CheckContext {
    store::Connection& con;
    const store::TableSpec& spec;
    std::string processor;  // the processor writing the table (for the ledger)
    core::Date from, to;
    LazyCalendar& calendar;
};

void check_volume(const CheckContext& c, const VolumeRule& r, std::vector<CheckResult>& out);
// Every table: rows in the range, or every scheduled date empty with a recorded reason.
void check_rows(const CheckContext& c, std::vector<CheckResult>& out);
void check_coverage(const CheckContext& c, const CoverageRule& r, std::vector<CheckResult>& out);
void check_quality(const CheckContext& c, const QualityRule& r, std::vector<CheckResult>& out);
void check_critical_issues(const CheckContext& c, const CriticalIssuesRule& r, std::vector<CheckResult>& out);
void check_identity(const CheckContext& c, const std::string& identity, std::vector<CheckResult>& out);
void check_duplicates(const CheckContext& c, std::vector<CheckResult>& out);
void check_continuity(const CheckContext& c, std::vector<CheckResult>& out);
void check_regression(const CheckContext& c, const RegressionRule& r, const std::string& run_id, std::vector<CheckResult>& out);
void check_leakage(const CheckContext& c, std::vector<CheckResult>& out);
// Game lines the ingest skipped as "not an NBA game" although one side is an NBA team that played a
// regular-season or playoff game that date: a new spelling of the other team, whose lines (and the
// Vegas features built from them) would otherwise vanish without a word. Exhibitions against clubs
// fall in preseason, All-Star teams name no NBA team: neither is counted. Played games only (team
// logs): a date's lines are checked once its games are in the store. The Odds API's game events
// are not checked here.
void check_line_team_names(const CheckContext& c, std::vector<CheckResult>& out);
// Game lines skipped as "not an NBA game" on a date one side played or is scheduled: an unknown
// spelling of the other team (the check above, and daily's pre-game step for the day's lines).
struct UnknownTeamLines {
    size_t rows = 0;
    std::vector<std::string> dates, games;  // games: "<date> '<away>' @ '<home>' (<table>: <file> row <n>)"
    std::string text() const;
};
UnknownTeamLines lines_naming_unknown_teams(store::Connection& con, core::Date from, core::Date to);
void check_spot_sample(const CheckContext& c, int sample, std::vector<CheckResult>& out);

// Relative drop of a metric from baseline to current, in percent; 0 when both are 0.
double relative_drop_pct(double baseline, double current);
// pass / warn / fail for a drop against the degradation and regression thresholds.
Status drop_status(double drop_pct, double degradation_pct, double regression_pct);

}  // namespace courtside::validate
