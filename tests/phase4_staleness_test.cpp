// Phase 4 staleness from every upstream table (SPEC §7: "that covers every upstream table, not
// just the first"). For every table that some Phase 4 processor declares as an upstream in the
// registry, one partition of that table is changed on a date D, and a dry run must report as
// stale exactly the partitions whose declared reads include it:
//   - DateScope::ThisDate          -> D itself;
//   - DateScope::EarlierSameSeason -> every later game date of D's season (never D);
//   - DateScope::PreviousSeason    -> the game dates of the next season (none on the one-season sample);
// and nothing at all for the processors that do not read the table.
#include "app/registry.hpp"
#include "pipeline/registry.hpp"
#include "pipeline_fixture.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

using namespace courtside;
namespace ct = courtside::testing;
using ct::scalar;

namespace {

using DateSet = std::set<std::string>;
using StaleSets = std::map<std::string, DateSet>;  // processor -> dates reported stale

const std::string kFirst = "2021-10-19", kLast = "2021-11-30";  // ct::sample_dates()

std::vector<const pipeline::Processor*> phase4() { return app::registry().phase(4); }

// A dry run of Phase 4 over the sample's dates: which partitions each processor finds stale. It
// must find nothing missing or failed (the store is complete) and write nothing.
StaleSets dry_run_stale(ct::SampleStore& s) {
    StaleSets out;
    for (const auto& r : s.run(4, /*dry_run=*/true)) {
        auto& dates = out[r.processor];
        for (const auto& o : r.outcomes) {
            if (o.why == "stale") dates.insert(core::format_date(o.date));
            else EXPECT_TRUE(o.why.empty()) << r.processor << "@" << core::format_date(o.date) << " would run: " << o.why;
        }
    }
    return out;
}

std::vector<std::string> text_column(store::Connection& con, const std::string& sql) {
    std::vector<std::string> out;
    for (const auto& row : con.query(sql).rows_as_text()) out.push_back(row.at(0).value_or(""));
    return out;
}

// Facts about the sample's calendar, read from the raw team logs (not from SeasonCalendar).
struct Calendar {
    std::string season_start;  // first regular-season game date
    int bootstrap_days = 14;   // config default (config/settings), as phase4_test.cpp assumes
    std::vector<std::string> game_dates;  // dates of kFirst..kLast with games

