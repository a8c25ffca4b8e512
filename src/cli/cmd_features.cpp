#include "cli/commands.hpp"
#include "core/dates.hpp"
#include "features/feature_quality.hpp"
#include "features/feature_set.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

namespace courtside::cli {

namespace {
struct ShowArgs {
    std::string player, date, version = "v1";
};
}  // namespace

void add_features_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("features", "inspect the ML feature store");
    cmd->require_subcommand(1);
    auto* show = cmd->add_subcommand("show", "print one player's feature vector for a date, with each value's source");
    auto a = std::make_shared<ShowArgs>();
    show->add_option("--player", a->player, "player id or (part of) his name")->required();
    show->add_option("--date", a->date, "game date YYYY-MM-DD")->required();
    show->add_option("--version", a->version, "feature set: " + features::feature_versions_text())->check(CLI::IsMember(features::feature_versions()));
    show->callback([&g, &action, a] {
        action = [&g, a] {
            auto s = open_store(g);
            auto d = core::parse_date(a->date);
            if (!d) throw CLI::ValidationError("--date", "'" + a->date + "' is not a date");
            const auto& defs = features::feature_set(a->version);
            std::string table = a->version == "v1" ? "precompute.ml_feature_store" : "precompute.ml_feature_store_" + a->version;
            std::string cols;
            for (const auto& f : defs) cols += fmt::format(", CAST(\"{}\" AS VARCHAR)", f.name);
            auto q = s.con->prepare(fmt::format(
                "SELECT player_id, player_name, team, opponent, game_id, source_codes, feature_quality_score, quality_tier{} "
                "FROM {} WHERE game_date = ? AND (CAST(player_id AS VARCHAR) = ? OR player_name ILIKE '%' || ? || '%') "
                "ORDER BY player_id",
                cols, table));
            q.bind_date(1, *d).bind(2, a->player).bind(3, a->player);
            auto rows = q.execute().rows_as_text();
            if (rows.empty()) {
                auto led = s.con->prepare("SELECT status, coalesce(reason, error, '') FROM ops.partition_ledger "
                                          "WHERE processor = ? AND partition_date = ?");
                led.bind(1, a->version == "v1" ? std::string("ml_feature_store") : "ml_feature_store_" + a->version).bind_date(2, *d);
                auto l = led.execute().rows_as_text();
                fmt::print(stderr, "no feature row for '{}' on {}{}\n", a->player, a->date,
                           l.empty() ? " (the partition has not been run)" : fmt::format(" (partition {}: {})", *l[0][0], l[0][1].value_or("")));
                return kExitFailure;
            }
            for (const auto& r : rows) {
                fmt::print("{} ({}) {} vs {}  game {}  {}  feature_quality_score {} ({})\n", *r[1], *r[0], *r[2], *r[3], *r[4],
                           a->version, *r[6], *r[7]);
                const std::string& codes = *r[5];
                fmt::print("  {:>2}  {:<28} {:>10}  {:<15} {:<30} {}\n", "#", "feature", "value", "source", "from", "window");
                for (size_t i = 0; i < defs.size(); ++i) {
                    auto src = static_cast<features::Source>(i < codes.size() ? codes[i] : 'M');
                    std::string value = r[8 + i] ? *r[8 + i] : "NULL";
                    if (value.size() > 10) value = value.substr(0, 10);
                    fmt::print("  {:>2}  {:<28} {:>10}  {:<15} {:<30} {}\n", i, defs[i].name, value, features::source_name(src),
                               defs[i].source, defs[i].window);
                }
            }
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
