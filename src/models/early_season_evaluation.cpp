#include "models/early_season_evaluation.hpp"

#include "core/game_id.hpp"
#include "features/early_season_store.hpp"
#include "models/training_set.hpp"
#include "models/xgb_system.hpp"
#include "models/xgb_trainer.hpp"
#include "pipeline/season_calendar.hpp"

#include <fmt/format.h>

namespace courtside::models {

namespace {

constexpr const char* kXgb = "xgb";
constexpr const char* kPrev = "prev_season_avg";
constexpr const char* kLast10 = "last_10_across";
constexpr const char* kSoFar = "season_so_far";
constexpr const char* kNoPrevious = "no previous-season game (rookie, or the previous season is not in the data)";
constexpr const char* kNoTraining = "no regular feature rows before the season to train xgb on";

// The early rows' context columns, in load_feature_rows order.
struct EarlyContext {
    std::vector<int64_t> prev_games, cur_games;
    std::vector<double> prev_avg, cur_avg;
};

EarlyContext load_context(store::Connection& con, const std::string& table, store::DateDays from, store::DateDays to) {
    EarlyContext c;
    auto q = con.prepare(fmt::format("SELECT previous_season_games, previous_season_points_avg, current_season_games, "
                                     "current_season_points_avg FROM {} WHERE game_date BETWEEN ? AND ? "
                                     "ORDER BY game_date, game_id, player_id",
                                     table));
    q.bind_date(1, from).bind_date(2, to);
    q.execute().for_each_chunk([&](const store::Chunk& ch) {
        for (size_t r = 0; r < ch.size(); ++r) {
            c.prev_games.push_back(ch.get_int(0, r));
            c.prev_avg.push_back(ch.opt_double(1, r).value_or(kMissing));
            c.cur_games.push_back(ch.get_int(2, r));
            c.cur_avg.push_back(ch.opt_double(3, r).value_or(kMissing));
        }
    });
    return c;
}

}  // namespace

bool EarlyEvaluationResult::xgb_beats_baselines() const {
    auto beats = [&](const std::map<std::string, Metrics>& m) {
        for (const auto& s : systems)
            if (s != kXgb && !(m.at(kXgb).mae < m.at(s).mae)) return false;
        return true;
    };
    if (periods.empty() || !beats(overall)) return false;
    for (const auto& p : periods)
        if (!beats(p.metrics)) return false;
    return true;
}

EarlyEvaluationResult evaluate_early_season(store::Connection& con, const EarlyEvaluationOptions& o) {
    auto log = [&](const std::string& s) {
        if (o.log) o.log(s);
    };
    EarlyEvaluationResult res;
    res.version = o.version;
    res.systems = {kXgb, kPrev, kLast10, kSoFar};
    const std::string table = features::early_feature_table(o.version);
    FeatureRows early = load_early_feature_rows(con, o.version, o.from, o.to);
    EarlyContext ctx = load_context(con, table, o.from, o.to);
    if (ctx.prev_games.size() != early.size()) throw std::logic_error("early rows and their context differ in count");
    res.candidates = early.size();
    const size_t l10 = early.require_column("points_avg_last_10");

    // Population, grouped by season (rows are chronological, seasons contiguous).
    std::map<int, std::vector<size_t>> by_season;
    for (size_t i = 0; i < early.size(); ++i) {
        if (const char* why = outcome_exclusion(early, i)) ++res.excluded[why];
        else if (ctx.prev_games[i] == 0) ++res.excluded[kNoPrevious];
        else by_season[early.seasons[i]].push_back(i);
    }
    if (by_season.empty()) return res;

    // With params.carried_over_rows, earlier seasons' early rows are training rows too.
    const FeatureRows regular = load_training_feature_rows(con, o.version, kEarliestDate, o.to, o.params.carried_over_rows);
    const auto calendar = pipeline::SeasonCalendar::load(con);
    std::map<std::string, MetricsAccumulator> overall;
    for (const auto& [season, idx] : by_season) {
        const store::DateDays start = *calendar.season_start(season);
        auto train_idx = training_rows(regular, start);
        if (train_idx.empty()) {
            res.excluded[kNoTraining] += idx.size();
            continue;
        }
        auto trained = train_xgb(regular, train_idx, o.params);
        ModelInfo info;
        info.id = fmt::format("xgb_{}@{}", o.version, core::season_label(season));
        info.feature_version = o.version;
        info.feature_names = trained.feature_names;
        info.input_names = trained.input_names;
        info.params = trained.params;
        EarlySeasonPeriod p;
        p.season = core::season_label(season);
        p.first = early.dates[idx.front()];
        p.last = early.dates[idx.back()];
        p.rows = idx.size();
        p.train_rows = trained.rows_train + trained.rows_valid;
        XgbSystem model(info, std::move(trained.booster));
        const auto xgb = model.predict(early.subset(idx));

        std::map<std::string, MetricsAccumulator> all, opening;
        for (size_t k = 0; k < idx.size(); ++k) {
            const size_t i = idx[k];
            const double actual = early.points[i];
            const bool first_game = ctx.cur_games[i] == 0;
            const std::map<std::string, double> pred = {
                {kXgb, xgb[k]},
                {kPrev, ctx.prev_avg[i]},
                {kLast10, early.value(i, l10)},
                {kSoFar, first_game ? ctx.prev_avg[i] : ctx.cur_avg[i]}};
            for (const auto& [s, v] : pred) {
                all[s].add(v, actual);
                overall[s].add(v, actual);
                if (first_game) opening[s].add(v, actual);
            }
            p.opening_rows += first_game ? 1 : 0;
        }
        for (const auto& s : res.systems) {
            p.metrics[s] = all[s].result();
            p.opening[s] = opening[s].result();
        }
        log(fmt::format("{}: {} early rows ({} first games), xgb trained on {} rows before {}, MAE xgb {:.3f} "
                        "prev {:.3f} last10 {:.3f} so-far {:.3f}",
                        p.season, p.rows, p.opening_rows, p.train_rows, core::format_date(start), p.metrics[kXgb].mae,
                        p.metrics[kPrev].mae, p.metrics[kLast10].mae, p.metrics[kSoFar].mae));
        res.periods.push_back(std::move(p));
    }
    for (const auto& s : res.systems) res.overall[s] = overall[s].result();
    return res;
}

std::string early_report_text(const EarlyEvaluationResult& r) {
    std::string out = fmt::format(
        "Early-season mode ({} rows carried over from the previous season) on the bootstrap days: MAE in points\n"
        "  {} early rows; scored {}; excluded:\n",
        r.version, r.candidates, r.overall.empty() ? 0 : r.overall.begin()->second.n);
    for (const auto& [why, n] : r.excluded) out += fmt::format("    {:>6}  {}\n", n, why);
    out += fmt::format("  {:<9} {:>6} {:>7}", "season", "rows", "first");
    for (const auto& s : r.systems) out += fmt::format(" {:>16}", s);
    out += "\n";
    for (const auto& p : r.periods) {
        out += fmt::format("  {:<9} {:>6} {:>7}", p.season, p.rows, p.opening_rows);
        for (const auto& s : r.systems) out += fmt::format(" {:>16.4f}", p.metrics.at(s).mae);
        out += "\n";
    }
    if (!r.overall.empty()) {
        out += fmt::format("  {:<9} {:>6} {:>7}", "all", r.overall.begin()->second.n, "");
        for (const auto& s : r.systems) out += fmt::format(" {:>16.4f}", r.overall.at(s).mae);
        out += "\n  first game of the season only (season_so_far = prev_season_avg there):\n";
        for (const auto& p : r.periods) {
            out += fmt::format("  {:<9} {:>6} {:>7}", p.season, p.opening_rows, "");
            for (const auto& s : r.systems) out += fmt::format(" {:>16.4f}", p.opening.at(s).mae);
            out += "\n";
        }
    }
    out += fmt::format("xgb beats every baseline overall and in every season: {}\n", r.xgb_beats_baselines() ? "yes" : "no");
    return out;
}

nlohmann::json early_report_json(const EarlyEvaluationResult& r) {
    nlohmann::json j;
    j["feature_version"] = r.version;
    j["systems"] = r.systems;
    j["candidates"] = r.candidates;
    j["excluded"] = r.excluded;
    j["xgb_beats_baselines"] = r.xgb_beats_baselines();
    for (const auto& [s, m] : r.overall) j["overall"][s] = to_json(m);
    for (const auto& p : r.periods) {
        nlohmann::json q{{"season", p.season}, {"first_date", core::format_date(p.first)}, {"last_date", core::format_date(p.last)},
                         {"rows", p.rows}, {"first_game_rows", p.opening_rows}, {"train_rows", p.train_rows}};
        for (const auto& [s, m] : p.metrics) q["mae"][s] = m.mae;
        for (const auto& [s, m] : p.opening) q["first_game_mae"][s] = m.mae;
        j["seasons"].push_back(q);
    }
    return j;
}

}  // namespace courtside::models
