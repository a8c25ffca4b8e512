#include "grading/grader.hpp"

#include "core/dates.hpp"
#include "models/market_predictions.hpp"
#include "models/model_tables.hpp"
#include "models/registry.hpp"
#include "models/training_set.hpp"
#include "props/betting.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <tuple>

namespace courtside::grading {

namespace {
constexpr const char* kNoGame = "line not matched to a game (no GAME_ID)";
constexpr const char* kNoBox = "player did not play (no box score row)";
constexpr const char* kZeroMinutes = "player did not play (minutes 0)";
constexpr const char* kBronze = "no result: box score not reconciled (bronze)";
constexpr const char* kNoStat = "no result for the stat";
constexpr const char* kNoFeatureRow = "no prediction: no feature row (bootstrap days, or Phase 4 not run)";
constexpr const char* kNotPredicted = "no prediction: the system could not predict (no earlier game this season)";
constexpr const char* kNoStoredPrediction =
    "no prediction: none stored for the system on this date (run `predict` over the range, or grade with --train-walk-forward)";

constexpr store::DateDays kCalibrationBlockDays = 7;

struct Candidate {
    std::string model;
    double predicted = 0;
};

struct RawLine {
    GradedLine line;
    bool has_box = false, has_feature = false;
    std::optional<double> minutes, stat_value;
    std::string box_tier;
    std::vector<Candidate> candidates;
};
// The book's P(over | no push) with its margin removed in proportion; NaN without both odds.
double devigged_over(const std::optional<double>& over, const std::optional<double>& under) {
    if (!over || !under || !props::valid_american(*over) || !props::valid_american(*under)) return NAN;
    const double po = props::implied_probability(*over), pu = props::implied_probability(*under);
    return po / (po + pu);
}
// Each week's P(over) map is fitted on the graded lines before the week: the history read before
// the range plus the range's earlier weeks (their uncalibrated probabilities).
void calibrate_by_week(GradeRun& run, const std::vector<GradedLine>& history) {
    std::vector<const GradedLine*> earlier;
    for (const auto& l : history) earlier.push_back(&l);
    for (const auto& l : run.lines)
        if (l.status == kGraded) earlier.push_back(&l);  // unplayed lines price, never fit
    std::vector<models::LineProbabilities> calibrated(run.lines.size());
    // Weekly blocks: a new season's first lines calibrate its later weeks as soon as possible.
    for (store::DateDays first = run.options.from; first <= run.options.to; first += kCalibrationBlockDays) {
        const store::DateDays last = std::min<store::DateDays>(first + kCalibrationBlockDays - 1, run.options.to);
        std::vector<models::LineProbabilities> p;
        std::vector<bool> over;
        for (const auto* l : earlier)
            if (l->date < first && l->date >= first - run.options.calibration_days && l->actual != l->line) {
                p.push_back(l->prob);
                over.push_back(l->actual > l->line);
            }
        PeriodCalibration mc{first, last, fit_platt(p, over), 0};
        for (size_t i = 0; i < run.lines.size(); ++i) {
            const auto& l = run.lines[i];
            if (!GradeRun::priced(l) || l.date < first || l.date > last) continue;
            calibrated[i] = mc.map.apply(l.prob, devigged_over(l.over_odds, l.under_odds));
            ++mc.lines;
        }
        run.calibrations.push_back(mc);
    }
    for (size_t i = 0; i < run.lines.size(); ++i)
        if (GradeRun::priced(run.lines[i])) run.lines[i].prob = calibrated[i];
}

// Every graded line, the history's too (so that the calibration history is of the same predictor),
// becomes the line blended with the model, each date fitted on the lines before it; an unplayed
// line is blended too (its unknown result fits nothing).
// The anchor is the line's odds-implied median (models/line_blend.hpp) under the line's model's
// spread when options.blend.odds_anchor, else the posted number.
void blend(GradeRun& run, std::vector<GradedLine>& history,
           const std::function<const models::SpreadModel&(const std::string&)>& spread_of) {
    std::vector<GradedLine*> graded;
    for (auto* lines : {&history, &run.lines})
        for (auto& l : *lines)
            if (GradeRun::priced(l)) graded.push_back(&l);
    std::vector<models::BlendLine> b;
    for (auto* l : graded) {
        l->anchor = run.options.blend.odds_anchor
                        ? models::odds_implied_median(spread_of(l->model), l->line, devigged_over(l->over_odds, l->under_odds))
                        : l->line;
        b.push_back({l->date, l->anchor, l->model_predicted, l->actual, NAN});
    }
    const auto fits = models::blend_with_line(b, run.options.blend);
    for (size_t i = 0; i < graded.size(); ++i) graded[i]->predicted = b[i].blended;
    for (const auto& f : fits)
        if (f.date >= run.options.from) run.blend_fits.push_back(f);
}
}  // namespace

size_t GradeRun::excluded_total() const {
    size_t n = 0;
    for (const auto& [_, c] : excluded) n += c;
    return n;
}

GradeRun grade_lines(store::Connection& con, const GradeOptions& opt) {
    const models::PredictorSpec& spec = opt.predictor;
    const models::Market& m = spec.market_info();
    GradeRun run;
    run.options = opt;
    run.edge = opt.edge >= 0 ? opt.edge : m.default_edge;
    const bool formula = spec.formula();
    if (!formula && spec.system != "xgb") models::make_formula_system(m, spec.system);  // throws, naming the systems
    const std::string version = spec.feature_version();
    models::ensure_model_tables(con);

    // Identifiers (outcome column, feature table) come from fixed lists; values are bound.
    auto q = con.prepare(fmt::format(
        "SELECT c.game_date, c.game, c.player_id, c.game_id, c.player, c.line, c.books, c.over_odds, c.under_odds, "
        "g.player_id IS NOT NULL, g.minutes, {}, g.quality_tier, f.player_id IS NOT NULL, p.model, p.predicted_points "
        "FROM props.consensus_lines c "
        "LEFT JOIN analytics.player_game_summary g ON g.game_id = c.game_id AND g.player_id = c.player_id "
        "LEFT JOIN {} f ON f.game_id = c.game_id AND f.player_id = c.player_id "
        "LEFT JOIN models.predictions p ON p.game_id = c.game_id AND p.player_id = c.player_id AND p.system = ? "
        "  AND coalesce(p.stat, 'points') = ? AND (? = '' OR p.model = ?) "
        "WHERE c.market = ? AND c.game_date BETWEEN ? AND ? "
        "ORDER BY c.game_date, c.game, c.player_id, p.model",
        m.outcome_sql, models::feature_table(version)));
    q.bind(1, spec.system).bind(2, m.stat).bind(3, opt.model).bind(4, opt.model).bind(5, m.prop_market);
    // Earlier lines are read too when calibrating or blending: a week's map and a date's blend are
    // fitted on them.
    const int history_days = std::max(opt.calibrate ? opt.calibration_days : 0, opt.blend_with_line ? opt.blend.window_days : 0);
    const store::DateDays read_from = opt.from - history_days;
    q.bind_date(6, read_from).bind_date(7, opt.to);
    // Dates the system has predictions on: a line without one there is a row the system could not
    // predict; on a date without any, nothing was predicted at all.
    std::set<store::DateDays> predicted_dates;
    {
        auto d = con.prepare("SELECT DISTINCT game_date FROM models.predictions WHERE system = ? AND coalesce(stat, 'points') = ? "
                             "AND game_date BETWEEN ? AND ?");
        d.bind(1, spec.system).bind(2, m.stat).bind_date(3, read_from).bind_date(4, opt.to);
        d.execute().for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) predicted_dates.insert(c.get_date(0, r));
        });
    }
    std::vector<RawLine> raw;
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            const auto date = c.get_date(0, r);
            const auto game = c.get_string(1, r);
            const int64_t pid = c.get_int(2, r);
            if (raw.empty() || raw.back().line.date != date || raw.back().line.game != game ||
                raw.back().line.player_id != pid) {
                RawLine l;
                l.line.date = date;
                l.line.game = std::string(game);
                l.line.player_id = pid;
                l.line.game_id = std::string(c.get_string(3, r));
                l.line.player = std::string(c.get_string(4, r));
                l.line.line = c.get_double(5, r);
                l.line.books = static_cast<int>(c.get_int(6, r));
                l.line.over_odds = c.opt_double(7, r);
                l.line.under_odds = c.opt_double(8, r);
                l.has_box = c.get_bool(9, r);
                l.minutes = c.opt_double(10, r);
                l.stat_value = c.opt_double(11, r);
                l.box_tier = std::string(c.get_string(12, r));
                l.has_feature = c.get_bool(13, r);
                raw.push_back(std::move(l));
            }
            if (!c.is_null(14, r) && !c.is_null(15, r))
                raw.back().candidates.push_back({std::string(c.get_string(14, r)), c.get_double(15, r)});
        }
    });

    // Models: metadata and spread, once each; formula systems fit theirs on rows before the range.
    std::map<std::string, models::ModelInfo> infos;
    std::map<std::string, models::SpreadModel> spreads;
    auto info_of = [&](const std::string& id) -> const models::ModelInfo& {
        auto it = infos.find(id);
        if (it == infos.end()) it = infos.emplace(id, models::find_model(con, id)).first;
        return it->second;
    };
    auto spread_of = [&](const std::string& id) -> const models::SpreadModel& {
        auto it = spreads.find(id);
        if (it != spreads.end()) return it->second;
        SpreadUsed used;
        models::SpreadModel s;
        if (formula) {
            s = models::fit_formula_spread(con, m, spec.system, opt.from, &used.fitted_on);
        } else {
            const auto& info = info_of(id);
            if (info.distribution.is_null())
                throw std::runtime_error("model " + id + " has no fitted distribution (retrain it with this version)");
            s = models::SpreadModel::from_json(info.distribution);
            used.fitted_on = fmt::format("held-out validation rows {} .. {} of the model's training range",
                                         core::format_date(info.valid_from), core::format_date(info.last_game_date));
        }
        used.kind = s.kind;
        used.rows = s.rows;
        run.spreads[id] = used;
        return spreads.emplace(id, std::move(s)).first->second;
    };

    std::vector<GradedLine> history;
    for (auto& r : raw) {
        GradedLine& l = r.line;
        // The prediction: the latest-trained usable model; a line whose only predictions come
        // from models that saw its date is refused, not graded.
        const Candidate* chosen = nullptr;
        for (const auto& cand : r.candidates) {
            if (!opt.only_models.empty() &&
                std::find(opt.only_models.begin(), opt.only_models.end(), cand.model) == opt.only_models.end())
                continue;
            if (formula) {
                chosen = &cand;
                break;
            }
            const auto& info = info_of(cand.model);
            // Calibration history only uses out-of-sample predictions; a graded line refuses the rest.
            if (l.date < opt.from && (info.stat() != m.stat || std::max(info.train_to, info.last_game_date) >= l.date))
                continue;
            models::require_usable(info, m, l.date);
            // The registry's order (train end, then creation, then id): the model `picks` and
            // `predict` take for a date is the one graded.
            auto order = [](const models::ModelInfo& i) { return std::tie(i.train_to, i.created_at, i.id); };
            if (!chosen || order(info_of(chosen->model)) < order(info)) chosen = &cand;
        }
        if (l.game_id.empty()) l.status = kNoGame;
        else if (!r.has_box) l.status = kNoBox;
        else if (!r.minutes || !(*r.minutes > 0)) l.status = kZeroMinutes;
        else if (r.box_tier == "bronze") l.status = kBronze;
        else if (!r.stat_value) l.status = kNoStat;
        else if (!chosen) l.status = !r.has_feature ? kNoFeatureRow : predicted_dates.count(l.date) ? kNotPredicted : kNoStoredPrediction;
        if (l.status == kGraded) {
            l.model = chosen->model;
            l.actual = *r.stat_value;
            l.predicted = l.model_predicted = chosen->predicted;
        } else if (opt.price_unplayed && l.status == kNoBox && chosen && l.date >= opt.from) {
            l.unplayed = true;
            l.model = chosen->model;
            l.actual = NAN;
            l.predicted = l.model_predicted = chosen->predicted;
        }
        if (l.date < opt.from) {  // calibration history only
            if (l.status == kGraded) history.push_back(std::move(l));
            continue;
        }
        if (l.status != kGraded) ++run.excluded[l.status];
        run.lines.push_back(std::move(l));
    }
    if (opt.blend_with_line) blend(run, history, spread_of);
    // A least-squares blend has corrected the model's mean error on earlier lines: it is priced
    // with the model's spread centred (SpreadModel::centered). With the raw spread, a blend one
    // tenth under the line got P(over) 0.53-0.56 from the model's own low bias (audit, 2025-11-09).
    const bool centre = opt.blend_with_line && !opt.blend.least_absolute;
    std::map<std::string, models::SpreadModel> centred;
    auto pricing_spread = [&](const std::string& id) -> const models::SpreadModel& {
        if (!centre) return spread_of(id);
        auto it = centred.find(id);
        if (it == centred.end()) it = centred.emplace(id, spread_of(id).centered()).first;
        return it->second;
    };
    for (auto* lines : {&history, &run.lines})
        for (auto& l : *lines)
            if (GradeRun::priced(l)) l.prob = pricing_spread(l.model).probabilities(l.predicted, l.line);
    if (opt.calibrate) calibrate_by_week(run, history);
    std::map<store::DateDays, bool> shown;  // whether the blend of each graded date shows the model adds to the line
    for (const auto& f : run.blend_fits) shown[f.date] = models::model_shown_to_add(f);
    for (auto& l : run.lines)
        if (l.status == kGraded) {
            auto w = shown.find(l.date);
            const bool informs = !opt.blend_with_line || (w != shown.end() && w->second);
            l.g = grade_row({l.actual, l.predicted, l.line, l.over_odds, l.under_odds, l.prob, informs}, run.edge, opt.min_ev);
        }
    return run;
}

}  // namespace courtside::grading
