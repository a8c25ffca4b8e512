// `courtside lines`: the sportsbook lines after ingest. `build` rebuilds the props tables,
// `match-report` shows how many lines resolve to a player and a game (and which names do not),
// `show` prints the consensus and per-book lines of a date.
#include "cli/commands.hpp"
#include "core/dates.hpp"
#include "props/lines_builder.hpp"
#include "store/database.hpp"

#include <fmt/format.h>

namespace courtside::cli {

namespace {

struct ShowArgs {
    std::string date, player, market = "player_points";
    bool books = false;
};

int print_report(const props::LinesReport& r, size_t limit, bool stale) {
    fmt::print("{}\n", r.summary(limit));
    if (stale) fmt::print(stderr, "note: the props tables predate the raw tables; run `courtside lines build`\n");
    return kExitOk;
}

int show(store::Connection& con, const ShowArgs& a) {
    auto d = core::parse_date(a.date);
    if (!d) throw CLI::ValidationError("--date", "'" + a.date + "' is not a date");
    auto q = con.prepare(
        "SELECT c.player, c.player_id, c.game, coalesce(c.game_id, '-'), c.market, c.line, c.books, c.min_line, c.max_line, "
        "coalesce(c.over_odds::VARCHAR, '-'), coalesce(c.under_odds::VARCHAR, '-') FROM props.consensus_lines c "
        "WHERE c.game_date = ? AND c.market = ? AND (? = '' OR c.player ILIKE '%' || ? || '%' OR c.player_id::VARCHAR = ?) "
        "ORDER BY c.game, c.player, c.player_id");
    q.bind_date(1, *d).bind(2, a.market).bind(3, a.player).bind(4, a.player).bind(5, a.player);
    auto rows = q.execute().rows_as_text();
    if (rows.empty()) {
        fmt::print(stderr, "no {} consensus lines on {}\n", a.market, a.date);
        return kExitFailure;
    }
    fmt::print("{:<26} {:>8}  {:<48} {:<10} {:>6} {:>5} {:>11} {:>6} {:>6}\n", "player", "id", "game", "game_id", "line",
               "books", "range", "over", "under");
    for (const auto& r : rows) {
        fmt::print("{:<26} {:>8}  {:<48} {:<10} {:>6} {:>5} {:>5}-{:<5} {:>6} {:>6}\n", *r[0], *r[1], *r[2], *r[3], *r[5],
                   *r[6], *r[7], *r[8], *r[9], *r[10]);
        if (!a.books) continue;
        auto b = con.prepare(
            "SELECT bookmaker, line, coalesce(over_odds::VARCHAR, '-'), coalesce(under_odds::VARCHAR, '-'), lines_posted, "
            "strftime(snapshot_at, '%Y-%m-%dT%H:%M:%SZ'), source_kind FROM props.book_lines "
            "WHERE game_date = ? AND game = ? AND player_id = ? AND market = ? ORDER BY bookmaker");
        b.bind_date(1, *d).bind(2, *r[2]).bind(3, static_cast<int64_t>(std::stoll(*r[1]))).bind(4, a.market);
        for (const auto& l : b.execute().rows_as_text())
            fmt::print("    {:<16} {:>6} {:>6} {:>6}  ({} lines posted)  {}  {}\n", *l[0], *l[1], *l[2], *l[3], *l[4], *l[5],
                       *l[6]);
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
            auto s = open_store(g);
            return print_report(props::rebuild_lines(*s.con), *limit, false);
        };
    });

    auto* report = cmd->add_subcommand("match-report", "per source: lines and names matched to a player, unmatched names");
    report->add_option("--limit", *limit, "unmatched names to list (default 25)");
    report->callback([&g, &action, limit] {
        action = [&g, limit] {
            auto s = open_store(g);
            return print_report(props::read_lines_report(*s.con), *limit, props::lines_stale(*s.con));
        };
    });

    auto* sh = cmd->add_subcommand("show", "consensus lines of a date (and each book's line with --books)");
    auto a = std::make_shared<ShowArgs>();
    sh->add_option("--date", a->date, "US/Eastern game date YYYY-MM-DD")->required();
    sh->add_option("--market", a->market, "market (default player_points)");
    sh->add_option("--player", a->player, "player id or (part of) the printed name");
    sh->add_flag("--books", a->books, "also list each book's selected line");
    sh->callback([&g, &action, a] {
        action = [&g, a] {
            auto s = open_store(g);
            return show(*s.con, *a);
        };
    });
}

}  // namespace courtside::cli