    explicit Calendar(store::Connection& con) {
        season_start = *con.query("SELECT min(game_date)::VARCHAR FROM raw.team_game_log WHERE substr(game_id, 3, 1) = '2'")
                            .scalar_string();
        game_dates = text_column(con, fmt::format("SELECT DISTINCT game_date::VARCHAR FROM raw.team_game_log WHERE game_date "
                                                  "BETWEEN DATE '{}' AND DATE '{}' ORDER BY 1",
                                                  kFirst, kLast));
    }
    bool bootstrap(const std::string& d) const { return d < boot_end(); }
    std::string boot_end() const {
        return core::format_date(*core::parse_date(season_start) + bootstrap_days);  // first date after bootstrap
    }
    DateSet later(const std::string& d) const {
        DateSet out;
        for (const auto& g : game_dates)
            if (g > d) out.insert(g);
        return out;
    }
};

bool is_early_store(const pipeline::Processor& p) { return p.name().starts_with("ml_feature_store_early"); }

// The partitions of p that read `table` on date d, by p's declared upstream.
DateSet expected_stale(const pipeline::Processor& p, const std::string& table, const std::string& d, const Calendar& cal) {
    DateSet out;
    for (const auto& u : p.upstream()) {
        if (u.table != table) continue;
        switch (u.dates) {
            case pipeline::DateScope::ThisDate:
                // The early-season stores compute (and read the lines for) bootstrap dates only;
                // after bootstrap their partitions are empty by construction and read no lines
                // (early_season_store.cpp, raw_fingerprints()).
                if (table == "raw.game_lines" && is_early_store(p) && !cal.bootstrap(d)) break;
                out.insert(d);
                break;
            case pipeline::DateScope::EarlierSameSeason:
                for (const auto& later : cal.later(d)) out.insert(later);
                break;
            case pipeline::DateScope::PreviousSeason:
                break;  // the next season's dates: the sample holds one season (asserted in the test)
        }
    }
    return out;
}

// Changes one partition of `table` on date d and returns how to undo it.
//   - A table written by a processor: the producer's ledger row for d gets a new output
//     fingerprint, exactly what a rerun of that partition with different rows leaves behind (the
//     runner judges staleness by those fingerprints only).
//   - raw.game_lines: one closing total on d moves by 1.5 points, as a corrected lines file would.
std::function<void()> change_partition(store::Connection& con, const std::string& table, const std::string& d) {
    if (const auto* q = app::registry().producer_of(table)) {
        const std::string where =
            fmt::format("WHERE processor = '{}' AND partition_date = DATE '{}'", std::string(q->name()), d);
        auto old = con.query("SELECT output_fingerprint FROM ops.partition_ledger " + where).scalar_string();
        EXPECT_TRUE(old) << q->name() << " has no ledger row on " << d;
        if (!old) return [] {};
        con.execute("UPDATE ops.partition_ledger SET output_fingerprint = 'changed by the staleness test' " + where);
        return [&con, where, old] { con.execute("UPDATE ops.partition_ledger SET output_fingerprint = '" + *old + "' " + where); };
    }
    if (table == "raw.game_lines") {
        // A game with both a total and a spread: the implied team totals Phase 4 reads move.
        auto key = con.query(fmt::format("SELECT min(t.line_key) FROM raw.game_lines t JOIN raw.game_lines s USING (line_key) "
                                         "WHERE t.game_date = DATE '{}' AND t.bet_type = 'total' AND s.bet_type = 'spread' "
                                         "AND t.skip_reason IS NULL AND t.home_line IS NOT NULL AND s.home_line IS NOT NULL",
                                         d))
                       .scalar_string();
        EXPECT_TRUE(key) << "no game line on " << d;
        if (!key) return [] {};
        const std::string where = fmt::format("WHERE line_key = '{}' AND bet_type = 'total'", *key);
        auto old = con.query("SELECT home_line::VARCHAR || '|' || source_hash FROM raw.game_lines " + where).rows_as_text();
        const std::string line = old.at(0).at(0)->substr(0, old[0][0]->find('|')), hash = old[0][0]->substr(old[0][0]->find('|') + 1);
        const std::string implied = fmt::format("SELECT sum(implied_total) FROM raw.game_line_by_team WHERE game_date = DATE '{}'", d);
        const auto implied_before = con.query(implied).scalar_double();
        con.execute("UPDATE raw.game_lines SET home_line = home_line + 1.5, source_hash = 'corrected' " + where);
        EXPECT_NEAR(*con.query(implied).scalar_double() - *implied_before, 1.5, 1e-9) << "both teams' implied totals move by 0.75";
        return [&con, where, line, hash] {
            con.execute("UPDATE raw.game_lines SET home_line = " + line + ", source_hash = '" + hash + "' " + where);
        };
    }
    ADD_FAILURE() << "the test does not know how to change upstream table " << table
                  << ": teach change_partition() about it";
    return [] {};
}

}  // namespace

