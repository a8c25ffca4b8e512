// serve's JSON API over HTTP on 127.0.0.1, on a store built from the bundled sample (serve_fixture.hpp):
// what each route answers (status codes, the documents' keys, counts equal to the store's), and
// that bad or hostile inputs get a 400 (or 404) with a JSON message and change nothing.
#include "grading/grade_summary.hpp"
#include "serve_fixture.hpp"

#include <fmt/format.h>

namespace ct = courtside::testing;
namespace fs = std::filesystem;
using namespace courtside;
using nlohmann::json;

namespace {

class ServeApi : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new ct::TempDir();
        store_ = dir_->path / "store.duckdb";
        picks_ = ct::build_serve_store(store_);
        serve::ServeOptions o;
        o.store = store_.string();
        o.port = 0;
        o.snapshot_dir = (dir_->path / "snapshots").string();
        server_ = new serve::Server(o);
        port_ = server_->start();
    }
    static void TearDownTestSuite() {
        delete server_;
        delete dir_;
    }
    static ct::Reply get(const std::string& path) { return ct::http_get(port_, path); }
    // A query on the live store file (serve holds a snapshot copy, never this file).
    static int64_t count(const std::string& sql) {
        store::Database db(store_.string(), store::Access::ReadOnly);
        store::Connection con(db);
        return con.query(sql).scalar_int().value_or(-1);
    }
    static ct::TempDir* dir_;
    static fs::path store_;
    static int64_t picks_;
    static serve::Server* server_;
    static int port_;
};
ct::TempDir* ServeApi::dir_ = nullptr;
fs::path ServeApi::store_;
int64_t ServeApi::picks_ = 0;
serve::Server* ServeApi::server_ = nullptr;
int ServeApi::port_ = 0;

