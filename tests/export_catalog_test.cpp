// The catalog (src/export/catalog.*): every table and column is described, the catalog covers
// exactly the store's tables, season partitions map dates consistently in C++ and SQL, and
// `courtside docs` stores the comments and writes a self-contained page.
#include "app/registry.hpp"
#include "export/catalog.hpp"
#include "export/catalog_page.hpp"
#include "export/season_spans.hpp"
#include "grading/grades_table.hpp"
#include "models/model_tables.hpp"
#include "daily/daily_run.hpp"
#include "models/picks_table.hpp"
#include "pipeline/registry.hpp"
#include "pipeline_fixture.hpp"

#include <set>

namespace ct = courtside::testing;
using namespace courtside;
using namespace courtside::export_;

namespace {
core::Date day(const char* s) { return *core::parse_date(s); }
}  // namespace

TEST(ExportCatalog, EveryTableAndEveryColumnHasADescription) {
    size_t columns = 0;
    for (const auto& t : store_tables()) {
        EXPECT_FALSE(t.spec->description.empty()) << t.qualified() << " has no description";
        EXPECT_FALSE(t.writer.empty()) << t.qualified();
        for (const auto& c : t.spec->columns) {
            EXPECT_FALSE(c.description.empty()) << t.qualified() << "." << c.name << " has no description";
            ++columns;
        }
    }
    EXPECT_GE(store_tables().size(), 40u);
    EXPECT_GE(columns, 800u);  // the v3 feature tables alone have 78 and 83 columns
}

TEST(ExportCatalog, CoversExactlyTheTablesOfAStoreWithTheirColumnsAndTypes) {
    ct::TestStore s;
    models::ensure_model_tables(s.con);
    models::ensure_picks_table(s.con);
    grading::ensure_grades_table(s.con);
    models::ensure_picks_table(s.con);
    daily::ensure_daily_runs_table(s.con);
    std::set<std::string> in_store;
    // Tables and the views the catalog documents (the cut feature versions); not the props and raw
    // convenience views, which are queries over documented tables.
    s.con.query("SELECT schema_name || '.' || table_name FROM duckdb_tables() WHERE NOT internal UNION ALL SELECT schema_name || '.' || "
                "view_name FROM duckdb_views() WHERE NOT internal AND view_name LIKE 'ml_feature_store%'")
        .for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) in_store.insert(std::string(c.get_string(0, r)));
    });
    std::set<std::string> catalog;
    for (const auto& t : store_tables()) catalog.insert(t.qualified());
    EXPECT_EQ(in_store, catalog);
    for (const auto& t : store_tables()) {
        auto q = s.con.prepare("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND "
                               "table_name = ? ORDER BY ordinal_position");
        q.bind(1, t.spec->schema).bind(2, t.spec->name);
        std::vector<std::string> have, want;
        for (const auto& r : q.execute().rows_as_text()) have.push_back(*r[0] + " " + *r[1]);
        for (const auto& c : t.spec->columns) want.push_back(c.name + " " + store::sql_type(c.type));
        EXPECT_EQ(have, want) << t.qualified();
    }
}

TEST(ExportCatalog, LineageComesFromTheRegistryAndEveryUpstreamIsACatalogTable) {
    for (const auto& t : store_tables())
        for (const auto& u : t.upstream) EXPECT_NE(find_table(u), nullptr) << t.qualified() << " reads unknown " << u;
    const auto* pgs = find_table("analytics.player_game_summary");
    ASSERT_NE(pgs, nullptr);
    EXPECT_EQ(pgs->layer, Layer::Analytics);
    EXPECT_EQ(pgs->writer, "player_game_summary");
    EXPECT_EQ(pgs->changes, ChangeSource::Ledger);
    // Read by Phase 4 processors, the feature stores and commands.
    auto reads = [&](const char* r) { return std::find(pgs->readers.begin(), pgs->readers.end(), r) != pgs->readers.end(); };
    EXPECT_TRUE(reads("player_composite_factors"));
    EXPECT_TRUE(reads("ml_feature_store_v3"));
    EXPECT_FALSE(reads("ml_feature_store"));  // cut from v3's rows
    EXPECT_TRUE(reads("train"));
    EXPECT_TRUE(reads("grade"));
    const auto* v2 = find_table("ml_feature_store_v2");
    ASSERT_NE(v2, nullptr);
    EXPECT_EQ(v2->layer, Layer::Features);
    const auto& declared = app::registry().find("ml_feature_store_v2")->upstream();
    for (const auto& u : declared)
        EXPECT_NE(std::find(v2->upstream.begin(), v2->upstream.end(), u.table), v2->upstream.end()) << u.table;
    EXPECT_EQ(find_table("models.grades")->layer, Layer::Grades);
    EXPECT_TRUE(find_table("ops.ledger_stage")->staging);
    EXPECT_THROW(select_tables({"no_such_table"}, [](const CatalogTable&) { return true; }), std::invalid_argument);
    auto raw = select_tables({"raw"}, [](const CatalogTable&) { return true; });
    EXPECT_EQ(raw.size(), 12u);
}

