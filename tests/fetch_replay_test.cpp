// Issue #10: `courtside fetch` end to end against the replay server on 127.0.0.1 serving the
// real recorded payloads of data/replay (no network): every source fetched, archived and handed
// to ingest; a replay of the archive rebuilding identical raw tables; --missing fetching exactly
// the gaps and resuming from the archive; injected faults (429 with Retry-After, 500, a reset
// connection, a slow response, a cut body, an HTML page with 200, invalid JSON, an empty result,
// an unknown schema) never landing partial data; the Odds API key in no file and no output.
// Every request loop is bounded: 3 attempts, 10-50 ms backoffs, second-scale timeouts.
#include "app/registry.hpp"
#include "app/schema.hpp"
#include "core/hash.hpp"
#include "daily/daily_run.hpp"
#include "fetch/archive.hpp"
#include "fetch/http_client.hpp"
#include "fetch/run.hpp"
#include "fetch/stats_nba.hpp"
#include "ingest/file_reader.hpp"
#include "ingest/ingester.hpp"
#include "replay_server.hpp"
#include "test_support.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

namespace fs = std::filesystem;
using namespace courtside;
using courtside::replay::Fault;

namespace {

const std::string kStats = "https://stats.nba.com/stats";
std::string box_url(const std::string& version, const std::string& game) {
    return fmt::format("{}/boxscoretraditional{}?EndPeriod=0&EndRange=0&GameID={}&RangeType=0&StartPeriod=0&StartRange=0", kStats,
                       version, game);
}
fs::path replay_dir() { return courtside::testing::source_dir() / "data" / "replay"; }

// rowSet sizes of a recorded resultSets file, counted here independently of ingest.
size_t recorded_rows(const fs::path& file, const std::string& result_set) {
    auto j = nlohmann::json::parse(ingest::read_source_file(file).text);
    for (const auto& s : j["resultSets"])
        if (s["name"] == result_set) return s["rowSet"].size();
    return 0;
}

struct FetchFixture : ::testing::Test {
    replay::ReplayServer server;
    fs::path dir;
    fetch::SourcesConfig config;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<store::Connection> con;

    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir = fs::temp_directory_path() / fmt::format("cs_fetch_{}_{}_{}", info->name(), ::getpid(), std::random_device{}());
        fs::create_directories(dir);
        ASSERT_EQ(server.add_index(replay_dir() / "index.json"), 15u);
        server.set_odds_quota(500);
        server.start();
        config = fetch::default_sources_config();
        const std::map<std::string, std::string> prefix{{"stats_nba", "/stats"}, {"nba_cdn", "/static/json"}, {"odds_api", ""},
                                                        {"injury_report", "/referee/injury"}};
        for (auto& [name, host] : config.hosts) {
            host.base_url = server.base_url() + prefix.at(name);
            host.requests_per_second = 0;  // no rate limit against the local server
            host.connect_timeout_ms = 1000;
            host.timeout_ms = 3000;
        }
        config.retry.max_attempts = 3;
        config.retry.backoff_ms = 10;
        config.retry.max_backoff_ms = 50;
        config.retry.max_retry_after_s = 5;
        config.deadline_seconds = 60;
        open(dir / "store.duckdb");
    }
    void TearDown() override {
        server.stop();
        con.reset();
        db.reset();
        fs::remove_all(dir);
    }
    void open(const fs::path& file) {
        con.reset();
        db = std::make_unique<store::Database>(file.string());
        con = std::make_unique<store::Connection>(*db);
        app::migrate(*con);
    }
    fetch::FetchReport fetch(const std::string& source, std::vector<std::string> targets,
                             const std::function<void(fetch::FetchArgs&)>& more = {}) {
        fetch::FetchArgs a;
        a.source = source;
        a.targets = std::move(targets);
        a.archive_dir = dir / "archive";
        if (more) more(a);
        return fetch::run_fetch(*con, config, a);
    }
    int64_t count(const std::string& sql) { return con->query(sql).scalar_int().value_or(-1); }
    // Content hash of a raw table over every column but the load time.
    int64_t content(store::Connection& c, const std::string& table) {
        std::string cols;
        c.query(fmt::format("SELECT column_name FROM information_schema.columns WHERE table_schema || '.' || table_name = '{}' "
                            "AND column_name <> 'ingested_at' ORDER BY ordinal_position", table))
            .for_each_chunk([&](const store::Chunk& ch) {
                for (size_t r = 0; r < ch.size(); ++r) cols += fmt::format("{}t.\"{}\"", cols.empty() ? "" : ", ", ch.get_string(0, r));
            });
        return courtside::testing::table_hash(c, table, "(" + cols + ")");
    }
};

