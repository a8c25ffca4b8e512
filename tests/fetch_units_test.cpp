// Issue #10, the pieces of `courtside fetch` on their own: token buckets, the retry policy
// (backoff, seeded jitter, Retry-After), secret redaction, body checks, URLs and the `sources:`
// config section. No network, no sleeping.
#include "fetch/injury_report.hpp"
#include "fetch/payload_checks.hpp"
#include "fetch/rate_limiter.hpp"
#include "fetch/redact.hpp"
#include "fetch/retry_policy.hpp"
#include "fetch/sources_config.hpp"
#include "fetch/url.hpp"
#include "pipeline/settings.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace courtside::fetch;
using namespace std::chrono_literals;

// --report-time as typed: spelt as the PDF's name spells it, or refused saying the forms (a
// typo was requested as is and came back a 404, exit 1; audit).
TEST(FetchInjuryReport, EditionsAreSpeltAsThePdfNamesThem) {
    using courtside::fetch::injury_report_edition;
    for (const char* typed : {"05PM", "5pm", "5 PM", "05pm ", "5:00pm", "0500PM"}) EXPECT_EQ(injury_report_edition(typed), "05PM") << typed;
    for (const char* typed : {"12:30PM", "1230pm", "12_30PM", "12:30 pm"}) EXPECT_EQ(injury_report_edition(typed), "12_30PM") << typed;
    EXPECT_EQ(injury_report_edition("11am"), "11AM");
    for (const char* typed : {"", "17:00", "13PM", "0PM", "5:75PM", "5", "noon", "05PM.pdf", "123pm"}) {
        try {
            injury_report_edition(typed);
            ADD_FAILURE() << typed << " was taken";
        } catch (const std::invalid_argument& e) {
            EXPECT_NE(std::string(e.what()).find("(05PM, 5pm, 12:30PM)"), std::string::npos) << e.what();
        }
    }
}

TEST(FetchRateLimiter, TokenBucketQueuesRequestsAtItsRate) {
    TokenBucket b(2.0, 1.0);  // 2 requests a second, none saved up
    auto t0 = Clock::now();
    EXPECT_EQ(b.take(t0), Clock::duration::zero());
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(b.take(t0)).count(), 500);
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(b.take(t0)).count(), 1000);  // queued behind the second
    // Idle long enough to refill: no wait, and the bucket never holds more than its burst.
    EXPECT_EQ(b.take(t0 + 10s), Clock::duration::zero());
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(b.take(t0 + 10s)).count(), 500);

    TokenBucket burst(1.0, 3.0);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(burst.take(t0), Clock::duration::zero()) << i;
    EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(burst.take(t0)).count(), 1000);

    TokenBucket off(0.0, 1.0);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(off.take(t0), Clock::duration::zero());
}

TEST(FetchRetryPolicy, TransientFailuresAreRetriedOthersAreNot) {
    HttpResponse r;
    for (long s : {429L, 500L, 502L, 503L, 504L, 408L}) {
        r.status = s;
        EXPECT_TRUE(RetryPolicy::transient_reason(r)) << s;
    }
    for (long s : {200L, 400L, 401L, 403L, 404L, 422L}) {
        r.status = s;
        EXPECT_FALSE(RetryPolicy::transient_reason(r)) << s;
    }
    r.status = 0;
    for (auto e : {TransportError::Timeout, TransportError::ConnectionReset, TransportError::ConnectFailed, TransportError::Truncated}) {
        r.error = e;
        EXPECT_TRUE(RetryPolicy::transient_reason(r));
    }
    r.error = TransportError::Other;
    EXPECT_FALSE(RetryPolicy::transient_reason(r));
}

