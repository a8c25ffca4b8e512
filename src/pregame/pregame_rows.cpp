#include "pregame/pregame_rows.hpp"

#include "features/phase4_processors.hpp"
#include "precompute/phase4_processor.hpp"
#include "store/chunk_appender.hpp"
#include "store/ledger.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

#include <variant>

namespace courtside::pregame {

namespace {

store::TableSpec pregame_copy(const store::TableSpec& s) {
    store::TableSpec t = s;
    t.schema = "pregame";
    t.index_key = true;  // written here, not by a processor run: DuckDB keeps the key
    t.description = "Pre-game rows (from D's pre-game context, before any box score of D) of " + s.qualified() + ": " + s.description;
    return t;
}

void append_rows(store::Connection& con, const store::TableSpec& spec, const pipeline::Rows& rows) {
    store::ChunkAppender app(con, spec);
    for (const auto& row : rows.all()) {
        app.begin_row();
        for (size_t k = 0; k < row.size(); ++k)
            std::visit([&](const auto& x) {
                using V = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<V, std::monostate>) app.set_null(k);
                else if constexpr (std::is_same_v<V, pipeline::DateValue>) app.set_date(k, x.days);
                else if constexpr (std::is_same_v<V, int64_t>) app.set_int(k, x);
                else if constexpr (std::is_same_v<V, double>) app.set_double(k, x);
                else if constexpr (std::is_same_v<V, bool>) app.set_bool(k, x);
                else app.set_text(k, x);
            }, row[k]);
    }
    app.close();
}

}  // namespace

const std::vector<store::TableSpec>& pregame_table_specs() {
    static const std::vector<store::TableSpec> specs = [] {
        std::vector<store::TableSpec> out = {upcoming_team_game_context_spec(), upcoming_player_game_context_spec()};
        for (const auto& p : features::make_phase4_processors()) out.push_back(pregame_copy(p->output()));
        return out;
    }();
    return specs;
}

PregameRows build_pregame_rows(const pipeline::RunContext& run, core::Date d) {
    store::Connection& con = run.con;
    PregameContext ctx = build_pregame_context(run, d);
    PregameRows out;
    out.date = d;
    out.teams = ctx.teams.size();
    out.players_slated = ctx.players_slated;
    out.players_out = ctx.players_out;
    out.lines_without_history = ctx.lines_without_history;
    out.placed_by_directory = ctx.placed_by_directory;
    out.lines_team_unknown = ctx.lines_team_unknown;
    out.injury_report = ctx.injury_report_at.has_value();
    auto pregame = std::make_shared<const precompute::PregameSlate>(ctx.slate);
    const std::string day = core::format_date(d);

    write_pregame_context(con, ctx);
    // Each processor reads the pregame.* rows its upstream processors wrote just before: one
    // transaction per processor, in the declared order.
    for (const auto& p : features::make_phase4_processors()) {
        pipeline::PartitionResult r = p->compute(*p->load_pregame(run, {d}, pregame), d);
        store::TableSpec spec = pregame_copy(p->output());
        if (!spec.is_view()) {  // a view shows its source's rows, written just before
            store::Transaction tx(con);
            con.execute(fmt::format("DELETE FROM {} WHERE game_date = DATE '{}'", spec.qualified(), day));
            append_rows(con, spec, r.rows);
            tx.commit();
        }
        out.rows[spec.qualified()] = r.row_count();
        if (r.row_count() == 0) out.empty_why[spec.qualified()] = r.skip_reason.empty() ? r.empty_reason : r.skip_reason;
    }
    return out;
}

std::optional<std::string> pregame_rows_outdated(store::Connection& con, core::Date d) {
    const auto columns = store::existing_columns(con, upcoming_team_game_context_spec());
    if (columns.empty()) return "no pre-game rows yet";
    const bool stamped = columns.count("built_at") > 0;
    auto q = con.prepare(fmt::format("SELECT count(*), {} FROM pregame.upcoming_team_game_context WHERE game_date = ?",
                                     stamped ? "min(epoch_us(built_at))" : "NULL::BIGINT"));
    q.bind_date(1, d);
    int64_t rows = 0;
    std::optional<int64_t> built_at;
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        rows = c.get_int(0, 0);
        if (!c.is_null(1, 0)) built_at = c.get_int(1, 0);
    });
    if (rows == 0) return fmt::format("no pre-game rows of {} yet", core::format_date(d));
    if (!built_at) return "the pre-game rows predate the recording of when they were built";
    const auto changes = store::changes_since(con, *built_at);
    if (!changes.any()) return std::nullopt;
    return fmt::format("{} since the pre-game rows were built ({})", changes.text(), core::format_utc_micros(*built_at));
}

}  // namespace courtside::pregame