std::vector<std::string> failure_reasons(const fetch::FetchReport& r) {
    std::vector<std::string> out;
    for (const auto& f : r.failures) out.push_back(f.endpoint + " " + f.target + ": " + f.reason);
    return out;
}

}  // namespace

TEST_F(FetchFixture, StatsPayloadsGoThroughArchiveAndIngestIntoRawTables) {
    auto r = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200552", "0022400561"}; });
    EXPECT_EQ(r.exit_code(), 0) << ::testing::PrintToString(failure_reasons(r));
    auto r2 = fetch("stats", {"gamelog-team", "players"}, [](auto& a) { a.season = "2025-26"; });
    EXPECT_EQ(r2.exit_code(), 0) << ::testing::PrintToString(failure_reasons(r2));

    const size_t box1 = recorded_rows(courtside::testing::sample_dir() / "api-payloads/boxscoretraditionalv2_0022200552.json", "PlayerStats");
    const size_t box2 = recorded_rows(replay_dir() / "stats/boxscoretraditionalv2_0022400561.json", "PlayerStats");
    const size_t log = recorded_rows(courtside::testing::sample_dir() / "props/leaguegamelog_2025-26_7b12b87999.json", "LeagueGameLog");
    const size_t dir_rows = recorded_rows(courtside::testing::sample_dir() / "props/commonallplayers_813a32d2fe.json", "CommonAllPlayers");
    EXPECT_EQ(box1, 23u);
    EXPECT_EQ(box2, 25u);
    EXPECT_EQ(count("SELECT count(*) FROM raw.boxscore_player WHERE game_id = '0022200552'"), int64_t(box1));
    EXPECT_EQ(count("SELECT count(*) FROM raw.boxscore_player WHERE game_id = '0022400561'"), int64_t(box2));
    EXPECT_EQ(count("SELECT count(*) FROM raw.team_game_log"), 1688);
    EXPECT_LE(count("SELECT count(*) FROM raw.team_game_log"), int64_t(log));  // placeholder rows are dropped, and listed
    EXPECT_EQ(count("SELECT count(*) FROM raw.player_directory"), int64_t(dir_rows));
    EXPECT_EQ(r.accepted + r2.accepted, 4u);
    EXPECT_EQ(r.ingested + r2.ingested, 4u);

    // ops.fetch_log: one row per attempt, ingested, with status, bytes, hash and archive file.
    EXPECT_EQ(count("SELECT count(*) FROM ops.fetch_log WHERE outcome = 'ingested' AND status = 200 AND attempt = 1"), 4);
    auto rows = con->query("SELECT url, bytes, content_hash, archive_file FROM ops.fetch_log WHERE endpoint = 'boxscoretraditionalv2' "
                           "ORDER BY target").rows_as_text();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(*rows[0][0], server.base_url() + "/stats/boxscoretraditionalv2?EndPeriod=0&EndRange=0&GameID=0022200552&RangeType=0&StartPeriod=0&StartRange=0");
    // The archive holds the body as served, gzip, named by its hash; ingest recorded that file.
    std::string body = ingest::read_source_file(*rows[0][3]).text;
    EXPECT_EQ(body, ingest::read_source_file(courtside::testing::sample_dir() / "api-payloads/boxscoretraditionalv2_0022200552.json").text);
    EXPECT_EQ(std::to_string(body.size()), *rows[0][1]);
    EXPECT_EQ(core::content_hash(body), *rows[0][2]);
    EXPECT_EQ(fs::path(*rows[0][3]).filename().string(), *rows[0][2] + ".json.gz");
    EXPECT_EQ(count(fmt::format("SELECT count(*) FROM ops.ingested_files WHERE source_file = '{}'", *rows[0][3])), 1);
    std::ifstream manifest(dir / "archive" / "stats_nba" / "manifest.jsonl");
    size_t lines = 0;
    for (std::string l; std::getline(manifest, l);) {
        auto j = nlohmann::json::parse(l);
        EXPECT_TRUE(fs::exists(dir / "archive" / "stats_nba" / j["file"].get<std::string>()));
        EXPECT_FALSE(j["fetched_at"].get<std::string>().empty());
        ++lines;
    }
    EXPECT_EQ(lines, 4u);
}

