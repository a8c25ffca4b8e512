#include "cli/date_arg.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/model_options.hpp"
#include "models/early_season_predict.hpp"
#include "models/market_predictions.hpp"
#include "models/predictions_writer.hpp"
#include "pipeline/partition_runner.hpp"
#include "pipeline/season_calendar.hpp"
#include "pipeline/settings.hpp"
#include "models/registry.hpp"
#include "models/systems.hpp"
#include "models/training_set.hpp"
#include "models/xgb_system.hpp"
#include "store/database.hpp"
#include "store/ledger.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <set>

namespace courtside::cli {

namespace {
struct PredictArgs {
    std::string date, from, to, system, model, market = "points";
    bool early = false, no_early = false;  // default: config models.early_season
};
}  // namespace

void add_predict_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("predict", "predict points or threes (--market) for every player-game of a date (or range) and store them");
    auto a = std::make_shared<PredictArgs>();
    auto* date = cmd->add_option("--date", a->date, "game date (YYYY-MM-DD)");
    auto* from = cmd->add_option("--from", a->from, "first game date of a range");
    auto* to = cmd->add_option("--to", a->to, "last game date of a range");
    date->excludes(from)->excludes(to);
    from->needs(to);
    to->needs(from);
    add_system_option(cmd, a->system)->required();
    add_market_option(cmd, a->market);
    cmd->add_option("--model", a->model, "xgb model id (see `courtside models`) or metadata .json path; "
                                         "default: the latest model trained before the first date");
    cmd->add_flag("--early-season", a->early, "also predict the season's bootstrap dates from the carried-over early-season "
                                              "rows (default: config models.early_season)");
    cmd->add_flag("--no-early-season", a->no_early, "only feature-store rows, whatever the config says")->excludes("--early-season");
    cmd->footer("Writes models.predictions, replacing the (date, system, model) partitions of the range in one\n"
                "transaction. A prediction for D reads only D's feature row (built from games before D) and a model\n"
                "whose training range ends before D; any other model is refused.");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            const auto start = std::chrono::steady_clock::now();
            if (a->date.empty() && a->from.empty()) throw CLI::ValidationError("--date", "give --date or --from/--to");
            const core::Date first = date_arg(a->date.empty() ? a->from : a->date, "--from");
            const core::Date last = a->date.empty() ? date_arg(a->to, "--to") : first;
            check_range(first, last);
            if (a->system != "xgb" && !a->model.empty())
                throw CLI::ValidationError("--model", "--model applies to --system xgb only");
            auto s = open_existing_store(g);  // a store that does not exist is named, not created empty
            // A range without games is refused as backfill refuses it (pipeline::EmptyRange, exit 1,
            // naming the calendar's span), before anything is loaded or written.
            const auto calendar = pipeline::SeasonCalendar::load(*s.con);
            const size_t game_dates = calendar.require_game_dates(first, last).size();

            // The market decides the stat: a model of the other stat is refused (models/market_predictions.hpp).
            const auto& market = models::market(a->market);
            models::SystemPtr system = models::load_market_system(*s.con, market, a->system, a->model, first);
            auto rows = models::load_feature_rows(*s.con, system->feature_version(), first, last);
            auto predicted = system->predict(rows);
            auto w = models::write_predictions(*s.con, *system, rows, predicted, first, last, market.stat);
            // Early-season mode: bootstrap dates (no feature-store rows) from carried-over rows.
            const bool early = a->early || (!a->no_early && g.settings.early_season);
            models::EarlyPredictSummary es;
            if (early) es = models::predict_early_rows(*s.con, *system, first, last, market.stat);
            const models::WriteSummary& ew = es.written;
            const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

            // Dates counted are game dates: of the range's, those a prediction was written for.
            std::set<store::DateDays> predicted_dates;
            for (size_t i = 0; i < rows.size(); ++i)
                if (!std::isnan(predicted[i])) predicted_dates.insert(rows.dates[i]);
            const size_t range_dates = static_cast<size_t>(last - first + 1);
            const std::string without_games =
                range_dates > game_dates ? fmt::format("; {} of the {} dates asked without games", range_dates - game_dates, range_dates)
                                         : std::string();
            fmt::print("predict {} {} (model {}, features {}) {} .. {}: {} predictions written ",
                       a->market, system->name(), system->model(), system->feature_version(), core::format_date(first),
                       core::format_date(last), w.written);
            if (predicted_dates.size() + ew.dates == game_dates) fmt::print("over {} game dates{}", game_dates, without_games);
            else fmt::print("on {} of the range's {} game dates{}", predicted_dates.size() + ew.dates, game_dates, without_games);
            if (ew.dates)
                fmt::print("; early-season mode: {} predictions from carried-over rows (feature_version {}) over {} bootstrap dates",
                           ew.written, models::early_feature_version(system->feature_version()), ew.dates);
            if (es.no_previous_season + es.no_games)
                fmt::print("; flagged: {} early predictions with no previous-season game behind them ({} on this season's games "
                           "only, {} on none: the model's prior alone)",
                           es.no_previous_season + es.no_games, es.no_previous_season, es.no_games);
            if (w.not_predicted + ew.not_predicted)
                fmt::print("; {} player-games not predicted (no earlier game this season: the formula has no input)",
                           w.not_predicted + ew.not_predicted);
            fmt::print("; {:.3f}s\n", secs);
            if (!es.unavailable.empty())
                fmt::print(stderr, "note: early-season mode: bootstrap dates of the range not predicted: {}\n", es.unavailable);
            if (w.written + ew.written == 0) {  // nothing predicted: said, and not a success
                if (rows.size() == 0 && ew.dates == 0) {
                    // Phase 4 may have run and left the dates empty: its ledger says why. Advising
                    // the backfill then repeated itself after the backfill changed nothing (audit).
                    std::string table = models::feature_table(system->feature_version());
                    const std::string processor = table.substr(table.find('.') + 1);
                    std::map<std::string, size_t> empty;  // reason -> dates
                    for (const auto& [d, e] : store::Ledger(*s.con).load(processor, first, last))
                        if (e.status == store::status::kCompleteEmpty) ++empty[e.reason.empty() ? e.status : e.reason];
                    if (empty.empty()) {
                        fmt::print(stderr, "courtside: nothing predicted: no feature rows on the range's {} game dates (Phase 4 has not "
                                           "run for them: `courtside backfill --phase 4 --from {} --to {}`)\n",
                                   game_dates, core::format_date(first), core::format_date(last));
                    } else {
                        fmt::print(stderr, "courtside: nothing predicted: no feature rows on the range's {} game dates; {} ran and left "
                                           "them empty:\n",
                                   game_dates, processor);
                        size_t shown = 0;
                        for (const auto& [reason, n] : empty)
                            if (shown++ < 5) fmt::print(stderr, "  {} date(s): {}\n", n, reason);
                        if (empty.size() > 5) fmt::print(stderr, "  ... {} more reasons (ops.partition_ledger)\n", empty.size() - 5);
                    }
                } else
                    fmt::print(stderr, "courtside: nothing predicted: {} cannot predict any of the {} player-games (no earlier game "
                                       "this season behind them)\n",
                               system->name(), rows.size());
                return kExitFailure;
            }
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
