#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "cli/model_options.hpp"
#include "features/feature_set.hpp"
#include "models/early_season_evaluation.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace courtside::cli {

namespace {
struct EvaluateEarlyArgs {
    std::string from, to, version = "v2", out_dir;
    XgbOptions xgb;  // over the points market's model parameters
};
}  // namespace

void add_evaluate_early_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("evaluate-early",
                                   "score the early-season mode on the bootstrap days: xgb on carried-over rows vs early baselines");
    auto a = std::make_shared<EvaluateEarlyArgs>();
    cmd->add_option("--from", a->from, "first game date (YYYY-MM-DD)")->required();
    cmd->add_option("--to", a->to, "last game date")->required();
    cmd->add_option("--features", a->version, "feature set of the early rows and of xgb: " + features::feature_versions_text())
        ->check(CLI::IsMember(features::feature_versions()))
        ->capture_default_str();
    cmd->add_option("--out", a->out_dir, "report directory (default: reports/, as orchestrate, grade and daily)");
    a->xgb.add_to(cmd);
    cmd->footer("Reads precompute.ml_feature_store_early[_<version>] (run Phase 4 first). For each season, xgb is trained\n"
                "on every regular feature-store row before the season's first game, then predicts the season's early rows;\n"
                "prev_season_avg, last_10_across and season_so_far are scored on the same rows. Writes early_season.txt\n"
                "and early_season.json. Exit status 0 whatever the outcome (the report says whether xgb wins), 1 when no row\n"
                "was scored, 2 for a usage error.");
    cmd->callback([&g, &action, a] {
        action = [&g, a] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: this command prints text
            models::EarlyEvaluationOptions o;
            o.from = date_arg(a->from, "--from");
            o.to = date_arg(a->to, "--to");
            check_range(o.from, o.to);  // a usage error (exit 2) as in every other command (audit)
            o.version = a->version;
            o.params = a->xgb.resolve(models::market("points").model);
            o.log = [&g](const std::string& line) {
                if (!g.quiet) fmt::print(stderr, "{}\n", line);
            };
            auto s = open_existing_store(g);  // a mistyped --db is refused, not created empty
            auto r = models::evaluate_early_season(*s.con, o);
            namespace fs = std::filesystem;
            // ./reports, as orchestrate, grade and daily write theirs (it was beside the store; audit).
            fs::path dir = a->out_dir.empty() ? fs::path("reports") : fs::path(a->out_dir);
            fs::create_directories(dir);
            const std::string text = models::early_report_text(r);
            std::ofstream(dir / "early_season.txt") << text;
            std::ofstream(dir / "early_season.json") << models::early_report_json(r).dump(2) << "\n";
            fmt::print("{}reports: {} {}\n", text, (dir / "early_season.txt").string(), (dir / "early_season.json").string());
            // Empty work is not a result (SPEC §13): 0 scored rows says why and fails.
            size_t scored = 0;
            for (const auto& period : r.periods) scored += period.rows;
            if (scored == 0) {
                std::string why;
                for (const auto& [reason, n] : r.excluded) why += fmt::format("{}{} x{}", why.empty() ? "" : "; ", reason, n);
                fmt::print(stderr, "courtside: evaluate-early scored 0 rows between {} and {}{}\n", a->from, a->to,
                           why.empty() ? ": no early-season rows in the range" : " (excluded: " + why + ")");
                return kExitFailure;
            }
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