TEST_F(FetchFixture, EverySourceIsFetchedCheckedAndArchived) {
    setenv("ODDS_API_KEY", "test-key-not-secret-1", 1);
    struct Case {
        std::string source, target;
        std::function<void(fetch::FetchArgs&)> args;
        fs::path recorded;
        std::string table;  // where ingest loads it
    };
    const std::vector<Case> cases{
        {"stats", "boxscore", [](auto& a) { a.plan.game_ids = {"0022200552"}; }, "stats/boxscoretraditionalv3_0022200552.json", "raw.boxscore_player"},
        {"stats", "playbyplay", [](auto& a) { a.plan.game_ids = {"0022200552"}; }, "stats/playbyplayv3_0022200552.json.gz", "raw.playbyplay_v3"},
        {"stats", "scoreboard", [](auto& a) { a.date = "2025-11-05"; }, "stats/scoreboardv3_2025-11-05.json", "raw.schedule"},
        {"stats", "scoreboard-v2", [](auto& a) { a.date = "2026-02-22"; }, "stats/scoreboardv2_2026-02-22.json", "raw.schedule"},
        {"stats", "gamelog-player", [](auto& a) { a.date = "2025-03-15"; }, "stats/leaguegamelog_P_2025-03-15.json", "raw.player_game_log"},
        {"cdn", "schedule", [](auto&) {}, "cdn/scheduleLeagueV2.json", "raw.schedule"},
        {"cdn", "playbyplay", [](auto& a) { a.plan.game_ids = {"0022400500"}; }, "cdn/playbyplay_0022400500.json.gz", "raw.playbyplay_v3"},
        {"odds", "historical-events", [](auto& a) { a.date = "2024-01-24"; a.plan.snapshot = "2024-01-25T03:55:40Z"; },
         "odds/historical_events_2024-01-25T035540Z.json", "raw.odds_events"},
        {"odds", "historical-props",
         [](auto& a) {
             a.date = "2024-01-24";
             a.plan.snapshot = "2024-01-25T03:55:40Z";
             a.plan.game_ids = {"cd0bc7d0c238f4446ce1c03d0cea7ec4"};
             a.plan.markets = {"player_points", "player_threes"};
         },
         "odds/historical_event_odds_cd0bc7d0.json", "raw.odds_game_lines"},
        {"injuries", "report", [](auto& a) { a.date = "2024-01-04"; a.plan.report_times = {"12_30PM"}; },
         "injuries/Injury-Report_2024-01-04_12_30PM.pdf", "raw.injury_report"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.source + " " + c.target);
        auto r = fetch(c.source, {c.target}, c.args);
        ASSERT_EQ(r.accepted, 1u) << ::testing::PrintToString(failure_reasons(r));
        EXPECT_EQ(r.requests, 1u);
        // Accepted, archived as served, and loaded by ingest into its raw table.
        EXPECT_TRUE(r.failures.empty()) << ::testing::PrintToString(failure_reasons(r));
        EXPECT_EQ(r.ingested, 1u);
        auto row = con->query("SELECT archive_file, outcome, reason FROM ops.fetch_log WHERE outcome IN ('ingested', 'not_ingested') "
                              "ORDER BY fetched_at DESC, seq DESC LIMIT 1").rows_as_text();
        ASSERT_EQ(row.size(), 1u);
        EXPECT_EQ(*row[0][1], "ingested");
        EXPECT_EQ(ingest::read_source_file(*row[0][0]).text, ingest::read_source_file(replay_dir() / c.recorded).text);
        auto st = con->prepare("SELECT count(*) FROM " + c.table + " WHERE source_file = ?");
        st.bind(1, *row[0][0]);
        EXPECT_GT(st.execute().scalar_int().value_or(0), 0) << c.table;
    }
    // The Odds API's quota headers are recorded with each of its responses.
    auto quota = con->query("SELECT quota_remaining, quota_used, quota_last FROM ops.fetch_log WHERE source = 'odds_api' ORDER BY seq")
                     .rows_as_text();
    ASSERT_EQ(quota.size(), 2u);
    EXPECT_EQ(*quota[0][0], "499");
    EXPECT_EQ(*quota[1][0], "498");
    EXPECT_EQ(*quota[1][1], "2");
    EXPECT_EQ(*quota[1][2], "1");
    unsetenv("ODDS_API_KEY");
    auto no_key = fetch("odds", {"historical-events"}, [](auto& a) { a.date = "2024-01-24"; });
    ASSERT_EQ(no_key.failures.size(), 1u);
    EXPECT_NE(no_key.failures[0].reason.find("ODDS_API_KEY"), std::string::npos);
    EXPECT_EQ(no_key.requests, 0u);
}

