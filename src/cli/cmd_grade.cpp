#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/model_options.hpp"
#include "core/dates.hpp"
#include "grading/grade_summary.hpp"
#include "grading/grades_table.hpp"
#include "grading/walk_forward.hpp"
#include "models/registry.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace courtside::cli {

namespace {
struct GradeArgs {
    std::string from, to, market = "points", system = "xgb", model, out, walk_forward = "none",
                features = "v3", models_dir;
    double edge = -1, min_ev = 0;
    bool calibrate = true, early = false;
    models::XgbParams params;
};
}  // namespace

void add_grade_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("grade", "grade predictions against the props lines and the results; hit rates, ROI, calibration");
    auto a = std::make_shared<GradeArgs>();
    cmd->add_option("--from", a->from, "first game date (YYYY-MM-DD)")->required();
    cmd->add_option("--to", a->to, "last game date")->required();
    cmd->add_option("--market", a->market, "points | threes")->check(CLI::IsMember({"points", "threes"}))->capture_default_str();
    cmd->add_option("--system", a->system,
                    "xgb, or a baseline: points season_avg | last_10_avg | moving_average | rules_v1; "
                    "threes fg3m_season_avg | fg3m_last_10_avg")
        ->capture_default_str();
    cmd->add_option("--model", a->model, "grade only this xgb model's predictions (default: per line, the latest-trained "
                                         "usable model)");
    cmd->add_option("--edge", a->edge, "edge threshold for OVER/UNDER (default: 1.5 points, 0.3 threes)");
    cmd->add_option("--min-ev", a->min_ev, "a side is recommended by EV when its expected profit per unit exceeds this")
        ->capture_default_str();
    cmd->add_option("--train-walk-forward", a->walk_forward,
                    "none: grade the predictions already stored; month: first, per month of the range, train xgb on every "
                    "row before the month and predict the month (formula systems just predict)")
        ->check(CLI::IsMember({"none", "month"}))
        ->capture_default_str();
    cmd->add_option("--features", a->features, "feature set of the walk-forward xgb models")->capture_default_str();
    cmd->add_flag("--early-season", a->early,
                  "walk-forward: also predict the bootstrap dates from carried-over early-season rows "
                  "(points or threes)");
    cmd->add_option("--calibrate", a->calibrate,
                    "recalibrate P(over) per week on the lines graded in the 365 days before the week (true|false)")
        ->capture_default_str();
    add_models_dir_option(cmd, a->models_dir);
    add_xgb_options(cmd, a->params);
    cmd->add_option("--out", a->out, "write the json/html report here (default: reports/grade_<market>_<system>.<ext>)");
    cmd->footer("Writes models.grades: every consensus line of the market in the range, graded (errors, edge, P(over),\n"
                "EV, recommendations by edge and by EV, correct, push, profit at the posted odds) or with the reason it is\n"
                "not graded. The (game_date, market, system) partitions of the range are replaced in one transaction.\n"
                "A prediction from a model whose training range reaches the line's date is refused (exit 1).");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            const std::string format = format_of(g, {"text", "json", "html"});
            grading::GradeOptions o;
            o.from = date_arg(a->from, "--from");
            o.to = date_arg(a->to, "--to");
            if (o.from > o.to) throw CLI::ValidationError("--from", "--from is after --to");
            o.market = a->market;
            o.system = a->system;
            o.model = a->model;
            o.edge = a->edge;
            o.min_ev = a->min_ev;
            o.features = a->features;
            o.calibrate = a->calibrate;
            auto s = open_store(g);
            if (a->walk_forward == "month") {
                grading::WalkForwardOptions w;
                w.market = a->market;
                w.system = a->system;
                w.features = a->features;
                w.from = o.from;
                w.to = o.to;
                w.params = a->params;
                w.early_season = a->early;
                w.models_dir = models::models_dir(g.resolved_db(), a->models_dir).string();
                w.log = [](const std::string& line) { fmt::print("{}\n", line); };
                fmt::print("walk-forward {} {} by month:\n", a->market, a->system);
                // Grade exactly the walk-forward's predictions, not other models' of the same dates.
                for (const auto& p : grading::walk_forward_predict(*s.con, w))
                    if (!p.model.empty()) o.only_models.push_back(p.model);
                if (o.only_models.empty()) o.only_models.push_back("(none)");
            }
            const auto run = grading::grade_lines(*s.con, o);
            grading::write_grades(*s.con, run);
            const auto summary = grading::summarize(run);
            // Empty work is not a result: no MAE of 0.000 over no lines (SPEC §13).
            const int code = run.graded() > 0 ? kExitOk : kExitFailure;
            if (run.lines.empty())
                fmt::print(stderr, "courtside: no {} lines between {} and {}: nothing to grade\n", a->market,
                           core::format_date(o.from), core::format_date(o.to));
            else if (run.graded() == 0)
                fmt::print(stderr, "courtside: none of the {} {} lines between {} and {} could be graded (reasons above)\n",
                           run.lines.size(), a->market, core::format_date(o.from), core::format_date(o.to));
            if (format == "text") {
                if (!run.lines.empty()) fmt::print("{}", grading::report_text(run, summary));
                return code;
            }
            const std::string ext = format == "json" ? "json" : "html";
            const std::string path =
                a->out.empty() ? fmt::format("reports/grade_{}_{}.{}", a->market, a->system, ext) : a->out;
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
