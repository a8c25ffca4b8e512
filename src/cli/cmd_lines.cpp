// `courtside lines`: the sportsbook lines after ingest. `build` rebuilds the props tables,
// `match-report` shows how many lines resolve to a player and a game (and which names do not),
// `show` prints the consensus and per-book lines of a date.
#include "cli/commands.hpp"
#include "cli/date_arg.hpp"
#include "cli/output.hpp"
#include "cli/player_arg.hpp"
#include "cli/suggest.hpp"
#include "core/dates.hpp"
#include "core/vocabulary.hpp"
#include "props/lines_builder.hpp"
#include "props/player_identity.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

namespace courtside::cli {

namespace {

struct ShowArgs {
    std::string date, player, market = "points";
    bool books = false;
};

int print_report(const props::LinesReport& r, size_t limit, bool stale) {
    fmt::print("{}\n", r.summary(limit));
    if (stale) fmt::print(stderr, "note: the props tables predate the raw tables; run `courtside lines build`\n");
    return kExitOk;
}

int show(store::Connection& con, const ShowArgs& a, const std::string& format) {
    const core::Date d = date_arg(a.date, "--date");
    const auto market = core::prop_markets().normalize(a.market);
    if (!market) {  // the short names first, with a guess: the 46 API keys alone hid them (audit)
        std::vector<std::string> known;
        std::string names;
        for (const auto& [short_name, key] : core::market_short_names()) {
            known.emplace_back(short_name);
            names += (names.empty() ? "" : ", ") + std::string(short_name);
        }
        for (auto key : core::prop_markets().canonical) known.emplace_back(key);
        throw CLI::ValidationError("--market", fmt::format("'{}' is not a props market{}: {}, or an Odds API key such as player_points_q1 "
                                                           "(`courtside sql \"SELECT DISTINCT market FROM raw.prop_lines\"` lists the store's)",
                                                           a.market, did_you_mean(nearest(a.market, known)), names));
    }
    std::optional<int64_t> player;
    if (!a.player.empty()) player = resolve_player(con, a.player, d).player_id;
    auto q = con.prepare(
        "SELECT shown AS player, player_id, game, game_id, market, line, books, min_line, max_line, over_odds, under_odds, "
        "nullif(player, shown) AS book_spelling FROM (SELECT c.*, coalesce(" + props::display_name_sql("c.player_id") + ", c.player) AS shown "
        "FROM props.consensus_lines c WHERE c.game_date = ? AND c.market = ? AND (? IS NULL OR c.player_id = ?)) "
        "ORDER BY game, player, player_id");
    q.bind_date(1, d).bind(2, *market);
    if (player) q.bind(3, *player).bind(4, *player);
    else q.bind_null(3).bind_null(4);
    auto res = q.execute();
    Rows rows = rows_of(res);
    for (auto& r : rows.rows) r[4] = core::market_short_name(*r[4]);
    if (rows.rows.empty()) {
        fmt::print(stderr, "no {} consensus lines on {}{}\n", core::market_short_name(*market), core::format_date(d),
                   player ? fmt::format(" for player {}", *player) : "");
        return kExitFailure;
    }
    if (!a.books || format != "text") {
        if (a.books && format != "text") {  // one row per book line instead
            // Each row names the player as the consensus rows do (the book's spelling in its own
            // column) and carries the consensus line the text prints above the books (audit).
            const std::string shown = "coalesce(" + props::display_name_sql("b.player_id") + ", b.player)";
            auto b = con.prepare(
                "SELECT " + shown + " AS player, b.player_id, b.game, b.bookmaker, b.line, b.over_odds, b.under_odds, b.lines_posted, "
                "strftime(b.snapshot_at, '%Y-%m-%dT%H:%M:%SZ') AS snapshot_utc, b.source_kind, c.line AS consensus_line, "
                "nullif(b.player, " + shown + ") AS book_spelling FROM props.book_lines b LEFT JOIN props.consensus_lines c "
                "ON c.game_date = b.game_date AND c.game = b.game AND c.player_id = b.player_id AND c.market = b.market "
                "WHERE b.game_date = ? AND b.market = ? AND (? IS NULL OR b.player_id = ?) ORDER BY b.game, 1, b.bookmaker");
            b.bind_date(1, d).bind(2, *market);
            if (player) b.bind(3, *player).bind(4, *player);
            else b.bind_null(3).bind_null(4);
            auto br = b.execute();
            fmt::print("{}", render(rows_of(br), format));
        } else {
            fmt::print("{}", render(rows, format));
        }
        return kExitOk;
    }
    for (const auto& r : rows.rows) {
        Rows one{rows.names, rows.kinds, {r}};
        fmt::print("{}", render(one, "text"));
        auto b = con.prepare(
            "SELECT bookmaker, line, over_odds, under_odds, lines_posted, strftime(snapshot_at, '%Y-%m-%dT%H:%M:%SZ') AS snapshot_utc, "
            "source_kind FROM props.book_lines WHERE game_date = ? AND game = ? AND player_id = ? AND market = ? ORDER BY bookmaker");
        b.bind_date(1, d).bind(2, *r[2]).bind(3, static_cast<int64_t>(std::stoll(*r[1]))).bind(4, *market);
        auto br = b.execute();
        fmt::print("{}\n", indent(render(rows_of(br), "text"), "    "));
    }
    return kExitOk;
}

}  // namespace

void add_lines_command(CLI::App& app, GlobalOptions& g, Action& action) {
    auto* cmd = app.add_subcommand("lines", "sportsbook prop lines: player/game matching and consensus lines");
    cmd->require_subcommand(1);

    auto* build = cmd->add_subcommand("build", "rebuild the props tables (identity index, matches, book and consensus lines)");
    auto limit = std::make_shared<size_t>(25);
    build->add_option("--limit", *limit, "unmatched names to list (default 25)");
    build->callback([&g, &action, limit] {
        action = [&g, limit] {
            format_of(g, {"text"});  // --format json|csv is refused, not ignored: the report is text
            auto s = open_existing_store(g);  // a mistyped --db is refused, not created empty
            return print_report(props::rebuild_lines(*s.con), *limit, false);
        };
    });

    auto* report = cmd->add_subcommand("match-report", "per source: lines and names matched to a player, unmatched names");
    report->add_option("--limit", *limit, "unmatched names to list (default 25)");
    report->callback([&g, &action, limit] {
        action = [&g, limit] {
            format_of(g, {"text"});
            auto s = open_read_only_store(g);
            return print_report(props::read_lines_report(*s.con), *limit, props::lines_stale(*s.con));
        };
    });

    auto* sh = cmd->add_subcommand("show", "consensus lines of a date (and each book's line with --books)");
    auto a = std::make_shared<ShowArgs>();
    sh->add_option("--date", a->date, "US/Eastern game date (YYYY-MM-DD, today, yesterday)")->required();
    sh->add_option("--market", a->market, "points | threes | rebounds | assists | pra | ... (or an Odds API key)")->capture_default_str();
    sh->add_option("--player", a->player, "player id or name (accents and case ignored)");
    sh->add_flag("--books", a->books, "also list each book's selected line");
    sh->callback([&g, &action, a] {
        action = [&g, a] {
            const std::string format = format_of(g, {"text", "json", "csv"});
            auto s = open_read_only_store(g);
            return show(*s.con, *a, format);
        };
    });
}

}  // namespace courtside::cli