TEST_F(FetchFixture, ReplayingTheArchiveIntoANewStoreGivesIdenticalRawTables) {
    auto r = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200552", "0022400561"}; });
    auto r2 = fetch("stats", {"gamelog-team", "players"}, [](auto& a) { a.season = "2025-26"; });
    ASSERT_EQ(r.exit_code() + r2.exit_code(), 0);
    const std::vector<std::string> tables{"raw.boxscore_player", "raw.team_game_log", "raw.player_directory", "ops.dropped_rows"};
    std::map<std::string, int64_t> fetched;
    for (const auto& t : tables) fetched[t] = content(*con, t);

    store::Database replay_db((dir / "replayed.duckdb").string());
    store::Connection replay(replay_db);
    app::migrate(replay);
    auto report = ingest::ingest_paths(replay, {dir / "archive"});
    EXPECT_EQ(report.files_loaded, 4u);
    EXPECT_TRUE(report.quarantined.empty());
    for (const auto& t : tables) {
        EXPECT_EQ(content(replay, t), fetched[t]) << t;
        EXPECT_EQ(replay.query("SELECT count(*) FROM " + t).scalar_int(), con->query("SELECT count(*) FROM " + t).scalar_int()) << t;
    }
    EXPECT_GT(replay.query("SELECT count(*) FROM raw.boxscore_player").scalar_int().value_or(0), 0);
}

