#include "cli/date_arg.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/model_options.hpp"
#include "features/feature_set.hpp"
#include "models/evaluation.hpp"
#include "models/report.hpp"
#include "models/scoring.hpp"
#include "pipeline/season_calendar.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace courtside::cli {

namespace {
struct EvaluateArgs {
    std::string from, to, walk = "season", out_dir;
    std::vector<std::string> systems = {"season_avg", "last_10_avg", "moving_average", "rules_v1", "xgb"};
    std::vector<std::string> features = models::EvaluationOptions{}.xgb_features;
    double audit_threshold = 0.20;
    XgbOptions xgb;  // over the points market's model parameters
};

void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}
}  // namespace

void add_evaluate_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("evaluate", "walk-forward evaluation of every prediction system on identical rows");
    auto a = std::make_shared<EvaluateArgs>();
    cmd->add_option("--from", a->from, "first game date of the test range (YYYY-MM-DD)")->required();
    cmd->add_option("--to", a->to, "last game date of the test range")->required();
    cmd->add_option("--walk-forward", a->walk, "test period: season | month")
        ->check(CLI::IsMember({"season", "month"}))
        ->capture_default_str();
    cmd->add_option("--systems", a->systems, "systems to score (xgb = one model per --features set)")
        ->delimiter(',')
        ->capture_default_str();
    cmd->add_option("--features", a->features, "feature sets for xgb")
        ->delimiter(',')
        ->check(CLI::IsMember(features::feature_versions()))
        ->capture_default_str();
    cmd->add_option("--audit-threshold", a->audit_threshold,
                    "stop and ask for an audit when xgb beats last_10_avg by more than this share of MAE")
        ->capture_default_str();
    cmd->add_option("--out", a->out_dir, "report directory (default: reports/, as orchestrate, grade and daily)");
    a->xgb.add_to(cmd);
    cmd->footer("For each test period, xgb is trained on every game before the period (early stopping on the\n"
                "chronologically last 15% of those), then every system predicts the period. All systems are scored\n"
                "on identical rows. Writes evaluation.txt, evaluation.json and evaluation.html.\n"
                "Exit status: 0 done, 1 error or the leakage guard stopped the run (audit required).");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            models::EvaluationOptions o;
            o.from = date_arg(a->from, "--from");
            o.to = date_arg(a->to, "--to");
            check_range(o.from, o.to);
            o.walk_forward = a->walk == "season" ? models::WalkForward::Season : models::WalkForward::Month;
            o.systems = a->systems;
            o.xgb_features = a->features;
            o.params = a->xgb.resolve(models::market("points").model);
            o.audit_threshold = a->audit_threshold;
            o.progress = !g.quiet;
            o.workers = g.workers;
            o.bootstrap_days = g.settings.bootstrap_days;
            o.log = [&g](const std::string& line) {
                if (!g.quiet) fmt::print(stderr, "{}\n", line);
            };
            auto s = open_existing_store(g);  // a mistyped --db is refused, not created empty
            // A range without games is refused as predict and backfill refuse it (exit 1, naming the calendar).
            pipeline::SeasonCalendar::load(*s.con).require_game_dates(o.from, o.to);
            auto result = models::evaluate(*s.con, o);
            auto scores = models::score(result);

            namespace fs = std::filesystem;
            // ./reports, as orchestrate, grade and daily write theirs (it was beside the store; audit).
            fs::path dir = a->out_dir.empty() ? fs::path("reports") : fs::path(a->out_dir);
            fs::create_directories(dir);
            const std::string text = models::report_text(result, scores);
            write_file(dir / "evaluation.json", models::report_json(result, scores).dump(2) + "\n");
            if (result.audit_required) {
                // No results page: the numbers are not to be believed until the audit is done.
                const std::string audit = models::audit_text(result);
                write_file(dir / "evaluation.txt", audit + "\n" + models::population_statement(result));
                fmt::print("{}\n{}", audit, models::population_statement(result));
                fmt::print("details (status audit_required): {}\n", (dir / "evaluation.json").string());
                return kExitFailure;
            }
            write_file(dir / "evaluation.txt", text);
            write_file(dir / "evaluation.html", models::report_html(result, scores));
            fmt::print("{}\nreports: {} {} {}\n", text, (dir / "evaluation.txt").string(), (dir / "evaluation.json").string(),
                       (dir / "evaluation.html").string());
            // Game dates the store could score once Phase 4 has run are not a finished evaluation
            // of the range (dates the store has no data for are only said).
            if (result.game_dates_without_phase4 > 0) {
                fmt::print(stderr, "courtside: evaluate: {}\n", result.coverage_note);
                return kExitFailure;
            }
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
