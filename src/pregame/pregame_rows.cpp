#include "pregame/pregame_rows.hpp"

#include "features/phase4_processors.hpp"
#include "precompute/phase4_processor.hpp"
#include "store/chunk_appender.hpp"

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
    const int64_t started = core::now_micros();  // what the store held from here on is in the rows
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
    // Stamped last: a build that stopped part-way leaves built_at NULL, so the next picks build
    // the date again instead of taking half of it for current.
    auto stamp = con.prepare("UPDATE pregame.upcoming_team_game_context SET built_at = make_timestamp(?) WHERE game_date = ?");
    stamp.bind(1, started).bind_date(2, d).execute();
    return out;
}

std::string InputChanges::text() const {
    std::string out;
    if (files) out = fmt::format("{} file(s) of the date's lines, injury report, schedule or player directory ingested", files);
    if (partitions) out += fmt::format("{}{} partition(s) of earlier dates written", out.empty() ? "" : " and ", partitions);
    return out;
}

InputChanges inputs_changed_since(store::Connection& con, core::Date d, int64_t micros) {
    // D's rows read the history before D (Phase 3/4 partitions) and D's own pre-game sources; a
    // partition of D or later, or another date's lines, changes nothing in them (a rebuild on any
    // change made every past date's picks look stale after the next day's run; review).
    std::string files;
    for (const char* t : {"raw.prop_lines", "raw.injury_report", "raw.schedule", "raw.game_lines", "raw.odds_game_lines", "raw.odds_events"})
        files += fmt::format("{}SELECT source_file FROM {} WHERE game_date = $1 AND epoch_us(ingested_at) > $2", files.empty() ? "" : " UNION ", t);
    files += " UNION SELECT source_file FROM raw.player_directory WHERE epoch_us(ingested_at) > $2";
    auto q = con.prepare("SELECT (SELECT count(DISTINCT source_file) FROM (" + files + ")), "
                         "(SELECT count(*) FROM ops.partition_ledger WHERE partition_date < $1 AND epoch_us(started_at) > $2)");
    q.bind_date(1, d).bind(2, micros);
    InputChanges c;
    q.execute().for_each_chunk([&](const store::Chunk& ch) {
        if (ch.size() == 0) return;
        c.files = ch.get_int(0, 0);
        c.partitions = ch.get_int(1, 0);
    });
    return c;
}

PregameState pregame_state(store::Connection& con, core::Date d) {
    // The table and its built_at exist in every store at schema version 7 (migrate adds them).
    PregameState s;
    auto q = con.prepare("SELECT count(*), min(epoch_us(built_at)) FROM pregame.upcoming_team_game_context WHERE game_date = ?");
    q.bind_date(1, d);
    int64_t rows = 0;
    std::optional<int64_t> built_at;
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        rows = c.get_int(0, 0);
        if (!c.is_null(1, 0)) built_at = c.get_int(1, 0);
    });
    s.built = rows > 0;
    if (!s.built) s.outdated = fmt::format("no pre-game rows of {} yet", core::format_date(d));
    else if (!built_at) s.outdated = "the pre-game rows were not finished, or predate the recording of when they were built";
    else if (const auto changes = inputs_changed_since(con, d, *built_at); changes.any()) {
        s.outdated = fmt::format("{} since the pre-game rows were built ({})", changes.text(), core::format_utc_micros(*built_at));
        s.inputs_changed = true;
    }
    return s;
}

}  // namespace courtside::pregame
