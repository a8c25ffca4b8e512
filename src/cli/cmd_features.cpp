#include "cli/commands.hpp"
#include "cli/date_arg.hpp"
#include "cli/output.hpp"
#include "cli/player_arg.hpp"
#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "features/feature_quality.hpp"
#include "features/feature_set.hpp"
#include "pipeline/season_calendar.hpp"
#include "store/database.hpp"
#include "store/ledger.hpp"

#include <fmt/format.h>

namespace courtside::cli {

namespace {
struct ShowArgs {
    std::string player, date, version = "v1";
};

// Why a player has no feature row on a date whose partition ran: he did not play (a status row),
// his team had no game that day, or his team played without him. Never empty.
std::string why_no_row(store::Connection& con, int64_t player_id, core::Date d) {
    const std::string day = core::format_date(d);
    {
        auto q = con.prepare("SELECT team, status, reason FROM analytics.player_game_status WHERE player_id = ? AND game_date = ? LIMIT 1");
        q.bind(1, player_id).bind_date(2, d);
        auto rows = q.execute().rows_as_text();
        if (!rows.empty())
            return fmt::format("the player did not play for {} on {}: {}{}", rows[0][0].value_or("?"), day, rows[0][1].value_or("?"),
                               rows[0][2] && !rows[0][2]->empty() ? " (" + *rows[0][2] + ")" : "");
    }
    {
        auto q = con.prepare("SELECT game_id FROM analytics.player_game_summary WHERE player_id = ? AND game_date = ? LIMIT 1");
        q.bind(1, player_id).bind_date(2, d);
        if (auto game = q.execute().scalar_string())
            return fmt::format("the player played on {} (game {}), but the feature store has no row for that game", day, *game);
    }
    // His team then: the team of his last game before the date (else of his first after it).
    auto q = con.prepare(
        "SELECT team, CAST(game_date AS VARCHAR), game_date < ? AS before FROM analytics.player_game_summary WHERE player_id = ? "
        "ORDER BY game_date < ? DESC, abs(date_diff('day', game_date, ?)) LIMIT 1");
    q.bind_date(1, d).bind(2, player_id).bind_date(3, d).bind_date(4, d);
    auto rows = q.execute().rows_as_text();
    if (rows.empty()) return fmt::format("the player has no game in the store's box scores (nothing on {} or any other date)", day);
    const std::string team = rows[0][0].value_or("?"), last = rows[0][1].value_or("?");
    const std::string game_text = rows[0][2] == "true" ? "last game before it" : "first game after it";
    auto played = con.prepare("SELECT count(*) FROM raw.team_game_log WHERE team_abbreviation = ? AND game_date = ?");
    played.bind(1, team).bind_date(2, d);
    if (played.execute().scalar_int().value_or(0) == 0)
        return fmt::format("the player's team {} had no game on {} (his {}: {})", team, day, game_text, last);
    return fmt::format("{} played on {}, but the player is not in its box score (did not play, or not on its roster then; "
                       "his {}: {} with {})",
                       team, day, game_text, last, team);
}

}  // namespace

void add_features_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("features", "inspect the ML feature store");
    cmd->require_subcommand(1);
    auto* show = cmd->add_subcommand("show", "print one player's feature vector for a date, with each value's source");
    auto a = std::make_shared<ShowArgs>();
    show->add_option("--player", a->player, "player id or name (accents and case ignored: \"Nikola Jokić\", \"jokic\")")->required();
    show->add_option("--date", a->date, "game date (YYYY-MM-DD, today, yesterday)")->required();
    show->add_option("--version", a->version, "feature set: " + features::feature_versions_text())->check(CLI::IsMember(features::feature_versions()));
    show->callback([&g, &action, a] {
        action = [&g, a] {
            const std::string format = format_of(g, {"text", "json", "csv"});
            auto s = open_read_only_store(g);
            const core::Date d = date_arg(a->date, "--date");
            const auto player = resolve_player(*s.con, a->player, d);
            const auto& defs = features::feature_set(a->version);
            const std::string processor = a->version == "v1" ? "ml_feature_store" : "ml_feature_store_" + a->version;
            std::string cols;
            for (const auto& f : defs) cols += fmt::format(", CAST(\"{}\" AS VARCHAR)", f.name);
            auto row_of = [&](const std::string& table) {
                auto q = s.con->prepare(fmt::format(
                    "SELECT player_id, player_name, team, opponent, game_id, source_codes, feature_quality_score, quality_tier{} "
                    "FROM precompute.{} WHERE game_date = ? AND player_id = ?",
                    cols, table));
                q.bind_date(1, d).bind(2, player.player_id);
                return q.execute().rows_as_text();
            };
            auto rows = row_of(processor);
            // A bootstrap date's rows are in the early-season store (the same columns, carried over
            // from the previous season): shown from there, said so ("no feature row" sent the user
            // away from the row the models use on that date; audit).
            std::string store = processor;
            std::map<core::Date, store::LedgerEntry> ledger;  // the partition's, read once when the row is not there
            if (rows.empty()) ledger = store::Ledger(*s.con).load(processor, d, d);
            if (rows.empty() && !ledger.empty() && ledger.begin()->second.status == store::status::kSkippedBootstrap) {
                const std::string early = a->version == "v1" ? "ml_feature_store_early" : "ml_feature_store_early_" + a->version;
                rows = row_of(early);
                if (!rows.empty()) store = early;
            }
            if (rows.empty()) {
                std::string why;
                const int season = core::season_of_date(d);
                if (ledger.empty() && !pipeline::SeasonCalendar::load(*s.con).holds_season(season)) {
                    // Not a partition left to run: the season is absent (audit; picks says the same).
                    why = fmt::format("the store holds no game of {}, {}'s season; fetch the season first (`courtside fetch "
                                      "stats gamelog-team --season {}`)",
                                      core::season_label(season), core::format_date(d), core::season_label(season));
                } else if (ledger.empty()) {
                    why = fmt::format("the {} partition of that date has not been run", processor);
                } else {
                    const auto& e = ledger.begin()->second;
                    const std::string& reason = e.reason.empty() ? e.error : e.reason;
                    // A complete partition holds the rows of the date's games: the player's is not among them.
                    if (e.status == "complete") why = why_no_row(*s.con, player.player_id, d) + "; the partition is complete";
                    else why = fmt::format("the {} partition of that date is {}{}", processor, e.status, reason.empty() ? "" : ": " + reason);
                }
                fmt::print(stderr, "no feature row for {} ({}) on {}: {}\n", player.name, player.player_id, core::format_date(d), why);
                return kExitFailure;
            }
            const auto& r = rows.front();
            Rows table{{"index", "feature", "value", "source", "from", "window"},
                       {ColumnKind::Integer, ColumnKind::Text, ColumnKind::Number, ColumnKind::Text, ColumnKind::Text, ColumnKind::Text},
                       {}};
            const std::string& codes = *r[5];
            for (size_t i = 0; i < defs.size(); ++i) {
                auto src = static_cast<features::Source>(i < codes.size() ? codes[i] : 'M');
                // Text is read by a person: 6 significant digits ("96.932", not "96.93199999999999");
                // csv and json keep every digit for the machines that read them.
                std::optional<std::string> value = r[8 + i];
                if (value && format == "text") value = readable_number(*value);
                table.rows.push_back(std::vector<std::optional<std::string>>{
                    std::to_string(i), std::string(defs[i].name), value, std::string(features::source_name(src)), std::string(defs[i].source),
                    std::string(defs[i].window)});
            }
            if (format == "json") {
                nlohmann::ordered_json j{{"player_id", player.player_id}, {"player_name", *r[1]}, {"team", *r[2]}, {"opponent", *r[3]},
                                         {"game_id", *r[4]}, {"game_date", core::format_date(d)}, {"version", a->version},
                                         {"feature_quality_score", std::stod(*r[6])}, {"quality_tier", *r[7]},
                                         {"store", "precompute." + store},
                                         {"features", to_json(table)}};
                fmt::print("{}\n", j.dump(2));
                return kExitOk;
            }
            if (format == "text") {
                // "vs" at home, "@" away, as the home_away feature says (it printed "vs" for every game; audit).
                std::string at = "vs";
                for (size_t i = 0; i < defs.size(); ++i)
                    if (std::string_view(defs[i].name) == "home_away" && r[8 + i]) at = std::stod(*r[8 + i]) > 0.5 ? "vs" : "@";
                fmt::print("{} ({}) {} {} {}  game {}  {}  feature_quality_score {} ({})\n", *r[1], *r[0], *r[2], at, *r[3], *r[4],
                           a->version, readable_number(*r[6]), *r[7]);
                if (store != processor)
                    fmt::print("  early-season row (precompute.{}): {} is a bootstrap date of its season, which {} skips; windows "
                               "carry over from the previous season\n",
                               store, core::format_date(d), processor);
            }
            fmt::print("{}", format == "text" ? indent(render(table, "text"), "  ") : render(table, format));
            return kExitOk;
        };
    });
}

}  // namespace courtside::cli