TEST(FetchRetryPolicy, BackoffDoublesWithSeededJitterAndHonoursRetryAfter) {
    RetryConfig c;
    c.backoff_ms = 1000;
    c.max_backoff_ms = 5000;
    c.jitter = 0.25;
    c.seed = 7;
    c.max_retry_after_s = 60;
    RetryPolicy a(c), b(c);
    HttpResponse r;
    r.status = 503;
    std::vector<int64_t> seen;
    for (int attempt = 2; attempt <= 6; ++attempt) {
        auto da = a.delay(attempt, r, 0), db = b.delay(attempt, r, 0);
        ASSERT_TRUE(da && db);
        EXPECT_EQ(da->count(), db->count()) << "same seed, same delays";
        double base = std::min(1000.0 * (1 << (attempt - 2)), 5000.0);
        EXPECT_GE(da->count(), base * 0.75 - 1) << attempt;
        EXPECT_LE(da->count(), base * 1.25 + 1) << attempt;
        seen.push_back(da->count());
    }
    EXPECT_NE(seen[0], 1000) << "jitter applied";
    // Retry-After wins when longer than the backoff; over the cap the request gives up.
    r.status = 429;
    r.headers["retry-after"] = "30";
    EXPECT_EQ(a.delay(2, r, 0)->count(), 30000);
    r.headers["retry-after"] = "61";
    EXPECT_FALSE(a.delay(2, r, 0));
    EXPECT_DOUBLE_EQ(*parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", 1445412480), 10.0);  // 07:28:00 + 10 s
    EXPECT_DOUBLE_EQ(*parse_retry_after(" 5 ", 0), 5.0);
    EXPECT_FALSE(parse_retry_after("soon", 0));
    EXPECT_FALSE(parse_retry_after("", 0));
}

TEST(FetchRedactor, SecretsLeaveUrlsAndTexts) {
    Redactor r;
    r.add_secret("k3y-SECRET");
    EXPECT_EQ(r.url("https://api.the-odds-api.com/v4/sports?apiKey=k3y-SECRET&regions=us"),
              "https://api.the-odds-api.com/v4/sports?apiKey=REDACTED&regions=us");
    EXPECT_EQ(r.url("http://h/x?regions=us&apiKey=other"), "http://h/x?regions=us&apiKey=REDACTED");
    EXPECT_EQ(r.text("error for k3y-SECRET and k3y-SECRET"), "error for REDACTED and REDACTED");
    EXPECT_EQ(r.url("http://h/x?a=1"), "http://h/x?a=1");
}

TEST(FetchPayloadChecks, ErrorPagesBadJsonUnknownSchemasAndEmptyResultsAreNamed) {
    auto html = parse_json_body("  <!DOCTYPE html><html><title>Access Denied</title></html>");
    ASSERT_TRUE(html.error);
    EXPECT_NE(html.error->find("HTML"), std::string::npos);
    auto cut = parse_json_body(R"({"resultSets": [{"name": "PlayerStats", "rowSet": [[1, 2)");
    ASSERT_TRUE(cut.error);
    EXPECT_EQ(cut.error->rfind("truncated JSON", 0), 0u) << *cut.error;
    auto bad = parse_json_body(R"({"a": nope})");
    ASSERT_TRUE(bad.error);
    EXPECT_EQ(bad.error->rfind("invalid JSON", 0), 0u) << *bad.error;
    EXPECT_EQ(*parse_json_body("").error, "empty body");

    auto j = nlohmann::json::parse(R"({"resultSets": [{"name": "PlayerStats", "headers": ["GAME_ID", "PTS"], "rowSet": []}]})");
    EXPECT_EQ(check_result_set(j, "PlayerStats", {"GAME_ID"}, true, "empty box").error.value_or(""), "empty box");
    EXPECT_FALSE(check_result_set(j, "PlayerStats", {"GAME_ID"}, false, "").error);
    EXPECT_EQ(check_result_set(j, "PlayerStats", {"GAME_ID", "MIN"}, false, "").error.value_or(""),
              "unknown schema: result set PlayerStats lacks MIN");
    EXPECT_EQ(check_result_set(j, "TeamStats", {}, false, "").error.value_or(""), "unknown schema: no result set TeamStats");
    EXPECT_EQ(check_array(nlohmann::json::parse(R"({"game": {"actions": []}})"), "game.actions", true, "no actions").value_or(""), "no actions");
    EXPECT_EQ(check_array(nlohmann::json::parse(R"({"game": {}})"), "game.actions", true, "").value_or(""), "unknown schema: no 'game.actions'");

    EXPECT_FALSE(check_pdf("%PDF-1.4\n...\n%%EOF\n"));
    EXPECT_NE(check_pdf("%PDF-1.4\n...cut").value_or("").find("truncated PDF"), std::string::npos);
    EXPECT_NE(check_pdf("<html>").value_or("").find("HTML"), std::string::npos);
}

TEST(FetchUrl, ParametersSortedAndEncodedAsTheRecordedUrls) {
    EXPECT_EQ(build_url("https://stats.nba.com/stats", "/leaguegamelog",
                        {{"SeasonType", "Regular Season"}, {"Season", "2025-26"}, {"DateFrom", ""}, {"Counter", "0"}}),
              "https://stats.nba.com/stats/leaguegamelog?Counter=0&DateFrom=&Season=2025-26&SeasonType=Regular+Season");
    EXPECT_EQ(url_encode("2024-01-25T03:55:40Z"), "2024-01-25T03%3A55%3A40Z");
    EXPECT_EQ(url_encode("a,b"), "a%2Cb");
}

namespace {
std::filesystem::path write_yaml(const std::string& name, const std::string& text) {
    auto p = std::filesystem::temp_directory_path() / name;
    std::ofstream(p) << text;
    return p;
}
}  // namespace

TEST(FetchSourcesConfig, ExactSectionUnknownKeysAreErrors) {
    auto d = default_sources_config();
    EXPECT_EQ(d.host("stats_nba").requests_per_second, 1.0);
    EXPECT_EQ(d.host("stats_nba").base_url, "https://stats.nba.com/stats");
    auto p = write_yaml("cs_fetch_cfg_ok.yaml",
                        "pipeline: {bootstrap_days: 14}\n"
                        "sources:\n  stats_nba: {base_url: 'http://127.0.0.1:9/stats/', requests_per_second: 0}\n"
                        "  retry: {max_attempts: 3, backoff_ms: 10, seed: 1}\n  deadline_seconds: 30\n  archive_dir: /tmp/a\n");
    auto c = load_sources_config(p);
    EXPECT_EQ(c.host("stats_nba").base_url, "http://127.0.0.1:9/stats") << "trailing slash dropped";
    EXPECT_EQ(c.host("stats_nba").requests_per_second, 0.0);
    EXPECT_EQ(c.host("nba_cdn").base_url, "https://cdn.nba.com/static/json") << "defaults kept";
    EXPECT_EQ(c.retry.max_attempts, 3);
    EXPECT_EQ(c.deadline_seconds, 30);
    EXPECT_EQ(c.archive_dir, "/tmp/a");
    courtside::pipeline::load_settings(p);  // the pipeline loader accepts the section it does not own

    auto unknown = write_yaml("cs_fetch_cfg_bad.yaml", "sources:\n  stats_nba: {base_url: 'http://x', rate: 3}\n");
    try {
        load_sources_config(unknown);
        FAIL() << "unknown key accepted";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("cs_fetch_cfg_bad.yaml:2: sources.stats_nba.rate"), std::string::npos) << e.what();
    }
    EXPECT_THROW(load_sources_config(write_yaml("cs_fetch_cfg_bad2.yaml", "sources:\n  espn: {base_url: x}\n")), std::runtime_error);
    EXPECT_THROW(load_sources_config(write_yaml("cs_fetch_cfg_bad3.yaml", "sources:\n  retry: {max_attempts: 0}\n")), std::runtime_error);
    // Values that failed only at run time are refused at load, naming the line (audit).
    auto error = [&](const std::string& yaml) -> std::string {
        try {
            load_sources_config(write_yaml("cs_fetch_cfg_bad4.yaml", yaml));
        } catch (const std::runtime_error& e) {
            return e.what();
        }
        return "no error";
    };
    EXPECT_NE(error("sources:\n  odds_api: {base_url: api.the-odds-api.com}\n").find(":2: sources.odds_api.base_url: 'api.the-odds-api.com' is not an http"),
              std::string::npos);
    EXPECT_NE(error("sources:\n  odds_regions: usa\n").find("sources.odds_regions: 'usa' is not an Odds API region"), std::string::npos);
    EXPECT_EQ(error("sources:\n  odds_regions: us,uk\n"), "no error");
    EXPECT_NE(error("sources:\n  retry: {backoff_ms: 1000, max_backoff_ms: 10}\n").find("10 is below backoff_ms 1000"), std::string::npos);
    EXPECT_NE(error("sources:\n  retry: {seed: -1}\n").find("sources.retry.seed: -1 is out of range: must be >= 0 and <= "),
              std::string::npos);
    EXPECT_NE(error("sources:\n  retry: {backoff_ms: soon}\n").find("sources.retry.backoff_ms: 'soon' is not a number"), std::string::npos);
    // A key of another section never leaks in: `pipeline.retries` is not sources.retry.
    auto other = load_sources_config(write_yaml("cs_fetch_cfg_other.yaml", "pipeline: {retries: 9}\n"));
    EXPECT_EQ(other.retry.max_attempts, RetryConfig{}.max_attempts);
}