TEST_F(FetchFixture, MissingFetchesExactlyTheGapsAndResumesFromTheArchive) {
    auto first = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200552"}; });
    ASSERT_EQ(first.exit_code(), 0);
    const size_t before = server.total_hits();
    // The store holds 0022200552's box score: only 0022400561 is fetched.
    auto gaps = fetch("stats", {"boxscore-v2"}, [](auto& a) {
        a.plan.game_ids = {"0022200552", "0022400561"};
        a.plan.missing = true;
    });
    EXPECT_EQ(gaps.exit_code(), 0);
    EXPECT_EQ(gaps.requests, 1u);
    EXPECT_EQ(server.total_hits(), before + 1);
    EXPECT_EQ(server.hits(box_url("v2", "0022200552")), 1u);
    EXPECT_EQ(server.hits(box_url("v2", "0022400561")), 1u);
    EXPECT_EQ(count("SELECT count(DISTINCT game_id) FROM raw.boxscore_player"), 2);
    // Nothing left: nothing fetched.
    auto none = fetch("stats", {"boxscore-v2"}, [](auto& a) {
        a.plan.game_ids = {"0022200552", "0022400561"};
        a.plan.missing = true;
    });
    EXPECT_EQ(none.requests, 0u);

    // A killed run: its payloads are archived, but this (new) store never got them. --missing
    // takes them from the archive instead of fetching them again, and loads them.
    auto log = fetch("stats", {"gamelog-team"}, [](auto& a) { a.season = "2025-26"; });
    ASSERT_EQ(log.exit_code(), 0);
    open(dir / "second.duckdb");
    const size_t hits = server.total_hits();
    auto resumed = fetch("stats", {"boxscore-v2", "gamelog-team"}, [](auto& a) {
        a.season = "2025-26";
        a.plan.game_ids = {"0022200552", "0022400561"};
        a.plan.missing = true;
    });
    EXPECT_EQ(resumed.exit_code(), 0) << ::testing::PrintToString(failure_reasons(resumed));
    EXPECT_EQ(server.total_hits(), hits) << "nothing fetched twice";
    EXPECT_EQ(resumed.requests, 0u);
    EXPECT_EQ(resumed.reused, 3u);
    EXPECT_EQ(count("SELECT count(DISTINCT game_id) FROM raw.boxscore_player"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM raw.team_game_log"), 1688);
    EXPECT_EQ(count("SELECT count(*) FROM ops.fetch_log WHERE outcome = 'reused'"), 3);
    // Without --missing the same request is fetched again (a refresh); identical content is
    // stored once.
    auto again = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200552"}; });
    EXPECT_EQ(again.requests, 1u);
    EXPECT_EQ(again.new_in_archive, 0u);
}

TEST_F(FetchFixture, TransientFaultsAreRetriedAndLogged) {
    const std::string url = box_url("v2", "0022200552");
    struct Case {
        Fault fault;
        int param;
        std::string reason_start;
    };
    config.hosts["stats_nba"].timeout_ms = 400;
    const std::vector<Case> cases{{Fault::TooManyRequests, 1, "HTTP 429; retrying in 1000 ms"},
                                  {Fault::ServerError, 0, "HTTP 500; retrying in "},
                                  {Fault::Reset, 0, "connection reset: "},
                                  {Fault::Slow, 1500, "timeout: "},
                                  {Fault::Truncated, 0, "body cut short: "}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.reason_start);
        con->execute("DELETE FROM raw.boxscore_player; DELETE FROM ops.ingested_files");
        server.inject(url, c.fault, 1, c.param);
        auto t0 = std::chrono::steady_clock::now();
        auto r = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200552"}; });
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        EXPECT_EQ(r.exit_code(), 0) << ::testing::PrintToString(failure_reasons(r));
        EXPECT_EQ(r.requests, 2u);
        EXPECT_EQ(r.retries, 1u);
        EXPECT_EQ(count("SELECT count(*) FROM raw.boxscore_player WHERE game_id = '0022200552'"), 23);
        auto rows = con->query(fmt::format("SELECT attempt, outcome, reason, status FROM ops.fetch_log WHERE run_id = '{}' ORDER BY seq",
                                           r.run_id)).rows_as_text();
        ASSERT_EQ(rows.size(), 2u);
        EXPECT_EQ(*rows[0][0], "1");
        EXPECT_EQ(*rows[0][1], "retry");
        EXPECT_EQ(rows[0][2]->rfind(c.reason_start, 0), 0u) << *rows[0][2];
        EXPECT_EQ(*rows[1][0], "2");
        EXPECT_EQ(*rows[1][1], "ingested");
        if (c.fault == Fault::TooManyRequests) {
            EXPECT_EQ(*rows[0][3], "429");
            EXPECT_GE(secs, 1.0) << "Retry-After honoured";
        }
        if (c.fault == Fault::ServerError) {
            EXPECT_EQ(*rows[0][3], "500");
        }
        EXPECT_LT(secs, 10.0);
    }
}

TEST_F(FetchFixture, PersistentFailuresGiveUpWithinTheirBounds) {
    const std::string url = box_url("v2", "0022200552");
    server.inject(url, Fault::ServerError, 3);
    auto r = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200552"}; });
    EXPECT_EQ(r.exit_code(), 1);
    EXPECT_EQ(r.requests, 3u) << "max_attempts";
    ASSERT_EQ(r.failures.size(), 1u);
    EXPECT_NE(r.failures[0].reason.find("attempt 3 of 3: no attempts left"), std::string::npos) << r.failures[0].reason;
    EXPECT_EQ(count("SELECT count(*) FROM raw.boxscore_player"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM ops.fetch_log WHERE outcome = 'failed' AND status = 500 AND attempt = 3"), 1);

    // A Retry-After longer than allowed fails at once; one that would pass the run's deadline too.
    server.inject(url, Fault::TooManyRequests, 1, 30);
    auto long_wait = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200552"}; });
    ASSERT_EQ(long_wait.failures.size(), 1u);
    EXPECT_NE(long_wait.failures[0].reason.find("over max_retry_after_s 5"), std::string::npos) << long_wait.failures[0].reason;
    EXPECT_EQ(long_wait.requests, 1u);
    config.deadline_seconds = 0.5;
    server.inject(url, Fault::TooManyRequests, 1, 2);
    auto deadline = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200552"}; });
    ASSERT_EQ(deadline.failures.size(), 1u);
    EXPECT_NE(deadline.failures[0].reason.find("would pass the run's deadline"), std::string::npos) << deadline.failures[0].reason;
    // A 404 is not retried.
    config.deadline_seconds = 60;
    auto missing = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0029999999"}; });
    EXPECT_EQ(missing.requests, 1u);
    ASSERT_EQ(missing.failures.size(), 1u);
    EXPECT_EQ(missing.failures[0].reason.rfind("HTTP 404", 0), 0u);
}

TEST_F(FetchFixture, AnUnreachableHostIsTriedThroughItsRetriesOnceThenItsOtherRequestsFailAtOnce) {
    // A port nothing listens on (the replay server stopped): connect fails. The first request uses
    // its attempts; the rest of the source's requests fail at once naming why, instead of each
    // retrying (20 requests x 5 attempts kept a `daily` without network silent for 5 minutes).
    const std::string base = server.base_url();
    server.stop();
    config.hosts.at("stats_nba").base_url = base + "/stats";
    auto r = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200552", "0022200553", "0022200554"}; });
    EXPECT_EQ(r.exit_code(), 1);
    EXPECT_EQ(r.requests, 3u) << "one request's max_attempts, none for the other two";
    ASSERT_EQ(r.failures.size(), 3u);
    EXPECT_NE(r.failures[0].reason.find("connect failed"), std::string::npos) << r.failures[0].reason;
    for (size_t i = 1; i < 3; ++i)
        EXPECT_NE(r.failures[i].reason.find("not tried: stats_nba could not be reached earlier in this run (connect failed"),
                  std::string::npos)
            << r.failures[i].reason;
    EXPECT_EQ(count("SELECT count(*) FROM ops.fetch_log WHERE outcome = 'failed' AND reason LIKE 'not tried:%'"), 2);
}

TEST_F(FetchFixture, FetchRunsSharingAMemoDoNotRetryAHostAnEarlierRunCouldNotReach) {
    // `daily` makes six fetch runs; without network each tried its first request through every
    // retry. Runs sharing a memo try the host once between them.
    const std::string base = server.base_url();
    server.stop();
    config.hosts.at("stats_nba").base_url = base + "/stats";
    auto memo = std::make_shared<fetch::UnreachableHosts>();
    auto first = fetch("stats", {"boxscore-v2"}, [&](auto& a) {
        a.plan.game_ids = {"0022200552"};
        a.unreachable = memo;
    });
    EXPECT_EQ(first.requests, 3u) << "the first run tries through its attempts";
    ASSERT_TRUE(memo->down("stats_nba"));
    auto second = fetch("stats", {"boxscore-v2"}, [&](auto& a) {
        a.plan.game_ids = {"0022200553", "0022200554"};
        a.unreachable = memo;
    });
    EXPECT_EQ(second.requests, 0u) << "the second run sends nothing within the minute";
    ASSERT_EQ(second.failures.size(), 2u);
    for (const auto& f : second.failures)
        EXPECT_NE(f.reason.find("not tried: stats_nba could not be reached earlier in this run"), std::string::npos) << f.reason;
    // A run of its own (no memo given) still tries the host.
    auto own = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200555"}; });
    EXPECT_EQ(own.requests, 3u);
    // After the minute the host is tried again.
    EXPECT_FALSE(memo->down("stats_nba", fetch::Clock::now() + std::chrono::seconds(61)));
}

TEST_F(FetchFixture, BadBodiesAreQuarantinedAndNothingPartialLands) {
    const std::string good = box_url("v2", "0022400561"), bad = box_url("v2", "0022200552");
    // An empty result set for a final game (what v2 returns from October 2025 on) and a schema
    // the parser does not know, served with status 200.
    auto empty = nlohmann::json::parse(ingest::read_source_file(courtside::testing::sample_dir() / "api-payloads/boxscoretraditionalv2_0022200552.json").text);
    for (auto& s : empty["resultSets"]) s["rowSet"] = nlohmann::json::array();
    server.add_route(box_url("v2", "0022500001"), {200, "application/json", {}, empty.dump()});
    server.add_route(box_url("v2", "0022500002"), {200, "application/json", {}, R"({"resultSets":[{"name":"BoxScore","headers":["X"],"rowSet":[[1]]}]})"});
    struct Case {
        std::string game;
        std::optional<Fault> fault;
        std::string reason;
    };
    const std::vector<Case> cases{{"0022200552", Fault::HtmlPage, "an HTML/XML page, not JSON"},
                                  {"0022200552", Fault::InvalidJson, "truncated JSON at byte"},
                                  {"0022500001", std::nullopt, "empty PlayerStats for final game 0022500001"},
                                  {"0022500002", std::nullopt, "unknown schema: no result set PlayerStats"}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.reason);
        if (c.fault) server.inject(bad, *c.fault);
        auto r = fetch("stats", {"boxscore-v2"}, [&](auto& a) { a.plan.game_ids = {c.game, "0022400561"}; });
        EXPECT_EQ(r.exit_code(), 1);
        EXPECT_EQ(r.requests, 2u) << "a bad body is not retried";
        ASSERT_EQ(r.failures.size(), 1u);
        EXPECT_EQ(r.failures[0].target, c.game);
        EXPECT_EQ(r.failures[0].reason.rfind("rejected: " + c.reason, 0), 0u) << r.failures[0].reason;
        // Quarantined with the URL and reason; kept outside the replayable archive.
        auto q = con->query(fmt::format("SELECT source_file, reason, source_kind FROM ops.quarantine WHERE source_file LIKE '%GameID={}%' "
                                        "AND reason LIKE '{}%'", c.game, c.reason))
                     .rows_as_text();
        ASSERT_EQ(q.size(), 1u);
        EXPECT_EQ(q[0][1]->rfind(c.reason, 0), 0u);
        EXPECT_EQ(*q[0][2], "fetch:boxscoretraditionalv2");
        EXPECT_EQ(count(fmt::format("SELECT count(*) FROM raw.boxscore_player WHERE game_id = '{}'", c.game)), 0);
        EXPECT_EQ(count(fmt::format("SELECT count(*) FROM ops.fetch_log WHERE run_id = '{}' AND outcome = 'rejected'", r.run_id)), 1);
        // The other game of the run loaded whole.
        EXPECT_EQ(count("SELECT count(*) FROM raw.boxscore_player WHERE game_id = '0022400561'"), 25);
    }
    EXPECT_EQ(server.hits(good), 4u);
    size_t rejected_files = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir / "archive-rejected"))
        rejected_files += e.path().extension() == ".gz";
    EXPECT_EQ(rejected_files, 4u);
    for (const auto& e : fs::recursive_directory_iterator(dir / "archive"))
        if (e.path().extension() == ".gz") {
            EXPECT_EQ(ingest::read_source_file(e.path()).text.front(), '{');
        }
    // A later good fetch of the quarantined game loads, and lifts nothing it should not.
    auto ok = fetch("stats", {"boxscore-v2"}, [](auto& a) { a.plan.game_ids = {"0022200552"}; });
    EXPECT_EQ(ok.exit_code(), 0);
    EXPECT_EQ(count("SELECT count(*) FROM raw.boxscore_player WHERE game_id = '0022200552'"), 23);
}

