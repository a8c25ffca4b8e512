#include "cli/commands.hpp"
#include "core/dates.hpp"
#include "models/registry.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace courtside::cli {

void add_models_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("models", "list the registered models");
    auto json = std::make_shared<bool>(false);
    cmd->add_flag("--json", *json, "print the full metadata of every model as JSON");
    cmd->callback([&g, &action, json] {
        action = [&g, json] {
            auto s = open_store(g);
            auto all = models::list_models(*s.con);
            if (*json) {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& m : all) out.push_back(m.to_json());
                fmt::print("{}\n", out.dump(2));
                return kExitOk;
            }
            if (all.empty()) {
                fmt::print("no models registered (train one with `courtside train`)\n");
                return kExitOk;
            }
            fmt::print("{:<34} {:<4} {:<23} {:>8} {:>7} {:>8} {:<21} {:<4} {}\n", "model", "feat", "training range",
                       "rows", "rounds", "val MAE", "created", "file", "code");
            for (const auto& m : all)
                fmt::print("{:<34} {:<4} {} .. {} {:>8} {:>7} {:>8.4f} {:<21} {:<4} {}\n", m.id, m.feature_version,
                           core::format_date(m.train_from), core::format_date(m.train_to), m.rows_train + m.rows_valid,
                           m.best_rounds, m.valid_metrics.mae, m.created_at,
                           std::filesystem::exists(m.model_file) ? "ok" : "MISSING", m.code_version);
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
