#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/dates.hpp"
#include "models/registry.hpp"
#include "store/database.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace courtside::cli {

void add_models_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("models", "list the registered models");
    cmd->footer("--format text (a table), csv, or json (the full metadata of every model).");
    cmd->callback([&g, &action] {
        action = [&g] {
            const std::string format = format_of(g, {"text", "json", "csv"});
            auto s = open_read_only_store(g);
            // Read-only: a store where nothing was trained has no models.registry (train creates it).
            const auto all = store::table_exists(*s.con, "models.registry") ? models::registered_models(*s.con)
                                                                             : std::vector<models::ModelInfo>{};
            if (format == "json") {
                nlohmann::json out = nlohmann::json::array();
                for (const auto& m : all) out.push_back(m.to_json());
                fmt::print("{}\n", out.dump(2));
                return kExitOk;
            }
            if (all.empty()) {
                fmt::print(stderr, "no models registered (train one with `courtside train`)\n");
                return kExitOk;
            }
            // first_game: where the rows actually start; a range over seasons the store does not hold
            // (2022-23, 2023-24) starts later than train_from (audit).
            Rows rows{{"model", "features", "train_from", "train_to", "first_game", "rows", "rounds", "valid_mae", "created", "file", "code"},
                      {ColumnKind::Text, ColumnKind::Text, ColumnKind::Text, ColumnKind::Text, ColumnKind::Text, ColumnKind::Integer,
                       ColumnKind::Integer, ColumnKind::Number, ColumnKind::Text, ColumnKind::Text, ColumnKind::Text},
                      {}};
            for (const auto& m : all)
                rows.rows.push_back({m.id, m.feature_version, core::format_date(m.train_from), core::format_date(m.train_to),
                                     m.first_game_date ? core::format_date(m.first_game_date) : std::string("-"),
                                     std::to_string(m.rows_train + m.rows_valid), std::to_string(m.best_rounds),
                                     fmt::format("{:.4f}", m.valid_metrics.mae), m.created_at,
                                     std::string(std::filesystem::exists(m.model_file) ? "ok" : "MISSING"), m.code_version});
            fmt::print("{}", render(rows, format));
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