TEST(Phase4Staleness, EveryUpstreamTableOfEveryPhase4ProcessorMarksExactlyItsReaders) {
    ct::SampleStore s;
    const Calendar cal(s.con);
    ASSERT_EQ(cal.season_start, kFirst);
    ASSERT_GT(cal.game_dates.size(), 30u);
    // One season only: the PreviousSeason reads of these dates find nothing to read, so their
    // expected stale set is empty (the full data's next seasons are not in the sample).
    ASSERT_EQ(scalar(s.con, fmt::format("SELECT count(DISTINCT substr(game_id, 4, 2)) FROM raw.team_game_log "
                                        "WHERE game_date BETWEEN DATE '{}' AND DATE '{}'", kFirst, kLast)),
              1);

    // Every upstream table declared by a Phase 4 processor, and every (processor, table) pair.
    std::set<std::string> tables;
    size_t pairs = 0;
    for (const auto* p : phase4())
        for (const auto& u : p->upstream()) {
            tables.insert(u.table);
            ++pairs;
        }
    ASSERT_GE(phase4().size(), 10u);  // zone analyses, composite, cache, v1-v3, early v1-v3
    for (const char* t : {"analytics.player_game_summary", "analytics.team_offense_game_summary",
                          "analytics.team_defense_game_summary", "analytics.player_game_status",
                          "precompute.team_defense_zone_analysis", "precompute.player_shot_zone_analysis",
                          "precompute.player_composite_factors", "precompute.player_daily_cache", "raw.game_lines"})
        EXPECT_TRUE(tables.count(t)) << t << " is no longer an upstream of any Phase 4 processor";

    // The untouched store: nothing is stale.
    for (const auto& [proc, dates] : dry_run_stale(s)) EXPECT_TRUE(dates.empty()) << proc << " is stale before any change";

    // A date after bootstrap and a bootstrap date (the early-season stores compute only those).
    const std::vector<std::string> dates = {"2021-11-10", "2021-10-25"};
    ASSERT_FALSE(cal.bootstrap(dates[0]));
    ASSERT_TRUE(cal.bootstrap(dates[1]));
    size_t checked_pairs = 0, stale_partitions = 0;
    for (const auto& d : dates) {
        ASSERT_TRUE(std::count(cal.game_dates.begin(), cal.game_dates.end(), d)) << d << " has no games";
        for (const auto& table : tables) {
            SCOPED_TRACE(table + " changed on " + d);
            auto undo = change_partition(s.con, table, d);
            auto stale = dry_run_stale(s);
            bool some_reader = false;
            for (const auto* p : phase4()) {
                const std::string name(p->name());
                auto want = expected_stale(*p, table, d, cal);
                bool reads = false;
                for (const auto& u : p->upstream()) reads = reads || u.table == table;
                some_reader = some_reader || reads;
                if (reads && d == dates[0]) {
                    for (const auto& u : p->upstream()) checked_pairs += u.table == table;
                }
                // Readers: exactly the declared partitions. Others (even transitive dependents,
                // whose own upstream partitions have not been rerun in a dry run): nothing.
                EXPECT_EQ(stale[name], want) << name << (reads ? " reads " : " does not read ") << table;
                stale_partitions += stale[name].size();
            }
            EXPECT_TRUE(some_reader);
            undo();
        }
    }
    EXPECT_EQ(checked_pairs, pairs) << "every declared (processor, upstream) pair was exercised";
    EXPECT_GT(stale_partitions, 500u);
    // Undone: nothing is stale again.
    for (const auto& [proc, ds] : dry_run_stale(s)) EXPECT_TRUE(ds.empty()) << proc << " is still stale after the undo";
}

