// Walk-forward evaluation (SPEC §10). For each test period (a season or a month) every xgb model
// is trained on everything before the period (early stopping on the chronologically last 15% of
// that), then every system predicts the period. All systems are scored on the identical rows of
// the population (see population.hpp). A leakage guard stops the evaluation when xgb beats
// last_10_avg by more than 20% MAE: that is not a triumph but a reason for an audit.
#pragma once

#include "models/population.hpp"
#include "models/xgb_params.hpp"
#include "pipeline/settings.hpp"
#include "store/database.hpp"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace courtside::models {

enum class WalkForward { Season, Month };

struct EvaluationOptions {
    store::DateDays from = 0, to = 0;
    WalkForward walk_forward = WalkForward::Season;
    // Formula systems by name, and "xgb" (one model per feature set of xgb_features, reported as
    // xgb_v1, xgb_v2, xgb_v3), or xgb_<version> directly.
    std::vector<std::string> systems = {"season_avg", "last_10_avg", "moving_average", "rules_v1", "xgb"};
    std::vector<std::string> xgb_features = {"v1", "v2", "v3"};
    XgbParams params;
    double audit_threshold = 0.20;  // xgb better than last_10_avg by more than this share -> audit
    std::function<void(const std::string&)> log;  // progress lines (optional)
    bool progress = false;                         // a progress line with ETA over the trainings
    int workers = 0;  // models trained side by side (0: kDefaultConcurrentTrainings); the result does not depend on it
    // pipeline.bootstrap_days: a game date Phase 4 skipped as a bootstrap day past it is not covered.
    int bootstrap_days = pipeline::Settings{}.bootstrap_days;
};

struct PeriodTraining {
    std::string system;
    size_t rows_train = 0, rows_valid = 0;
    store::DateDays first_date = 0, valid_from = 0, last_date = 0;
    int best_rounds = 0;
    double valid_mae = 0, seconds = 0;
};

struct Period {
    std::string label;  // "2016-17" or "2017-01"
    store::DateDays start = 0, end = 0;
    size_t first = 0, last = 0;  // positions [first, last) in the scored rows
    std::vector<PeriodTraining> trainings;
};

// The population's rows, one entry each, and every system's prediction for each of them.
struct ScoredRows {
    std::vector<store::DateDays> dates;
    std::vector<double> actual, minutes;
    std::vector<std::string> tiers;  // the feature row's quality tier
    std::vector<size_t> period;      // index into periods
    std::map<std::string, std::vector<double>> predicted;
    size_t size() const { return dates.size(); }
};

struct EvaluationResult {
    EvaluationOptions options;
    std::vector<std::string> systems;  // as reported: formulas, then xgb_<version>
    Population population;
    std::vector<Period> periods;
    ScoredRows scored;
    // xgb system -> input -> share of the total gain, averaged over the periods' models.
    std::map<std::string, std::map<std::string, double>> importance;
    // Population rows where a rules_v1 adjustment input was missing (adjustment not applied).
    std::map<std::string, size_t> rules_v1_missing;
    bool audit_required = false;
    std::string audit_reason;
    // What the range holds that is not scored, said in every report (empty: nothing): game dates
    // Phase 4 has not run for (no ml_feature_store partition), and dates of seasons the store lacks
    // or outside its calendar. A range half without feature rows was scored on its other half
    // under the whole range's name (audit).
    std::string coverage_note;
    size_t game_dates_without_phase4 = 0;
    double seconds = 0;
};

EvaluationResult evaluate(store::Connection& con, const EvaluationOptions& options);

// The systems as reported, in order: formulas as given, xgb expanded to xgb_<version>.
std::vector<std::string> expand_systems(const EvaluationOptions& options);

}  // namespace courtside::models