TEST_F(FetchFixture, ConnectionsAreReusedCompressedAndCarryTheStatsHeaders) {
    fetch::HttpClient http;
    const std::string url = server.base_url() + "/stats/leaguegamelog?Counter=0&DateFrom=&DateTo=&Direction=ASC&LeagueID=00&PlayerOrTeam=T&Season=2025-26&SeasonType=Regular+Season&Sorter=DATE";
    auto headers = fetch::stats_nba_headers(config);
    for (int i = 0; i < 4; ++i) {
        auto r = http.get({url, headers, 1000, 3000});
        ASSERT_TRUE(r.ok()) << r.error_text;
        EXPECT_EQ(r.body.size(), 268581u);
        EXPECT_EQ(r.header("content-encoding"), "gzip") << "compressed on the wire, decoded by curl";
    }
    EXPECT_EQ(http.connections_opened(), 1) << "one kept-alive connection";
    auto seen = server.last_headers();
    EXPECT_EQ(seen["x-nba-stats-origin"], "stats");
    EXPECT_EQ(seen["x-nba-stats-token"], "true");
    EXPECT_EQ(seen["referer"], "https://www.nba.com/");
    EXPECT_EQ(seen["origin"], "https://www.nba.com");
    EXPECT_NE(seen["user-agent"].find("Mozilla/5.0"), std::string::npos);
    EXPECT_NE(seen["accept-encoding"].find("gzip"), std::string::npos);
}