// The same through the real path, for each analytics table Phase 4 reads: a corrected raw row on
// D (a new source file's content), rerun through that table's Phase 3 producer only, changes the
// producer's partition on D; Phase 4 then finds exactly that table's readers stale. A real run
// then brings every processor, transitive dependents included, up to date in one pass: a forced
// recompute of every partition afterwards changes nothing (so no processor reads a table it
// does not declare), and only the later games see a corrected box score.
TEST(Phase4Staleness, ARawCorrectionRerunThroughPhase3MarksExactlyTheReadersOfEachAnalyticsTable) {
    ct::SampleStore s;
    const Calendar cal(s.con);
    const std::string d = "2021-11-10";
    const core::Date date = *core::parse_date(d);
    auto phase3_fingerprints = [&] {
        std::map<std::string, std::string> out;
        for (const auto& row : s.con.query("SELECT processor, output_fingerprint FROM ops.partition_ledger WHERE phase = 3 "
                                           "AND partition_date = DATE '" + d + "'").rows_as_text())
            out[*row[0]] = row[1].value_or("");
        return out;
    };
    const auto original = phase3_fingerprints();
    ASSERT_EQ(original.size(), 4u);

    // The top scorer of a game on D, and a listed DNP player of a game on D.
    auto top = s.con.query("SELECT b.game_id, b.player_id, b.team_id FROM raw.boxscore_player b JOIN raw.team_game_log t "
                           "USING (game_id, team_id) WHERE t.game_date = DATE '" + d +
                           "' ORDER BY b.pts DESC NULLS LAST, b.player_id LIMIT 1").rows_as_text();
    auto dnp = s.con.query("SELECT b.game_id, b.player_id FROM raw.boxscore_player b JOIN raw.team_game_log t USING (game_id, team_id) "
                           "WHERE t.game_date = DATE '" + d + "' AND b.seconds_played IS NULL AND trim(coalesce(b.comment, '')) <> '' "
                           "ORDER BY b.game_id, b.player_id LIMIT 1").rows_as_text();
    ASSERT_EQ(top.size(), 1u);
    ASSERT_EQ(dnp.size(), 1u) << "no DNP row on " << d;
    const std::string gid = *top[0][0], pid = *top[0][1], tid = *top[0][2];
    const std::string box_top = "game_id = '" + gid + "' AND player_id = " + pid;
    const std::string team_row = "game_id = '" + gid + "' AND team_id = " + tid;
    const std::string box_dnp = "game_id = '" + *dnp[0][0] + "' AND player_id = " + *dnp[0][1];

    struct Correction {
        std::string table;                                           // the analytics table Phase 4 reads
        std::vector<std::string> updates;                            // the correction
    };
    const std::vector<Correction> corrections = {
        {"analytics.player_game_summary",
         {"UPDATE raw.boxscore_player SET pts = pts + 10, fgm = fgm + 5, fga = fga + 5, source_hash = 'corrected' WHERE " + box_top,
          "UPDATE raw.team_game_log SET pts = pts + 10, fgm = fgm + 5, fga = fga + 5, source_hash = 'corrected' WHERE " + team_row}},
        {"analytics.player_game_status",
         {"UPDATE raw.boxscore_player SET comment = comment || ' (corrected)', source_hash = 'corrected' WHERE " + box_dnp}},
        {"analytics.team_offense_game_summary",
         {"UPDATE raw.team_game_log SET tov = tov + 3, source_hash = 'corrected' WHERE " + team_row}},
        {"analytics.team_defense_game_summary",
         {"UPDATE raw.team_game_log SET tov = tov + 3, source_hash = 'corrected' WHERE " + team_row}},
    };
    // Every analytics table a Phase 4 processor reads has its correction here.
    for (const auto* p : phase4())
        for (const auto& u : p->upstream())
            if (u.table.starts_with("analytics.")) {
                EXPECT_TRUE(std::any_of(corrections.begin(), corrections.end(), [&](const Correction& c) { return c.table == u.table; }))
                    << u.table;
            }

    // The top scorer's next game, and D's feature rows, before his box score is corrected.
    auto next = s.con.query("SELECT min(game_date)::VARCHAR FROM player_game_summary WHERE player_id = " + pid +
                            " AND game_date > DATE '" + d + "'").scalar_string();
    ASSERT_TRUE(next);
    auto avg5 = [&](const std::string& day) {
        return s.con.query("SELECT points_avg_last_5 FROM precompute.ml_feature_store WHERE player_id = " + pid +
                           " AND game_date = DATE '" + day + "'").scalar_double();
    };
    const auto next_before = avg5(*next);
    ASSERT_TRUE(next_before);
    const std::string d_rows = "(SELECT * FROM precompute.ml_feature_store WHERE game_date = DATE '" + d + "')";
    const int64_t d_before = ct::table_hash(s.con, d_rows);

    auto fingerprints = original;
    for (size_t ci = 0; ci < corrections.size(); ++ci) {
        const auto& c = corrections[ci];
        SCOPED_TRACE(c.table + " corrected on " + d);
        const auto* producer = app::registry().producer_of(c.table);
        ASSERT_NE(producer, nullptr);
        const std::string name(producer->name());
        for (const auto& u : c.updates) s.con.execute(u);
        auto rerun = pipeline::run_processor(pipeline::RunContext(s.con), app::registry(), *producer, {date}, {});
        EXPECT_EQ(rerun.complete, 1u);
        auto changed = phase3_fingerprints();
        for (const auto& [proc, fp] : fingerprints) {
            if (proc == name) EXPECT_NE(changed.at(proc), fp) << proc << ": the correction did not change its partition on " << d;
            else EXPECT_EQ(changed.at(proc), fp) << proc << " was not rerun, yet changed";
        }
        fingerprints = changed;

        auto stale = dry_run_stale(s);
        for (const auto* p : phase4())
            EXPECT_EQ(stale[std::string(p->name())], expected_stale(*p, c.table, d, cal)) << p->name();

        // A real run recomputes what is stale (and the dependents whose inputs then change)...
        for (const auto& r : s.run(4))
            for (const auto& o : r.outcomes)
                if (!o.why.empty()) {
                    EXPECT_EQ(o.why, "stale") << r.processor << "@" << core::format_date(o.date);
                }
        for (const auto& [proc, ds] : dry_run_stale(s)) EXPECT_TRUE(ds.empty()) << proc << " is still stale after the run";
        // ...and leaves nothing out of date: recomputing every partition from scratch changes no
        // table. (A processor reading a table it does not declare would differ here.)
        std::map<std::string, int64_t> hashes;
        for (const auto* p : phase4()) hashes[p->output().qualified()] = ct::table_hash(s.con, p->output().qualified());
        pipeline::RunOptions force;
        force.force = true;
        for (const auto& r : pipeline::run_phase(pipeline::RunContext(s.con), app::registry(), 4, ct::sample_dates(), force)) EXPECT_EQ(r.failed, 0u) << r.processor;
        for (const auto& [table, h] : hashes)
            EXPECT_EQ(ct::table_hash(s.con, table), h) << table << " was out of date after the stale run";

        if (c.table == "analytics.player_game_summary") {
            // Point-in-time: the next game saw the 10 points (over his last 5); D's rows did not.
            EXPECT_NEAR(*avg5(*next) - *next_before, 10.0 / 5, 1e-9) << "the next game's last-5 average";
            EXPECT_EQ(ct::table_hash(s.con, d_rows), d_before) << "D's feature rows changed: D's own game is not an input of D";
        }
    }
}

