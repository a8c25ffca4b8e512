#include "models/evaluation.hpp"

#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "features/feature_set.hpp"
#include "models/metrics.hpp"
#include "models/rules_v1.hpp"
#include "models/systems.hpp"
#include "models/training_set.hpp"
#include "models/xgb_system.hpp"
#include "models/xgb_trainer.hpp"
#include "pipeline/progress.hpp"
#include "pipeline/season_calendar.hpp"
#include "precompute/phase4_processor.hpp"
#include "store/ledger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <stdexcept>

namespace courtside::models {

namespace {

constexpr const char* kNoPriorGame = "no earlier game this season (the baselines have no input)";

std::string month_label(store::DateDays d) { return core::format_date(d).substr(0, 7); }

std::string period_label(const FeatureRows& base, size_t row, WalkForward w) {
    return w == WalkForward::Season ? core::season_label(base.seasons[row]) : month_label(base.dates[row]);
}

// Game dates of [from, to] without feature rows Phase 4 stands by (counted in `without`): never
// run, failed, or skipped as bootstrap days that the current `bootstrap_days` no longer counts;
// and the range's dates the store holds no games for. Empty when every game date is covered.
std::string coverage_note(store::Connection& con, store::DateDays from, store::DateDays to, int bootstrap_days, size_t& without) {
    const auto calendar = pipeline::SeasonCalendar::load(con);
    const auto first = calendar.first_date(), last = calendar.last_date();
    if (!first) return "the store has no schedule (team logs)";
    const auto ledger = store::Ledger(con).load("ml_feature_store", from, to);
    std::vector<core::Date> counted, missing;  // regular-season, play-in and playoff dates: Phase 4's
    size_t before = 0, after = 0, absent = 0, never_run = 0, failed = 0, stale_skip = 0;
    std::set<int> absent_seasons;
    for (core::Date d = from; d <= to; ++d) {
        if (d < *first) ++before;
        else if (d > *last) ++after;
        else if (auto season = calendar.absent_season(d)) ++absent, absent_seasons.insert(*season);
        else if (auto season = calendar.season_of(d)) {
            const auto& days = calendar.counted_dates(*season);
            if (!std::binary_search(days.begin(), days.end(), d)) continue;
            counted.push_back(d);
            auto it = ledger.find(d);
            if (it == ledger.end()) ++never_run;
            else if (it->second.status == store::status::kFailed) ++failed;
            else if (it->second.status == store::status::kSkippedBootstrap && !precompute::is_bootstrap_date(calendar, d, bootstrap_days))
                ++stale_skip;
            else continue;
            missing.push_back(d);
        }
    }
    without = missing.size();
    std::vector<std::string> parts;
    if (!missing.empty()) {
        std::vector<std::string> causes;
        if (never_run) causes.push_back(fmt::format("{} never run by Phase 4", never_run));
        if (failed) causes.push_back(fmt::format("{} failed", failed));
        if (stale_skip) causes.push_back(fmt::format("{} skipped as bootstrap days, which bootstrap_days {} no longer counts", stale_skip,
                                                     bootstrap_days));
        std::string why;
        for (const auto& c : causes) why += (why.empty() ? "" : ", ") + c;
        const std::string a = core::format_date(missing.front()), b = core::format_date(missing.back());
        parts.push_back(fmt::format("{} of the range's {} game dates have no feature rows ({}; {}): not scored "
                                    "(`courtside backfill --phase 4 --from {} --to {}`)",
                                    missing.size(), counted.size(), why, missing.size() == 1 ? a : a + " .. " + b, a, b));
    }
    if (before) parts.push_back(fmt::format("{} date(s) before the store's first game date {}: the store holds no games there", before,
                                            core::format_date(*first)));
    if (absent) {
        std::string seasons;
        for (int season : absent_seasons) seasons += (seasons.empty() ? "" : ", ") + core::season_label(season);
        parts.push_back(fmt::format("{} date(s) of season {}, which the store does not hold", absent, seasons));
    }
    if (after) parts.push_back(fmt::format("{} date(s) after the store's last game date {}", after, core::format_date(*last)));
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

// Consecutive population rows with the same label form a period (rows are chronological).
std::vector<Period> make_periods(const FeatureRows& base, const Population& pop, WalkForward w) {
    std::vector<Period> out;
    for (size_t k = 0; k < pop.rows.size(); ++k) {
        const size_t i = pop.rows[k];
        std::string label = period_label(base, i, w);
        if (out.empty() || out.back().label != label) {
            if (!out.empty()) out.back().last = k;
            out.push_back(Period{label, base.dates[i], base.dates[i], k, k, {}});
        }
        out.back().end = base.dates[i];
    }
    if (!out.empty()) out.back().last = pop.rows.size();
    return out;
}

std::string version_of(const std::string& system) { return system.substr(4); }  // "xgb_v2" -> "v2"

bool is_feature_version(const std::string& v) {
    const auto& all = features::feature_versions();
    return std::find(all.begin(), all.end(), v) != all.end();
}

double period_mae(const ScoredRows& s, const std::string& system, size_t first, size_t last) {
    MetricsAccumulator acc;
    const auto& p = s.predicted.at(system);
    for (size_t k = first; k < last; ++k) acc.add(p[k], s.actual[k]);
    return acc.result().mae;
}

// Returns the guard's complaint about xgb vs last_10_avg over [first, last), or "".
std::string leakage_check(const EvaluationResult& r, const std::string& where, size_t first, size_t last, double threshold) {
    if (last <= first) return "";
    const double l10 = period_mae(r.scored, "last_10_avg", first, last);
    for (const auto& s : r.systems) {
        if (s.rfind("xgb_", 0) != 0) continue;
        const double m = period_mae(r.scored, s, first, last);
        if (l10 > 0 && (l10 - m) / l10 > threshold)
            return fmt::format("{}: {} MAE {:.4f} is {:.1f}% below last_10_avg's {:.4f} on the same {} rows (more than "
                               "the {:.0f}% a clean model can plausibly gain)",
                               where, s, m, 100.0 * (l10 - m) / l10, l10, last - first, 100.0 * threshold);
    }
    return "";
}

// Trains `system` (xgb on `fr`'s feature set) on every usable row before the period.
TrainedXgb train_for_period(const FeatureRows& fr, const Period& period, const std::string& system, const XgbParams& params,
                            bool refit_alongside) {
    auto idx = training_rows(fr, period.start);
    if (idx.empty())
        throw std::runtime_error(fmt::format("period {}: no training rows before {} for {}", period.label,
                                             core::format_date(period.start), system));
    return train_xgb(fr, idx, params, {}, refit_alongside);
}

// With the model trained for the period, predicts its population rows (`aligned` maps population
// positions to rows of `fr`), and records the training and each input's share of the model's
// total gain.
void apply_xgb_period(const FeatureRows& fr, const std::vector<size_t>& aligned, const std::string& system,
                      TrainedXgb trained, Period& period, ScoredRows& s, std::map<std::string, double>& gain_share_sum) {
    auto gain = trained.booster.total_gain(trained.input_names);
    double total = 0;
    for (const auto& [_, g] : gain) total += g;
    for (const auto& [name, g] : gain) gain_share_sum[name] += total > 0 ? g / total : 0;
    period.trainings.push_back({system, trained.rows_train, trained.rows_valid, trained.first_date, trained.valid_from,
                                trained.last_date, trained.best_rounds, trained.valid_metrics.mae, trained.seconds});

    ModelInfo info;
    info.id = system + "@" + period.label;
    info.feature_version = fr.version;
    info.feature_names = trained.feature_names;
    info.input_names = trained.input_names;
    info.params = trained.params;
    XgbSystem model(info, std::move(trained.booster));
    std::vector<size_t> test_rows(aligned.begin() + static_cast<std::ptrdiff_t>(period.first),
                                  aligned.begin() + static_cast<std::ptrdiff_t>(period.last));
    auto pred = model.predict(fr.subset(test_rows));
    auto& out = s.predicted[system];
    out.resize(s.size(), kMissing);
    std::copy(pred.begin(), pred.end(), out.begin() + static_cast<std::ptrdiff_t>(period.first));
}

}  // namespace

std::vector<std::string> expand_systems(const EvaluationOptions& o) {
    std::vector<std::string> out;
    auto add = [&](const std::string& s) {
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    };
    for (const auto& s : o.systems)
        if (is_formula_system(s)) add(s);
    for (const auto& s : o.systems) {
        if (s == "xgb") {
            for (const auto& v : o.xgb_features) add("xgb_" + v);
        } else if (s.rfind("xgb_", 0) == 0 && is_feature_version(version_of(s))) {
            add(s);
        } else if (!is_formula_system(s)) {
            std::string known = "season_avg, last_10_avg, moving_average, rules_v1, xgb";
            for (const auto& v : features::feature_versions()) known += ", xgb_" + v;
            throw std::invalid_argument("unknown system '" + s + "' (known: " + known + ")");
        }
    }
    return out;
}

EvaluationResult evaluate(store::Connection& con, const EvaluationOptions& options) {
    const auto t0 = std::chrono::steady_clock::now();
    auto log = [&](const std::string& line) {
        if (options.log) options.log(line);
    };
    EvaluationResult r;
    r.options = options;
    r.options.log = nullptr;
    r.systems = expand_systems(options);
    if (options.from > options.to) throw std::invalid_argument("evaluation range: from is after to");

    // Every feature row up to the end of the range: the test rows and everything before them. The
    // population and the formulas read the v1 rows; each xgb system its version's training rows,
    // loaded alike for every version (v1 too), so that with carried_over_rows every system learns
    // from the same player-games and "v1 vs v3" compares feature sets, not populations (audit).
    const FeatureRows base = load_feature_rows(con, "v1", kEarliestDate, options.to);
    std::map<std::string, FeatureRows> rows;
    for (const auto& s : r.systems)
        if (s.rfind("xgb_", 0) == 0 && !rows.count(version_of(s)))
            rows[version_of(s)] =
                load_training_feature_rows(con, version_of(s), kEarliestDate, options.to, options.params.carried_over_rows);
    std::map<std::string, const FeatureRows*> others;
    for (const auto& [v, fr] : rows) others[v] = &fr;

    // The formulas predict every row (rules_v1 ranks each date's opponents over all its rows).
    // last_10_avg is always computed: the leakage guard compares against it.
    std::map<std::string, std::vector<double>> formula;
    std::vector<bool> no_prior(base.size(), false);
    for (const auto& name : formula_systems()) {
        formula[name] = make_formula_system(name)->predict(base);
        for (size_t i = 0; i < base.size(); ++i)
            if (!present(formula[name][i])) no_prior[i] = true;
    }
    r.population = select_population(base, others, options.from, options.to, {{kNoPriorGame, no_prior}});
    const auto& pop = r.population;
    if (pop.rows.empty()) {
        const std::string from = core::format_date(options.from), to = core::format_date(options.to);
        if (pop.candidates == 0)
            throw std::runtime_error(fmt::format("the evaluation population is empty: no feature rows in {} .. {}. Either Phase 4 has "
                                                 "not run for its game dates (`courtside backfill --phase 4 --from {} --to {}`), or they "
                                                 "are a season's bootstrap weeks, which have no feature rows (`courtside evaluate-early`)",
                                                 from, to, from, to));
        std::string why;
        for (const auto& [reason, n] : pop.excluded) why += fmt::format("{}{} {}", why.empty() ? "" : ", ", n, reason);
        throw std::runtime_error(fmt::format("the evaluation population is empty: none of the {} feature rows in {} .. {} is scorable "
                                             "({})", pop.candidates, from, to, why));
    }
    log(fmt::format("population: {} rows ({} with minutes >= 10) of {} feature rows in {} .. {}", pop.rows.size(),
                    pop.minutes_10, pop.candidates, core::format_date(options.from), core::format_date(options.to)));

    r.coverage_note = coverage_note(con, options.from, options.to, options.bootstrap_days, r.game_dates_without_phase4);
    if (!r.coverage_note.empty()) log("note: " + r.coverage_note);

    r.periods = make_periods(base, pop, options.walk_forward);
    auto& s = r.scored;
    for (size_t k = 0; k < pop.rows.size(); ++k) {
        const size_t i = pop.rows[k];
        s.dates.push_back(base.dates[i]);
        s.actual.push_back(base.points[i]);
        s.minutes.push_back(base.minutes[i]);
        s.tiers.push_back(base.quality_tiers[i]);
    }
    s.period.resize(pop.rows.size());
    for (size_t p = 0; p < r.periods.size(); ++p)
        for (size_t k = r.periods[p].first; k < r.periods[p].last; ++k) s.period[k] = p;
    for (const auto& [name, pred] : formula) {
        auto& out = s.predicted[name];
        for (size_t i : pop.rows) out.push_back(pred[i]);
    }
    r.rules_v1_missing = rules_v1_missing_inputs(base, pop.rows);

    // Every period's models first, side by side: each depends only on the rows before its period
    // and trains on params.threads threads, so the result is the same for any number of workers.
    std::vector<std::string> xgb_systems;
    for (const auto& system : r.systems)
        if (system.rfind("xgb_", 0) == 0) xgb_systems.push_back(system);
    std::vector<std::optional<TrainedXgb>> trained(r.periods.size() * xgb_systems.size());
    pipeline::Progress progress("trainings", trained.size(), options.progress);
    const bool alongside = spare_core_for_refit(trained.size(), options.workers, options.params.threads);
    const auto errors = train_side_by_side(trained.size(), options.workers, [&](size_t k) {
        const std::string& system = xgb_systems[k % xgb_systems.size()];
        trained[k].emplace(
            train_for_period(rows.at(version_of(system)), r.periods[k / xgb_systems.size()], system, options.params, alongside));
        progress.advance();
    });
    for (const auto& error : errors)  // the first failure in period order, as a serial run would meet it
        if (error) std::rethrow_exception(error);
    progress.finish();

    std::map<std::string, std::map<std::string, double>> gain_sum;
    size_t evaluated = r.periods.size();
    for (size_t pi = 0; pi < r.periods.size(); ++pi) {
        Period& period = r.periods[pi];
        for (size_t k = 0; k < xgb_systems.size(); ++k) {
            const std::string& system = xgb_systems[k];
            const std::string version = version_of(system);
            const auto& aligned = pop.aligned.at(version);
            apply_xgb_period(rows.at(version), aligned, system, std::move(*trained[pi * xgb_systems.size() + k]), period, s,
                             gain_sum[system]);
            trained[pi * xgb_systems.size() + k].reset();
        }
        std::string line = fmt::format("period {} ({} .. {}): {} rows", period.label, core::format_date(period.start),
                                       core::format_date(period.end), period.last - period.first);
        for (const auto& t : period.trainings)
            line += fmt::format("; {} trained on {} rows ({} rounds, {:.1f}s) MAE {:.4f}", t.system, t.rows_train + t.rows_valid,
                                t.best_rounds, t.seconds, period_mae(s, t.system, period.first, period.last));
        line += fmt::format("; last_10_avg MAE {:.4f}", period_mae(s, "last_10_avg", period.first, period.last));
        log(line);
        if (auto why = leakage_check(r, "period " + period.label, period.first, period.last, options.audit_threshold); !why.empty()) {
            r.audit_required = true;
            r.audit_reason = why;
            evaluated = pi + 1;
            break;
        }
    }
    if (evaluated < r.periods.size()) {
        // The guard stopped the run: later periods were not evaluated and leave the result.
        const size_t keep = r.periods[evaluated - 1].last;
        r.periods.resize(evaluated);
        for (auto* v : {&s.actual, &s.minutes}) v->resize(keep);
        s.dates.resize(keep);
        s.tiers.resize(keep);
        s.period.resize(keep);
        for (auto& [_, p] : s.predicted) p.resize(keep);
    }
    for (const auto& [system, gains] : gain_sum)
        for (const auto& [name, g] : gains) r.importance[system][name] = g / static_cast<double>(r.periods.size());
    if (!r.audit_required)
        if (auto why = leakage_check(r, "overall", 0, s.size(), options.audit_threshold); !why.empty()) {
            r.audit_required = true;
            r.audit_reason = why;
        }
    // Only the systems asked for are reported (last_10_avg may have been computed for the guard).
    for (auto it = s.predicted.begin(); it != s.predicted.end();)
        it = std::find(r.systems.begin(), r.systems.end(), it->first) == r.systems.end() ? s.predicted.erase(it) : std::next(it);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

}  // namespace courtside::models
