// courtside picks: the day's picks from models.picks, computed first when the date has none.
#include "cli/commands.hpp"
#include "cli/date_arg.hpp"
#include "cli/model_options.hpp"
#include "cli/output.hpp"
#include "models/market.hpp"
#include "models/picks_table.hpp"
#include "models/registry.hpp"
#include "picks/picks_builder.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

#include <iostream>

namespace courtside::cli {

namespace {
struct PicksArgs {
    std::string date = "today", market = "points", system = "xgb", model, pricing = "market";
    double edge = -1, min_ev = 0;
    bool rebuild = false;
};
}  // namespace

void add_picks_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("picks", "the day's picks: every props line with the prediction, P(over), edge, EV and the side");
    auto a = std::make_shared<PicksArgs>();
    cmd->add_option("--date", a->date, "game date: YYYY-MM-DD, today, yesterday or tomorrow")->capture_default_str();
    cmd->add_option("--market", a->market, models::market_names())->check(CLI::IsMember(models::market_name_list()))->capture_default_str();
    cmd->add_option("--system", a->system, "xgb, or a formula of the market (season_avg, last_10_avg, ... / fg3m_season_avg ...)")
        ->capture_default_str();
    cmd->add_option("--model", a->model, "xgb: this model id (default: the latest usable model trained before the date)");
    cmd->add_option("--edge", a->edge, "edge needed for a side, >= 0 (default: the market's, 1.5 points / 0.3 threes)")
        ->check(number_within(0, HUGE_VAL));
    cmd->add_option("--min-ev", a->min_ev, "a side also needs its expected profit per unit above this")->capture_default_str();
    cmd->add_option("--price", a->pricing,
                    "market: price as `grade` grades the market (the model blended with the line, fitted on earlier graded lines); "
                    "model: the model's own prediction")
        ->check(CLI::IsMember({"market", "model"}))
        ->capture_default_str();
    cmd->add_flag("--rebuild", a->rebuild, "recompute the picks (and the date's pre-game rows) even when the store holds them");
    cmd->footer("Reads models.picks; when it has no row for the date, market and system (or with --rebuild), builds the\n"
                "date's pre-game rows if missing or their inputs changed since (partitions of earlier dates, the date's lines,\n"
                "injury report, schedule), predicts them and writes the picks first; stored picks whose inputs changed since\n"
                "are shown with a note. --price, --edge, --min-ev or --model other than the stored picks' show a preview\n"
                "(models.picks_preview) and leave the day's picks and pre-game rows as they are; --rebuild replaces them.\n"
                "Players listed out on the injury report before tip-off are shown as out and never picked. Exit 1 when the\n"
                "date has no line.");
    cmd->callback([&g, &action, a, cmd] {
        action = [&g, a, cmd] {
            const std::string format = format_of(g, {"text", "csv", "json"});
            const core::Date d = date_arg(a->date, "--date");
            // A points formula names its threes counterpart as daily takes it (season_avg ->
            // fg3m_season_avg); a system the market has no formula of is a usage error (it wrote
            // PASS rows, exit 0; audit).
            const auto& market = models::market(a->market);
            a->system = system_of_market(market, a->system);
            // Showing stored picks only reads: a store this user cannot write is opened read-only.
            auto s = open_store_to_read(g);
            // A model that is not registered is a usage error, before the stored picks are touched:
            // it rewrote the date's picks as "no prediction" rows and exited 0 (audit).
            if (!a->model.empty()) {
                try {
                    models::find_model(*s.con, a->model);
                } catch (const std::invalid_argument& e) {  // an unknown id; a store error stays one
                    throw CLI::ValidationError("--model", e.what());
                }
            }
            std::optional<picks::PicksSummary> built;
            // Without pricing flags the stored picks are shown as stored (e.g. by `daily --price
            // model`). A flag given always takes effect: stored picks taken with other settings are
            // rewritten with the ones asked for.
            picks::PicksOptions o{d, a->market, a->system, a->model, a->edge, a->min_ev, a->pricing, g.settings};
            const bool flags = cmd->count("--price") || cmd->count("--edge") || cmd->count("--min-ev") || cmd->count("--model");
            const auto stored = picks::stored_picks(*s.con, o);
            // Other settings than the stored picks' are a preview (models.picks_preview): the day's
            // picks, which daily settles and serve shows, change only with --rebuild (audit: trying
            // --edge 0.5 replaced them, and the next day settled 37 picks daily never made).
            o.preview = stored.any && flags && !stored.match && !a->rebuild;
            o.refresh_pregame = a->rebuild;
            if (a->rebuild || !stored.any || o.preview) {
                if (s.read_only)
                    throw std::runtime_error(fmt::format(
                        "the {} picks of {} ({}{}) are {} and building them writes the store: {}", a->market, core::format_date(d),
                        a->system, flags ? ", with these settings" : "",
                        !stored.any ? "not stored" : a->rebuild ? "to be rebuilt (--rebuild)" : "stored with other settings",
                        s.why_read_only));
                built = picks::build_picks(*s.con, o);
            }
            const std::string table = o.preview ? models::picks_preview_spec().qualified() : models::picks_spec().qualified();
            // The text table rounds for reading; CSV and JSON are for programs: full precision and the
            // row's keys (they had the text's rounding and no ids; audit).
            const bool text = format == "text";
            auto rounded = [&](const char* expr, int digits, const char* name) {
                return text ? fmt::format("round({}, {}) AS {}", expr, digits, name) : fmt::format("{} AS {}", expr, name);
            };
            auto q = s.con->prepare(fmt::format(
                "SELECT {}player_name AS player, team, opponent, game, market, line, books, {}, {}, {}, {}, "
                "CASE WHEN side = 'OVER' THEN best_over_odds WHEN side = 'UNDER' THEN best_under_odds END AS odds, "
                "CASE WHEN side = 'OVER' THEN best_over_book WHEN side = 'UNDER' THEN best_under_book END AS book, "
                "side, pass_reason, injury_status AS injury, quality_tier AS tier, model{} "
                "FROM {} WHERE game_date = ? AND market = ? AND system = ? "
                "ORDER BY side = 'PASS', abs(edge) DESC NULLS LAST, player_name",
                text ? "" : "game_date, game_id, player_id, ", rounded("predicted", 1, "predicted"), rounded("p_over", 3, "p_over"),
                rounded("edge", 1, "edge"), rounded(models::kSideEvSql, 3, "ev"),
                // What the text prints as header lines, on each row for programs: the settings the
                // picks were taken with and whether they are the day's picks or a preview (audit).
                text ? std::string()
                     : fmt::format(", pricing, edge_threshold, min_ev, {}, {} AS preview",
                                   // a store written before the column, opened read-only, shows it NULL
                                   store::existing_columns(*s.con, o.preview ? models::picks_preview_spec() : models::picks_spec())
                                           .count("model_predicted")
                                       ? "model_predicted"
                                       : "NULL::DOUBLE AS model_predicted",
                                   o.preview ? "TRUE" : "FALSE"),
                table));
            q.bind_date(1, d).bind(2, a->market).bind(3, a->system);
            auto result = q.execute();
            Rows rows = rows_of(result);
            if (rows.rows.empty()) {
                std::cerr << fmt::format("no {} lines on {}: nothing to pick\n", a->market, core::format_date(d));
                return kExitFailure;
            }
            if (format == "text") {
                size_t picked = 0;
                for (const auto& r : rows.rows) picked += r[13] && *r[13] != "PASS";
                std::cout << fmt::format("{} picks on {} ({}): {} lines, {} picked, {} passed{}\n", a->market, core::format_date(d),
                                         a->system, rows.rows.size(), picked, rows.rows.size() - picked,
                                         built && !built->no_model.empty() ? " (no prediction: " + built->no_model + ")" : "");
                if (built && built->no_model.empty()) std::cout << picks::pricing_text(*built) << "\n";
                if (built && !built->pregame_why.empty())
                    std::cout << "pre-game rows of " << core::format_date(d) << " built again: " << built->pregame_why << "\n";
                if (built && !built->pregame_outdated.empty())
                    std::cout << "note: this preview uses the day's pre-game rows as they are: " << built->pregame_outdated
                              << "; --rebuild builds them again\n";
                if (!built) {
                    std::cout << picks::stored_settings_text(*s.con, o)
                              << " (--rebuild recomputes them; --price, --edge or --min-ev preview other settings)\n";
                    if (auto outdated = picks::stored_picks_outdated(*s.con, o))
                        std::cout << "note: " << *outdated << ": --rebuild recomputes them with what the store holds now\n";
                }
                if (o.preview)
                    std::cout << "a preview with these settings (models.picks_preview): the day's " << picks::stored_settings_text(*s.con, o)
                              << ", are unchanged; --rebuild makes these the day's picks\n";
            }
            std::cout << render(rows, format);
            // A model asked for by name that cannot predict the date (trained through it, or of
            // another stat) is a failure, not a day of PASS rows with exit 0 (audit).
            if (!a->model.empty() && built && !built->no_model.empty()) {
                std::cerr << fmt::format("courtside: --model {} cannot predict {} on {}: {}\n", a->model, a->market,
                                         core::format_date(d), built->no_model);
                return kExitFailure;
            }
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