TEST_F(ServeApi, RoutesAnswerFromTheStore) {
    ASSERT_GT(picks_, 300);
    // /api/picks: the latest date with picks by default, every contract column, counts as stored.
    auto r = get("/api/picks");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
    EXPECT_EQ(r.snapshot, "1");
    auto j = r.json();
    EXPECT_EQ(j["date"], "2021-11-30");
    EXPECT_EQ(j["count"].get<int64_t>(), count("SELECT count(*) FROM models.picks WHERE game_date = DATE '2021-11-30'"));
    ASSERT_GT(j["count"].get<int64_t>(), 10);
    EXPECT_EQ(static_cast<int64_t>(j["dates"].size()), count("SELECT count(DISTINCT game_date) FROM models.picks"));
    for (const auto& c : models::picks_spec().columns) EXPECT_TRUE(j["picks"][0].contains(c.name)) << c.name;
    EXPECT_TRUE(j["picks"][0]["game_date"].is_string());
    EXPECT_TRUE(j["picks"][0]["line"].is_number());
    EXPECT_TRUE(j["picks"][0]["is_home"].is_boolean());
    EXPECT_EQ(j["picks"][0]["tipoff_utc"].get<std::string>().back(), 'Z');

    auto f = get("/api/picks?date=2021-11-20&market=threes&side=OVER").json();
    EXPECT_EQ(f["date"], "2021-11-20");
    EXPECT_EQ(f["count"].get<int64_t>(), count("SELECT count(*) FROM models.picks WHERE game_date = DATE '2021-11-20' "
                                               "AND market = 'threes' AND side = 'OVER'"));
    ASSERT_GT(f["count"].get<int64_t>(), 0);
    for (const auto& p : f["picks"]) {
        EXPECT_EQ(p["market"], "threes");
        EXPECT_EQ(p["side"], "OVER");
    }
    auto none = get("/api/picks?date=2020-01-01");
    EXPECT_EQ(none.status, 200);
    EXPECT_EQ(none.json()["count"], 0);
    EXPECT_TRUE(none.json().contains("note"));

    // /api/grades: grading's own summary of the stored grades, per market and system.
    auto g = get("/api/grades?market=threes");
    ASSERT_EQ(g.status, 200) << g.body;
    auto gj = g.json();
    ASSERT_EQ(gj["groups"].size(), 1u);
    const auto& grp = gj["groups"][0];
    EXPECT_EQ(grp["market"], "threes");
    EXPECT_EQ(grp["system"], "fg3m_season_avg");
    EXPECT_EQ(grp["rows"].get<int64_t>(), count("SELECT count(*) FROM models.grades WHERE market = 'threes' AND status = 'graded'"));
    const auto& rec = grp["recommendations"]["by_edge"];
    EXPECT_EQ(rec["bets"].get<int64_t>(), count("SELECT count(*) FROM models.grades WHERE market = 'threes' AND status = 'graded' "
                                                "AND rec_by_edge <> 'PASS'"));
    store::Database db(store_.string(), store::Access::ReadOnly);
    store::Connection con(db);
    const double units = *con.query("SELECT sum(profit_by_edge) FROM models.grades WHERE market = 'threes'").scalar_double();
    EXPECT_NEAR(rec["units"].get<double>(), units, 1e-9);
    ASSERT_TRUE(rec["ci95"].is_array());
    EXPECT_LT(rec["ci95"][0].get<double>(), rec["hit_rate"].get<double>());
    EXPECT_GT(rec["ci95"][1].get<double>(), rec["hit_rate"].get<double>());
    ASSERT_FALSE(grp["hit_rate_by_edge"].empty());
    // The cumulative record ends where the whole record ends.
    ASSERT_FALSE(grp["cumulative"].empty());
    const auto& last = grp["cumulative"].back();
    EXPECT_EQ(last["date"], "2021-11-30");
    EXPECT_NEAR(last["units"].get<double>(), units, 1e-9);
    EXPECT_LE(last["units_ci95"][0].get<double>(), units);
    EXPECT_GE(last["units_ci95"][1].get<double>(), units);
    // The model's own error is the stored model's, not scored against 0 (the formulas are not
    // blended with the line, so it equals the graded prediction's).
    ASSERT_TRUE(grp["model_own"].is_object()) << grp.dump();
    const double own_mae = *con.query("SELECT avg(abs(model_predicted - actual)) FROM models.grades WHERE market = 'threes' AND status = 'graded'").scalar_double();
    EXPECT_NEAR(grp["model_own"]["mae"].get<double>(), own_mae, 1e-9) << grp["model_own"].dump();
    EXPECT_NEAR(grp["model_own"]["mae"].get<double>(), grp["model"]["mae"].get<double>(), 1e-9);
    EXPECT_EQ(count("SELECT count(*) FROM models.grades WHERE status = 'graded' AND model_predicted IS NULL"), 0);
    EXPECT_EQ(get("/api/grades").json()["groups"].size(), 2u);
    EXPECT_EQ(get("/api/grades?from=2021-11-20&to=2021-11-21&market=points").json()["groups"][0]["lines"].get<int64_t>(),
              count("SELECT count(*) FROM models.grades WHERE market = 'points' AND game_date BETWEEN DATE '2021-11-20' AND DATE '2021-11-21'"));

    // /api/players/{id}: a player with picks.
    const int64_t pid = j["picks"][0]["player_id"].get<int64_t>();
    auto p = get("/api/players/" + std::to_string(pid) + "?games=5");
    ASSERT_EQ(p.status, 200) << p.body;
    auto pj = p.json();
    EXPECT_EQ(pj["player_id"], pid);
    EXPECT_EQ(pj["name"], j["picks"][0]["player_name"]);
    EXPECT_EQ(pj["recent_games"].size(), 5u);
    EXPECT_EQ(pj["recent_games"][0]["game_date"], "2021-11-30");
    ASSERT_TRUE(pj["features"].is_object());
    EXPECT_EQ(pj["features"]["version"], "v3");
    EXPECT_FALSE(pj["features"]["values"].empty());
    // The latest row of the regular and the early-season tables (the latter alone hold a season's
    // first days: the API had shown a 2021 row as the latest in November 2025).
    EXPECT_EQ(pj["features"]["store"], "regular");
    const std::string latest = fmt::format(
        "SELECT count(*) FROM (SELECT max(game_date) AS d FROM (SELECT game_date FROM precompute.ml_feature_store_v3 WHERE player_id "
        "= {0} UNION ALL SELECT game_date FROM precompute.ml_feature_store_early_v3 WHERE player_id = {0})) WHERE d = DATE '{1}'",
        pid, pj["features"]["game_date"].get<std::string>());
    EXPECT_EQ(count(latest), 1);
    EXPECT_FALSE(pj["predictions"].empty());
    EXPECT_FALSE(pj["picks"].empty());
    EXPECT_FALSE(pj["grades"].empty());
    EXPECT_EQ(get("/api/players/999999999").status, 404);

    // /api/status: the ledger per processor (status's own report), the last daily run.
    auto s = get("/api/status");
    ASSERT_EQ(s.status, 200) << s.body;
    auto sj = s.json();
    EXPECT_EQ(sj["snapshot"]["id"], 1);
    EXPECT_FALSE(sj["snapshot"]["writer_active"].get<bool>());
    EXPECT_EQ(static_cast<int64_t>(sj["ledger"].size()), count("SELECT count(DISTINCT processor) FROM ops.partition_ledger"));
    EXPECT_TRUE(sj["ledger"][0].contains("complete"));
    EXPECT_TRUE(sj["failed_partitions"].empty());
    ASSERT_FALSE(sj["partitions"].empty());
    EXPECT_EQ(sj["partitions"][0]["season"], "2021-22");
    EXPECT_EQ(sj["last_daily_run"]["status"], "ok");
    EXPECT_EQ(sj["last_daily_run"]["steps"][0]["step"], "picks");
    EXPECT_GT(sj["ingest"]["files_ingested"].get<int64_t>(), 0);
    // A range beyond the graded lines is empty and says so; `tomorrow` is a date as in the CLI (audit).
    auto beyond = get("/api/grades?from=2030-01-01").json();
    EXPECT_TRUE(beyond["groups"].empty());
    EXPECT_NE(beyond["note"].get<std::string>().find("no graded lines from 2030-01-01 on: the last is on 2021-11-"), std::string::npos)
        << beyond.dump();
    EXPECT_EQ(get("/api/picks?date=tomorrow").status, 200);
    EXPECT_TRUE(sj["odds_quota"].is_null());

    EXPECT_EQ(get("/api/validation").status, 200);
    auto m = get("/api/models");
    EXPECT_EQ(m.status, 200);
    EXPECT_TRUE(m.json()["models"].is_array());
}

