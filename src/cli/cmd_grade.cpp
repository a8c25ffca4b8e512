#include "cli/date_arg.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/model_options.hpp"
#include "core/dates.hpp"
#include "grading/grade_summary.hpp"
#include "grading/grades_table.hpp"
#include "models/market_predictions.hpp"
#include "models/registry.hpp"
#include "models/walk_forward.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace courtside::cli {

namespace {
struct GradeArgs {
    std::string from, to, model, out, walk_forward = "none", models_dir;
    double edge = -1, min_ev = 0;
    bool calibrate = true, blend = false, odds_anchor = false;
    CLI::Option *anchor_option = nullptr, *fit_option = nullptr;  // not given: the market's
    std::string blend_fit = "lsq";
    CLI::Option* blend_option = nullptr;  // not given: the market's default
    models::PredictorSpec predictor;  // what the walk-forward predicts with and whose predictions are graded
    XgbOptions xgb;                   // over the market's model parameters
};
}  // namespace

void add_grade_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("grade", "grade predictions against the props lines and the results; hit rates, ROI, calibration");
    auto a = std::make_shared<GradeArgs>();
    cmd->add_option("--from", a->from, "first game date (YYYY-MM-DD)")->required();
    cmd->add_option("--to", a->to, "last game date")->required();
    add_market_option(cmd, a->predictor.market);
    add_system_option(cmd, a->predictor.system)->capture_default_str();
    cmd->add_option("--model", a->model, "grade only this xgb model's predictions (default: per line, the latest-trained "
                                         "usable model)");
    cmd->add_option("--edge", a->edge, "edge threshold for OVER/UNDER, >= 0 (default: 1.5 points, 0.3 threes)")
        ->check(number_within(0, HUGE_VAL));  // a negative one silently meant the default
    cmd->add_option("--min-ev", a->min_ev, "a side is recommended by EV when its expected profit per unit exceeds this")
        ->capture_default_str();
    cmd->add_option("--train-walk-forward", a->walk_forward,
                    "none: grade the predictions already stored; month: first, per month of the range, train xgb on every "
                    "row before the month and predict the month (formula systems just predict)")
        ->check(CLI::IsMember({"none", "month"}))
        ->capture_default_str();
    cmd->add_option("--features", a->predictor.features, "feature set of the walk-forward xgb models")->capture_default_str();
    cmd->add_flag("--early-season", a->predictor.early_season,
                  "walk-forward: also predict the bootstrap dates from carried-over early-season rows "
                  "(points or threes)");
    a->blend_option = cmd->add_option("--line-blend", a->blend,
                                      "grade the model blended with the book's line, line + c + w (model - line), w and c "
                                      "fitted per date on the lines graded before it and shrunk toward the line itself "
                                      "(true|false; default: the market's, on for both)");
    a->anchor_option = cmd->add_option("--odds-anchor", a->odds_anchor,
                    "with --line-blend: anchor on the line's odds-implied median (the prediction at which the model's "
                    "spread gives the line the book's de-vigged P(over)) instead of its posted number (true|false; default: the "
                    "market's, on for threes)");
    a->fit_option = cmd->add_option("--blend-fit", a->blend_fit,
                    "with --line-blend: fit the weight and shift by least squares (lsq) or least absolute deviations "
                    "(lad) (default: the market's, lad for threes)")
        ->check(CLI::IsMember({"lsq", "lad"}));
    cmd->add_option("--calibrate", a->calibrate,
                    "recalibrate P(over) per week on the lines graded in the 365 days before the week (true|false)")
        ->capture_default_str();
    add_models_dir_option(cmd, a->models_dir);
    a->xgb.add_to(cmd);
    cmd->add_option("--out", a->out, "write the json/html report to this file (json: default stdout; html: default reports/grade_<market>_<system>.html)");
    cmd->footer("Writes models.grades: every consensus line of the market in the range, graded (errors, edge, P(over),\n"
                "EV, recommendations by edge and by EV, correct, push, profit at the posted odds) or with the reason it is\n"
                "not graded. The (game_date, market, system) partitions of the range are replaced in one transaction.\n"
                "A prediction from a model whose training range reaches the line's date is refused (exit 1).");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            const std::string format = format_of(g, {"text", "json", "html"});
            grading::GradeOptions o;
            a->predictor.params = a->xgb.resolve(a->predictor.market_info().model);
            o.predictor = models::for_market(a->predictor);
            o.predictor.validate();
            o.from = date_arg(a->from, "--from");
            o.to = date_arg(a->to, "--to");
            check_range(o.from, o.to);
            o.model = a->model;
            o.edge = a->edge;
            o.min_ev = a->min_ev;
            o.calibrate = a->calibrate;
            o.blend = o.predictor.market_info().blend;
            if (a->anchor_option->count() > 0) o.blend.odds_anchor = a->odds_anchor;
            if (a->fit_option->count() > 0) o.blend.least_absolute = a->blend_fit == "lad";
            o.blend_with_line = a->blend_option->count() > 0 ? a->blend : o.predictor.market_info().blend_with_line;
            auto s = open_existing_store(g);  // a mistyped --db is refused, not created empty
            // A model of the other stat is a usage error, as predict's (it graded nothing and
            // advised running predict, which refuses it; audit).
            if (!a->model.empty()) {
                try {
                    models::require_market(models::find_model(*s.con, a->model), o.predictor.market_info());
                } catch (const std::invalid_argument& e) {
                    throw CLI::ValidationError("--model", e.what());
                }
            }
            if (a->walk_forward == "month") {
                // The months' models are said beside the report; on stderr when stdout is the JSON
                // (they came before it and broke `| jq`; audit). -q drops the progress bar only.
                FILE* said = format == "json" && a->out.empty() ? stderr : stdout;
                models::WalkForwardOptions w{o.predictor, o.from, o.to,
                                             models::models_dir(g.resolved_db(), a->models_dir).string(),
                                             [said](const std::string& line) { fmt::print(said, "{}\n", line); }, !g.quiet,
                                             g.workers};
                fmt::print(said, "walk-forward {} {} by month:\n", o.predictor.market, o.predictor.system);
                // Grade exactly the walk-forward's predictions, not other models' of the same dates.
                for (const auto& p : models::walk_forward_predict(*s.con, w))
                    if (!p.model.empty()) o.only_models.push_back(p.model);
                if (o.only_models.empty()) o.only_models.push_back("(none)");
            }
            const auto run = grading::grade_lines(*s.con, o);
            grading::write_grades(*s.con, run);
            const auto summary = grading::summarize(run);
            // Empty work is not a result: no MAE of 0.000 over no lines (SPEC §13).
            const int code = run.graded() > 0 ? kExitOk : kExitFailure;
            if (run.lines.empty())
                fmt::print(stderr, "courtside: no {} lines between {} and {}: nothing to grade\n", o.predictor.market,
                           core::format_date(o.from), core::format_date(o.to));
            else if (run.graded() == 0)
                fmt::print(stderr, "courtside: none of the {} {} lines between {} and {} could be graded (the report's \"not graded\" lines say why)\n",
                           run.lines.size(), o.predictor.market, core::format_date(o.from), core::format_date(o.to));
            if (format == "text") {
                if (!run.lines.empty()) fmt::print("{}", grading::report_text(run, summary));
                return code;
            }
            // JSON goes to stdout, as validate's, for a pipe (`| jq`; it printed the text report and
            // wrote the JSON to a file; audit); to --out when given. HTML is a file to open.
            if (format == "json" && a->out.empty()) {
                fmt::print("{}\n", grading::report_json(run, summary).dump(2));
                return code;
            }
            const std::string ext = format == "json" ? "json" : "html";
            const std::string path =
                a->out.empty() ? fmt::format("reports/grade_{}_{}.{}", o.predictor.market, o.predictor.system, ext) : a->out;
            if (auto dir = std::filesystem::path(path).parent_path(); !dir.empty()) std::filesystem::create_directories(dir);
            std::ofstream out(path);
            out << (format == "json" ? grading::report_json(run, summary).dump(2) + "\n" : grading::report_html(run, summary));
            if (!out) throw std::runtime_error("cannot write " + path);
            fmt::print("{}", grading::report_text(run, summary));
            fmt::print("report: {}\n", path);
            return code;
        };
    });
}

}  // namespace courtside::cli
