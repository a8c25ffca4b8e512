#include "models/walk_forward.hpp"

#include "core/dates.hpp"
#include "models/early_season_predict.hpp"
#include "models/market_predictions.hpp"
#include "models/predictions_writer.hpp"
#include "models/registry.hpp"
#include "models/training_set.hpp"
#include "models/xgb_system.hpp"
#include "models/xgb_trainer.hpp"
#include "pipeline/progress.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <exception>
#include <filesystem>
#include <optional>

namespace courtside::models {

std::vector<std::pair<store::DateDays, store::DateDays>> month_periods(store::DateDays from, store::DateDays to) {
    std::vector<std::pair<store::DateDays, store::DateDays>> out;
    for (store::DateDays d = from; d <= to;) {
        const date::year_month_day ymd{date::sys_days{date::days{d}}};
        const auto next = date::sys_days{(ymd.year() / ymd.month() / 1) + date::months{1}}.time_since_epoch().count();
        const store::DateDays end = std::min<store::DateDays>(to, static_cast<store::DateDays>(next - 1));
        out.emplace_back(d, end);
        d = end + 1;
    }
    return out;
}

namespace {
// The registered model with this id whose files still exist, if any.
std::optional<ModelInfo> registered(store::Connection& con, const std::string& id) {
    for (auto& m : list_models(con))
        if (m.id == id && std::filesystem::exists(m.model_file)) return m;
    return std::nullopt;
}

// One month of the walk-forward: its rows, and the model that predicts them (registered already,
// or trained in step 2).
struct MonthPlan {
    WalkForwardPeriod period;
    std::vector<size_t> month;         // the month's own (not carried-over) feature rows
    bool needs_model = false;          // xgb, with rows to predict
    std::vector<size_t> training_idx;  // every usable row before the month
    std::optional<ModelInfo> registered;
    std::optional<TrainedXgb> trained;
    std::exception_ptr error;  // of its training
};
}  // namespace

std::vector<WalkForwardPeriod> walk_forward_predict(store::Connection& con, const WalkForwardOptions& opt) {
    const PredictorSpec spec = for_market(opt.predictor);
    spec.validate();
    const Market& m = spec.market_info();
    auto log = [&](const std::string& s) {
        if (opt.log) opt.log(s);
    };
    const bool formula = spec.formula();
    const std::string version = spec.feature_version();
    // Every row up to the end of the range, once: earlier months' rows train later months' models.
    // With params.carried_over_rows, the early-season rows are training rows too (never month rows:
    // those are predicted below, from their own table, when early_season is on).
    const auto rows = formula ? load_feature_rows(con, version, opt.from, opt.to)
                              : load_training_feature_rows(con, version, kEarliestDate, opt.to, spec.params.carried_over_rows);
    const XgbParams& params = spec.params;
    const bool early = spec.early_season;

    // 1. Which months need a model, and which of those models are already registered.
    std::vector<MonthPlan> plans;
    for (auto [first, last] : month_periods(opt.from, opt.to)) {
        MonthPlan plan;
        plan.period.from = first;
        plan.period.to = last;
        for (size_t i = 0; i < rows.size(); ++i)
            if (rows.dates[i] >= first && rows.dates[i] <= last && !rows.is_carried_over(i)) plan.month.push_back(i);
        plan.period.feature_rows = plan.month.size();
        plan.needs_model = !formula && (!plan.month.empty() || early);
        if (plan.needs_model) {
            plan.training_idx = training_rows(rows, first, m.stat);
            plan.period.training_rows = plan.training_idx.size();
            plan.registered = registered(con, model_id("xgb", version, rows.dates.front(), first - 1, params));
            plan.period.reused = plan.registered.has_value();
        }
        plans.push_back(std::move(plan));
    }

    // 2. Train the missing models side by side: each month's model depends only on the rows before
    // it, and a training runs on params.threads threads, so the models are the same for any
    // --workers. Nothing here touches the store.
    pipeline::Progress progress("months", plans.size(), opt.progress);
    std::vector<MonthPlan*> to_train;
    for (auto& plan : plans)
        if (plan.needs_model && !plan.registered) to_train.push_back(&plan);
    const bool alongside = spare_core_for_refit(to_train.size(), opt.workers, params.threads);
    const auto errors = train_side_by_side(to_train.size(), opt.workers, [&](size_t k) {
        to_train[k]->trained.emplace(train_xgb(rows, to_train[k]->training_idx, params, {}, alongside));
        progress.advance();
    });
    for (size_t k = 0; k < to_train.size(); ++k) to_train[k]->error = errors[k];

    // 3. In month order: register, predict and write.
    std::vector<WalkForwardPeriod> out;
    for (auto& plan : plans) {
        WalkForwardPeriod& p = plan.period;
        const store::DateDays first = p.from, last = p.to;
        // The months before a failed training are kept (saved, predicted), as if they had run alone.
        if (plan.error) std::rethrow_exception(plan.error);
        const bool trained_here = plan.trained.has_value();
        const auto month_rows = rows.subset(plan.month);
        SystemPtr sys;
        if (formula) {
            sys = make_formula_system(m, spec.system);
        } else if (!plan.needs_model) {
            log(fmt::format("  {} .. {}: no feature rows, no model trained", core::format_date(first), core::format_date(last)));
            out.push_back(p);
            progress.advance();
            continue;
        } else {
            auto info = std::move(plan.registered);
            if (trained_here) {
                info = save_model(con, *plan.trained, describe_trained(*plan.trained, params, "xgb", version, rows.dates.front(), first - 1),
                                  opt.models_dir);
                plan.trained.reset();
            }
            require_usable(*info, m, first);
            sys = XgbSystem::load(*info);
        }
        const auto pred = sys->predict(month_rows);
        const auto w = write_predictions(con, *sys, month_rows, pred, first, last, m.stat);
        p.model = sys->model();
        p.written = w.written;
        p.not_predicted = w.not_predicted;
        std::string early_note;
        if (early) {
            const auto e = predict_early_rows(con, *sys, first, last, m.stat);
            p.early_written = e.written.written;
            p.not_predicted += e.written.not_predicted;
            early_note = e.unavailable.empty() ? fmt::format(", {} early-season predictions", p.early_written)
                                               : ", early-season mode unavailable: " + e.unavailable;
            if (e.no_previous_season + e.no_games)
                early_note += fmt::format(" ({} flagged: no previous-season game behind them, {} with no game at all)",
                                          e.no_previous_season + e.no_games, e.no_games);
        }
        log(fmt::format("  {} .. {}: model {}{} ({} training rows), {} predictions{}, {} not predicted", core::format_date(first),
                        core::format_date(last), p.model, p.reused ? " (registered, reused)" : "", p.training_rows, p.written,
                        early_note, p.not_predicted));
        out.push_back(p);
        if (!trained_here) progress.advance();
    }
    progress.finish();
    return out;
}

}  // namespace courtside::models