// /api/status and `status --format json` give the sections they share under the same keys and in
// the same shapes (audit: `ingest` was a list of one in the CLI, the quota under another name).
TEST_F(ServeApi, StatusHasTheShapeOfTheCliStatus) {
    const auto api = get("/api/status").json();
    const std::string cmd = std::string(COURTSIDE_BINARY) + " -q --db '" + store_.string() + "' status --format json 2>/dev/null";
    std::string text;
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) text.append(buf, n);
    ASSERT_EQ(pclose(p), 0) << text;
    const auto cli = json::parse(text);
    for (const char* key : {"raw_tables", "ingest", "quarantined", "fetch", "odds_quota", "fetch_failures", "ledger", "failed_partitions"}) {
        ASSERT_TRUE(api.contains(key)) << key;
        ASSERT_TRUE(cli.contains(key)) << key;
        EXPECT_EQ(api[key].type_name(), std::string(cli[key].type_name())) << key;
        EXPECT_EQ(api[key].size(), cli[key].size()) << key;
    }
    EXPECT_TRUE(cli["ingest"].is_object());
    EXPECT_EQ(api["ingest"], cli["ingest"]);
    EXPECT_EQ(api["raw_tables"], cli["raw_tables"]);
    // Every key of the CLI's (the store and the Phase 4 coverage were missing; audit), the coverage
    // equal, the store the same file.
    for (const auto& [key, value] : cli.items()) EXPECT_TRUE(api.contains(key)) << key;
    ASSERT_TRUE(cli["phase4_coverage"].is_array());
    EXPECT_FALSE(cli["phase4_coverage"].empty());
    EXPECT_EQ(api["phase4_coverage"], cli["phase4_coverage"]);
    EXPECT_EQ(api["store"], cli["store"]);
}

