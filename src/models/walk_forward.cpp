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

#include <filesystem>

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
    std::vector<WalkForwardPeriod> out;
    const auto months = month_periods(opt.from, opt.to);
    pipeline::Progress progress("months", months.size(), opt.progress);
    for (auto [first, last] : months) {
        WalkForwardPeriod p;
        p.from = first;
        p.to = last;
        std::vector<size_t> month;
        for (size_t i = 0; i < rows.size(); ++i)
            if (rows.dates[i] >= first && rows.dates[i] <= last && !rows.is_carried_over(i)) month.push_back(i);
        p.feature_rows = month.size();
        const auto month_rows = rows.subset(month);
        SystemPtr sys;
        if (formula) {
            sys = make_formula_system(m, spec.system);
        } else if (month.empty() && !early) {
            log(fmt::format("  {} .. {}: no feature rows, no model trained", core::format_date(first), core::format_date(last)));
            out.push_back(p);
            progress.advance();
            continue;
        } else {
            const auto idx = training_rows(rows, first, m.stat);
            p.training_rows = idx.size();
            const store::DateDays train_from = rows.dates.front(), train_to = first - 1;
            const std::string id = model_id("xgb", version, train_from, train_to, params);
            auto info = registered(con, id);
            p.reused = info.has_value();
            if (!info) {
                auto trained = train_xgb(rows, idx, params);
                info = save_model(con, trained, describe_trained(trained, params, "xgb", version, train_from, train_to),
                                          opt.models_dir);
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
        progress.advance();
    }
    progress.finish();
    return out;
}

}  // namespace courtside::models