namespace {
struct CliOutput {
    int exit_code = -1;
    std::string text;
};
CliOutput run_cli(const std::string& env, const fs::path& db, const std::string& args) {
    std::string cmd = fmt::format("{} {} --db '{}' {} 2>&1", env, COURTSIDE_BINARY, db.string(), args);
    CliOutput out;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return out;
    char buf[4096];
    for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.text.append(buf, n);
    int status = pclose(p);
    out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}
}  // namespace

TEST_F(FetchFixture, TheOddsApiKeyIsInNoFileAndNoOutput) {
    const std::string key = "sEcReT-0dds-K3y-20251021";
    // The CLI, as an operator runs it: a config folder whose sources point at the replay server.
    fs::path cfg = dir / "config";
    fs::create_directories(cfg);
    {
        std::ofstream y(cfg / "courtside.yaml");
        y << "sources:\n";
        for (const auto& [name, host] : config.hosts)
            y << fmt::format("  {}: {{base_url: '{}', requests_per_second: 0, timeout_ms: 3000}}\n", name, host.base_url);
        y << "  retry: {max_attempts: 2, backoff_ms: 10}\n  archive_dir: archive\n";
    }
    const fs::path db = dir / "cli.duckdb";
    const std::string env = fmt::format("ODDS_API_KEY='{}' COURTSIDE_CONFIG_DIR='{}'", key, cfg.string());
    std::string all;
    auto events = run_cli(env, db, "fetch odds historical-events --date 2024-01-24 --snapshot 2024-01-25T03:55:40Z");
    all += events.text;
    auto props = run_cli(env, db, "fetch odds historical-props --date 2024-01-24 --snapshot 2024-01-25T03:55:40Z "
                                  "--event cd0bc7d0c238f4446ce1c03d0cea7ec4 --markets player_points,player_threes");
    all += props.text;
    // A request that fails (no recording: 404) and one whose body is rejected put the URL in
    // the log, the quarantine and the error output: redacted there too.
    auto failed = run_cli(env, db, "fetch odds historical-props --date 2024-01-24 --snapshot 2024-01-25T03:55:40Z --event nosuchevent");
    all += failed.text;
    server.inject("*", Fault::HtmlPage);
    auto rejected = run_cli(env, db, "fetch odds historical-events --date 2024-01-24 --snapshot 2024-01-25T03:55:40Z");
    all += rejected.text;
    auto status = run_cli(env, db, "status");
    all += status.text;
    auto sql = run_cli(env, db, "sql \"SELECT url, reason FROM ops.fetch_log UNION ALL SELECT source_file, reason FROM ops.quarantine\"");
    all += sql.text;
    EXPECT_EQ(failed.exit_code, 1);
    EXPECT_EQ(rejected.exit_code, 1);
    EXPECT_NE(failed.text.find("apiKey=REDACTED"), std::string::npos) << failed.text;
    EXPECT_NE(rejected.text.find("rejected: an HTML/XML page"), std::string::npos) << rejected.text;
    EXPECT_NE(status.text.find("Odds API quota"), std::string::npos) << status.text;
    auto quota = run_cli(env, db, "status --format json");
    all += quota.text;
    {
        auto j = nlohmann::json::parse(quota.text);
        EXPECT_EQ(j["odds_quota"]["remaining"], 496) << quota.text;
        EXPECT_EQ(j["odds_quota"]["used"], 4);
        EXPECT_EQ(j["odds_quota"]["last_cost"], 1);
    }
    EXPECT_NE(sql.text.find("apiKey=REDACTED"), std::string::npos);
    EXPECT_EQ(all.find(key), std::string::npos) << "the key in the output";
    // The key reached the server (it is needed there) ...
    EXPECT_GE(server.total_hits(), 4u);
    // ... and is in no file the runs wrote: the store, its WAL, the archive, the rejected bodies, the manifests.
    size_t files = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::string bytes = ingest::read_source_file(e.path()).text;  // gzip inflated, so archived bodies are searched too
        std::ifstream raw(e.path(), std::ios::binary);
        std::string stored((std::istreambuf_iterator<char>(raw)), {});
        EXPECT_EQ(bytes.find(key), std::string::npos) << e.path();
        EXPECT_EQ(stored.find(key), std::string::npos) << e.path();
        ++files;
    }
    EXPECT_GE(files, 6u);
    EXPECT_EQ(run_cli(env, db, fmt::format("sql \"SELECT count(*) AS n FROM ops.fetch_log WHERE url LIKE '%{}%' OR reason LIKE '%{}%'\"", key, key))
                  .text.find(key),
              std::string::npos);
}