TEST_F(ServeApi, BadAndHostileInputsGetA400WithAMessageAndChangeNothing) {
    const int64_t before = count("SELECT count(*) FROM models.picks");
    struct Case {
        std::string path;
        int status;
        std::string message;  // part of the error
    };
    const std::string injection = ct::percent_encode("2021-11-30' OR 1=1; DROP TABLE models.picks; --");
    const std::vector<Case> cases = {
        {"/api/picks?date=2021-13-45", 400, "not a date"},
        {"/api/picks?date=" + injection, 400, "not a date"},
        {"/api/picks?date=2021-11-30%00", 400, "not a date"},
        {"/api/picks?market=" + ct::percent_encode("points' OR '1'='1"), 400, "not a market"},
        {"/api/picks?market=POINTS", 400, "not a market"},
        {"/api/picks?system=" + ct::percent_encode("xgb; DELETE FROM models.picks"), 400, "not a system"},
        {"/api/picks?system=foo", 400, "'foo' is not a system (season_avg, "},
        {"/api/grades?system=foo", 400, "not a system"},
        {"/api/picks?side=" + ct::percent_encode("OVER' --"), 400, "side"},
        {"/api/picks?date=2021-11-30&date=2021-11-29", 400, "more than once"},
        {"/api/picks?market=points&market=points", 400, "more than once"},  // the same value twice too
        {"/api/picks?market=points&m%61rket=points", 400, "more than once"},
        {"/api/picks?nope=1", 400, "unknown parameter"},
        {"/api/picks?" + ct::percent_encode("<script>") + "=1", 400, "unknown parameter"},
        {"/api/picks?date=" + std::string(5000, '9'), 400, "not a date"},
        {"/api/grades?from=2021-11-30&to=2021-11-01", 400, "after"},
        {"/api/grades?market=rebounds", 400, "not a market"},
        {"/api/players/" + ct::percent_encode("1 OR 1=1"), 400, "not a player id"},
        {"/api/players/-5", 400, "not a player id"},
        {"/api/players/99999999999999999999999", 400, "not a player id"},
        {"/api/players/0x1F", 400, "not a player id"},
        {"/api/players/203507?games=-1", 400, "not an integer"},
        {"/api/players/203507?games=1e9", 400, "not an integer"},
        {"/api/validation?run=" + ct::percent_encode("x' UNION SELECT * FROM ops.fetch_log --"), 400, "not a run id"},
        {"/api/validation?run=no-such-run", 404, "no validation run"},
        {"/api/nothing", 404, "no API route"},
        {"/api/status?x=1", 400, "unknown parameter"},
    };
    for (const auto& c : cases) {
        auto r = get(c.path);
        EXPECT_EQ(r.status, c.status) << c.path << ": " << r.body;
        EXPECT_EQ(r.content_type, "application/json; charset=utf-8") << c.path;
        auto j = json::parse(r.body, nullptr, false);
        ASSERT_FALSE(j.is_discarded()) << c.path << ": " << r.body;
        EXPECT_EQ(j["status"], c.status) << c.path;
        EXPECT_NE(j["error"].get<std::string>().find(c.message), std::string::npos) << c.path << ": " << j["error"];
        EXPECT_LE(j["error"].get<std::string>().size(), 300u) << c.path;  // the input is quoted, cut short
    }
    // Read-only: nothing but GET.
    httplib::Client cli("127.0.0.1", port_);
    auto post = cli.Post("/api/picks", "{}", "application/json");
    ASSERT_TRUE(post);
    EXPECT_EQ(post->status, 405);
    auto del = cli.Delete("/api/picks");
    ASSERT_TRUE(del);
    EXPECT_EQ(del->status, 405);
    // Also without a body or a length (curl -X POST): httplib alone would answer 400.
    EXPECT_EQ(ct::raw_request_status(port_, "POST /api/picks HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 405);
    EXPECT_EQ(ct::raw_request_status(port_, "GET /api/picks HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 200);
    // A page with a hostile path is an escaped 404 page, not a reflected script.
    auto page = get("/" + ct::percent_encode("<script>alert(1)</script>"));
    EXPECT_EQ(page.status, 404);
    EXPECT_EQ(page.body.find("<script>alert"), std::string::npos);
    // The store is untouched and the server still answers.
    EXPECT_EQ(count("SELECT count(*) FROM models.picks"), before);
    EXPECT_EQ(get("/api/picks").status, 200);
}

TEST_F(ServeApi, PagesRenderTheApiDocuments) {
    const auto picks = get("/api/picks").json();
    auto r = get("/");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
    size_t rows = 0;
    for (size_t at = r.body.find("<tr class=\""); at != std::string::npos; at = r.body.find("<tr class=\"", at + 1)) ++rows;
    EXPECT_EQ(rows, picks["picks"].size());
    for (const char* path : {"/performance", "/health", "/models"}) {
        auto p = get(path);
        EXPECT_EQ(p.status, 200) << path << p.body.substr(0, 300);
        EXPECT_NE(p.body.find("<main>"), std::string::npos) << path;
    }
    auto perf = get("/performance").body;
    EXPECT_NE(perf.find(R"(data-chart="profit")"), std::string::npos);
    EXPECT_NE(perf.find(R"(class="band")"), std::string::npos);
    EXPECT_NE(perf.find(R"(data-chart="calibration")"), std::string::npos);
    auto player = get("/players/" + std::to_string(picks["picks"][0]["player_id"].get<int64_t>()));
    EXPECT_EQ(player.status, 200);
    EXPECT_EQ(get("/players/abc").status, 400);
}

// Two systems' picks of one day (xgb and a baseline): the page lists each line once, xgb's by
// default, with a system selector; the API without system= lists both (audit: every line twice).
TEST_F(ServeApi, ThePicksPageListsEachLineOnceWhenTwoSystemsPickedTheDay) {
    ct::TempDir tmp;
    const auto copy = tmp.path / "two_systems.duckdb";
    fs::copy_file(store_, copy);
    {
        store::Database db(copy.string());
        store::Connection con(db);
        con.execute("INSERT INTO models.picks SELECT * REPLACE ('xgb' AS system) FROM models.picks "
                    "WHERE game_date = DATE '2021-11-30' AND market = 'points'");
    }
    serve::ServeOptions o;
    o.store = copy.string();
    o.port = 0;
    o.snapshot_dir = (tmp.path / "snapshots").string();
    serve::Server server(o);
    const int port = server.start();
    auto rows_of = [](const std::string& body) {
        size_t rows = 0;
        for (size_t at = body.find("<tr class=\""); at != std::string::npos; at = body.find("<tr class=\"", at + 1)) ++rows;
        return rows;
    };
    const auto all = ct::http_get(port, "/api/picks?date=2021-11-30").json();
    const auto xgb = ct::http_get(port, "/api/picks?date=2021-11-30&system=xgb").json();
    const auto points = ct::http_get(port, "/api/picks?date=2021-11-30&system=season_avg").json();
    ASSERT_GT(xgb["count"].get<size_t>(), 10u);
    EXPECT_EQ(xgb["count"], points["count"]);
    EXPECT_GT(all["count"].get<size_t>(), xgb["count"].get<size_t>() + points["count"].get<size_t>());  // + the threes
    ASSERT_EQ(all["systems"].size(), 3u);
    // Per market one family: points xgb's (not season_avg's), threes season_avg's (fg3m_season_avg,
    // the only one there).
    const size_t threes = all["count"].get<size_t>() - xgb["count"].get<size_t>() - points["count"].get<size_t>();
    auto page = ct::http_get(port, "/?date=2021-11-30");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(rows_of(page.body), xgb["count"].get<size_t>() + threes);
    EXPECT_NE(page.body.find(R"(<option value="" selected>season_avg, xgb (default)</option>)"), std::string::npos) << page.body;
    // The date list counts lines, not one row per system.
    EXPECT_NE(page.body.find(fmt::format("2021-11-30 ({} lines, ", points["count"].get<size_t>() + threes)), std::string::npos);
    // Asked for a family: its picks in every market, selected.
    auto baseline = ct::http_get(port, "/?date=2021-11-30&system=season_avg");
    EXPECT_EQ(rows_of(baseline.body), points["count"].get<size_t>() + threes);
    EXPECT_NE(baseline.body.find(R"(<option value="season_avg" selected>)"), std::string::npos);
    EXPECT_EQ(rows_of(ct::http_get(port, "/?date=2021-11-30&system=fg3m_season_avg").body), points["count"].get<size_t>() + threes);
    // A system without picks that day: said, with the date and system lists to leave by.
    auto none = ct::http_get(port, "/?date=2021-11-30&system=last_10_avg");
    EXPECT_EQ(rows_of(none.body), 0u);
    EXPECT_NE(none.body.find("no picks of last_10_avg on 2021-11-30"), std::string::npos) << none.body;
    EXPECT_NE(none.body.find(R"(<option value="xgb">)"), std::string::npos);
    // One family of systems on a day (the shared store: season_avg and fg3m_season_avg): every pick.
    EXPECT_EQ(rows_of(get("/?date=2021-11-30").body), get("/api/picks?date=2021-11-30").json()["count"].get<size_t>());
}

}  // namespace

TEST_F(ServeApi, ASecondServerOnTheSamePortIsRefusedNotSharingItsRequests) {
    // With SO_REUSEPORT (cpp-httplib's default) the second bound too and the kernel split the
    // requests between the two servers and their stores.
    serve::ServeOptions o;
    o.store = store_.string();
    o.host = "127.0.0.1";
    o.port = port_;
    o.snapshot_dir = (dir_->path / "snapshots_second").string();
    serve::Server second(o);
    try {
        second.start();
        FAIL() << "a second server started on port " << port_;
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(port_)), std::string::npos) << e.what();
    }
    EXPECT_EQ(get("/api/status").status, 200);  // the first one still answers
}