// A changed `pipeline.bootstrap_days` makes the Phase 4 partitions it shapes stale: a store built
// with 14 bootstrap days, run again with 7, computes the feature rows of the 7 days it freed
// (they stayed `skipped_bootstrap` and unchanged, with no feature rows in either store and every
// gate GO; audit), and the early-season stores no longer cover them. A rerun with the same
// setting changes nothing.
TEST(Phase4Staleness, AChangedBootstrapDaysMakesThePartitionsItShapesStale) {
    ct::SampleStore s;  // the default 14 days
    const Calendar cal(s.con);
    const std::string freed_from = core::format_date(*core::parse_date(cal.season_start) + 7);
    const std::string freed = fmt::format("game_date >= DATE '{}' AND game_date < DATE '{}'", freed_from, cal.boot_end());
    ASSERT_GT(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_early_v3 WHERE " + freed), 0);
    ASSERT_EQ(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_v3 WHERE " + freed), 0);

    pipeline::Settings seven;
    seven.bootstrap_days = 7;
    auto run = [&] { return pipeline::run_phase(pipeline::RunContext(s.con, seven), app::registry(), 4, ct::sample_dates(), {}); };
    // Only what the setting shapes is recomputed: the dates of the old bootstrap days (skipped, or
    // now computed) for the feature store, every date for the early-season stores, whose empty
    // reasons name the days.
    const auto after_old = static_cast<size_t>(std::count_if(cal.game_dates.begin(), cal.game_dates.end(), [&](const std::string& d) {
        return !cal.bootstrap(d);
    }));
    ASSERT_GT(after_old, 10u);
    for (const auto& r : run()) {
        EXPECT_EQ(r.failed, 0u) << r.processor;
        if (r.processor == "ml_feature_store_v3") {
            EXPECT_GE(r.unchanged, after_old) << r.processor;
        }
        if (r.processor == "ml_feature_store_early_v3") {
            EXPECT_EQ(r.unchanged, 0u) << r.processor;
        }
    }
    EXPECT_GT(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_v3 WHERE " + freed), 100);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_early_v3 WHERE " + freed), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM ops.partition_ledger WHERE phase = 4 AND status = 'skipped_bootstrap' AND "
                            "partition_date >= DATE '" + freed_from + "'"),
              0);
    for (const auto& r : run()) EXPECT_EQ(r.unchanged, ct::sample_dates().size()) << r.processor;
}