// Issue #11: `daily` online fetches through the same path as `courtside fetch --missing`: what the
// replay server holds lands, what it lacks is named and makes the run degraded (never ok), and
// a rerun of the day fetches nothing it already has.
TEST_F(FetchFixture, DailyFetchesTheDayBeforeAndTheDaySayingWhatFailed) {
    ::unsetenv("ODDS_API_KEY");
    daily::DailyOptions o;
    o.date = *core::parse_date("2025-11-06");
    o.sources = config;
    o.archive_dir = dir / "archive";
    o.system = "season_avg";
    o.reports_dir = dir / "reports";
    auto first = daily::run_daily(pipeline::RunContext(*con), app::registry(), o);
    ASSERT_FALSE(first.steps.empty());
    EXPECT_EQ(first.steps.front().name, "fetch");
    EXPECT_EQ(first.steps.front().status, "degraded") << first.steps.front().detail;
    EXPECT_NE(first.steps.front().detail.find("ODDS_API_KEY is not set"), std::string::npos) << first.steps.front().detail;
    EXPECT_NE(first.status, "ok") << first.summary;
    // The recorded scoreboard of the day before is in the store; its final games' box scores,
    // which the server does not hold, are named.
    EXPECT_GT(count("SELECT count(*) FROM raw.schedule WHERE game_date = DATE '2025-11-05'"), 0) << first.summary;
    EXPECT_NE(first.steps.front().detail.find("boxscoretraditionalv3"), std::string::npos) << first.steps.front().detail;
    EXPECT_GT(count("SELECT count(*) FROM ops.fetch_log WHERE outcome = 'ingested'"), 0);
    // What the server does not hold (D's scoreboard, its injury report) is logged as failed.
    EXPECT_GT(count("SELECT count(*) FROM ops.fetch_log WHERE outcome = 'failed'"), 0);

    const int64_t ingested = count("SELECT count(*) FROM ops.fetch_log WHERE outcome = 'ingested'");
    auto again = daily::run_daily(pipeline::RunContext(*con), app::registry(), o);
    EXPECT_EQ(again.steps.front().name, "fetch");
    EXPECT_EQ(count("SELECT count(*) FROM ops.fetch_log WHERE outcome = 'ingested'"), ingested) << "nothing fetched twice";
}