TEST(ExportSeasonSpans, DatesMapToTheCalendarSeasonTheBubbleIncludedAndSqlAgrees) {
    // Spans as the calendar gives them: 2019-20 ran into October 2020, 2020-21 into July 2021.
    SeasonSpans spans({{2019, {day("2019-09-30"), day("2020-10-11")}},
                       {2020, {day("2020-12-11"), day("2021-07-20")}},
                       {2021, {day("2021-10-03"), day("2022-06-16")}}});
    EXPECT_EQ(spans.season_of(day("2020-08-15")), 2019);  // the bubble
    EXPECT_EQ(spans.season_of(day("2020-10-11")), 2019);
    EXPECT_EQ(spans.season_of(day("2020-10-12")), 2020);  // offseason: the coming season
    EXPECT_EQ(spans.season_of(day("2021-07-20")), 2020);
    EXPECT_EQ(spans.season_of(day("2021-07-25")), 2020);  // before August: the season just ended
    EXPECT_EQ(spans.season_of(day("2021-08-01")), 2021);
    EXPECT_EQ(spans.season_of(day("2025-10-21")), 2025);  // beyond the calendar: by month
    auto [lo, hi] = spans.dates_of(2020);
    EXPECT_EQ(core::format_date(lo), "2020-10-12");
    EXPECT_EQ(core::format_date(hi), "2021-07-31");
    EXPECT_THROW(SeasonSpans({{2019, {day("2019-09-30"), day("2020-10-11")}}, {2020, {day("2020-10-01"), day("2021-07-20")}}}),
                 std::logic_error);

    ct::TestStore s;
    auto rows = s.con.query("SELECT d::VARCHAR, " + spans.season_sql("d") +
                            " FROM range(DATE '2018-01-01', DATE '2023-01-01', INTERVAL 1 DAY) t(d)").rows_as_text();
    ASSERT_EQ(rows.size(), 1826u);
    for (const auto& r : rows) {
        core::Date d = day(r[0]->c_str());
        ASSERT_EQ(std::stoi(*r[1]), spans.season_of(d)) << *r[0];
        auto [a, b] = spans.dates_of(spans.season_of(d));
        ASSERT_TRUE(d >= a && d <= b) << *r[0];
    }
}

TEST(ExportDocs, StoresCommentsOnEveryColumnAndWritesASelfContainedPage) {
    ct::SampleStore s;
    const size_t statements = comment_store(s.con);
    size_t columns = 0;
    for (const auto& t : store_tables()) columns += t.spec->columns.size();
    EXPECT_EQ(statements, columns + store_tables().size());
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM duckdb_columns() c JOIN (SELECT database_name, schema_name, table_name FROM duckdb_tables() UNION ALL "
                                 "SELECT database_name, schema_name, view_name FROM duckdb_views() WHERE view_name LIKE 'ml_feature_store%') t "
                                 "USING (database_name, schema_name, table_name) WHERE NOT c.internal AND (c.comment IS NULL OR c.comment = '')"), 0);
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM duckdb_tables() WHERE NOT internal AND (comment IS NULL OR comment = '')"), 0);
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'ml_feature_store%' AND (comment IS NULL OR comment = '')"), 0);
    EXPECT_EQ(ct::scalar(s.con, "SELECT count(*) FROM duckdb_columns() c JOIN (SELECT database_name, schema_name, table_name FROM duckdb_tables() "
                                "UNION ALL SELECT database_name, schema_name, view_name FROM duckdb_views() WHERE view_name LIKE "
                                "'ml_feature_store%') t USING (database_name, schema_name, table_name) WHERE NOT c.internal AND c.comment <> ''"),
              static_cast<int64_t>(columns));
    auto minutes = s.con.query("SELECT comment FROM duckdb_columns() WHERE schema_name = 'analytics' AND table_name = "
                               "'player_game_summary' AND column_name = 'minutes'").scalar_string();
    EXPECT_EQ(*minutes, "seconds_played / 60, exact (MM:SS or decimal input) [minutes]");

    const std::string html = catalog_html(s.con, "sample.duckdb");
    for (const auto& t : store_tables()) {
        EXPECT_NE(html.find("id=\"" + t.qualified() + "\""), std::string::npos) << t.qualified();
        for (const auto& c : t.spec->columns) EXPECT_NE(html.find("<code>" + c.name + "</code>"), std::string::npos) << c.name;
    }
    EXPECT_NE(html.find("<svg"), std::string::npos);
    // Lineage edges: raw box scores feed Phase 3, which feeds Phase 4.
    EXPECT_NE(html.find("Partition status per processor"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("https://"), std::string::npos);
    // Only the SVG namespace, never a fetched resource.
    size_t http = 0;
    for (size_t at = html.find("http://"); at != std::string::npos; at = html.find("http://", at + 1)) {
        EXPECT_EQ(html.compare(at, 26, "http://www.w3.org/2000/svg"), 0);
        ++http;
    }
    EXPECT_GT(http, 0u);
    // The sample ran Phase 3 and 4: every processor shows its partitions, none "never run".
    EXPECT_EQ(html.find("never run"), std::string::npos);
}
