// The dashboard in a real browser: headless Chromium (Debian's `chromium`, installed by
// scripts/setup.sh) loads every page from a running `serve` on 127.0.0.1. The DOM after the pages'
// scripts ran has the expected picks rows (and the filters and sorting preset in the URL fragment
// work), the charts have their series, the console stays empty, Chromium opens no connection to
// anything but 127.0.0.1 (its net log), and a screenshot of each page goes to
// <build>/serve-screenshots/.
#include "serve_fixture.hpp"

#include <fmt/format.h>

#include <regex>

namespace ct = courtside::testing;
namespace fs = std::filesystem;
using namespace courtside;
using nlohmann::json;

namespace {

const char* kChromium = "/usr/bin/chromium";

struct PageLoad {
    int exit_code = -1;
    std::string dom, console;
    std::vector<std::string> urls;       // every URL request the browser made
    std::vector<std::string> addresses;  // every TCP connection it opened
};

// One headless run: --dump-dom (or --screenshot) of `url`, with a fresh profile, a net log, the
// console on stderr, and host resolution limited to 127.0.0.1.
PageLoad chromium(const fs::path& work, const std::string& url, const std::string& screenshot = "") {
    static int run = 0;
    const fs::path profile = work / fmt::format("profile-{}", run), netlog = work / fmt::format("net-{}.json", run);
    const fs::path out = work / fmt::format("out-{}.html", run), err = work / fmt::format("err-{}.txt", run);
    ++run;
    std::string cmd = fmt::format(
        "timeout 120 {} --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
        "--disable-sync --no-first-run --disable-extensions --disable-default-apps --no-pings --user-data-dir='{}' "
        "'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1' --enable-logging=stderr --v=0 --log-net-log='{}' "
        "--window-size=1400,1800 --virtual-time-budget=3000 {} '{}' >'{}' 2>'{}'",
        kChromium, profile.string(), netlog.string(), screenshot.empty() ? "--dump-dom" : "--screenshot='" + screenshot + "'", url,
        out.string(), err.string());
    PageLoad p;
    const int st = std::system(cmd.c_str());
    p.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    p.dom = ct::slurp(out);
    for (std::istringstream in(ct::slurp(err)); !in.eof();) {
        std::string line;
        std::getline(in, line);
        if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos) p.console += line + "\n";
    }
    auto log = json::parse(ct::slurp(netlog), nullptr, false);
    if (log.is_discarded()) {  // a log cut short by the exit: close the events array
        std::string text = ct::slurp(netlog);
        while (!text.empty() && (text.back() == ',' || std::isspace(static_cast<unsigned char>(text.back())))) text.pop_back();
        log = json::parse(text + "]}", nullptr, false);
    }
    EXPECT_FALSE(log.is_discarded()) << "unreadable net log " << netlog;
    if (!log.is_discarded()) {
        std::map<int, std::string> type;
        for (const auto& el : log["constants"]["logEventTypes"].items()) type[el.value().get<int>()] = el.key();
        for (const auto& e : log["events"]) {
            const auto& t = type[e["type"].get<int>()];
            if (!e.contains("params")) continue;
            if (t == "URL_REQUEST_START_JOB" && e["params"].contains("url")) p.urls.push_back(e["params"]["url"]);
            if (t.rfind("TCP_CONNECT", 0) == 0 && e["params"].contains("address")) p.addresses.push_back(e["params"]["address"]);
        }
    }
    fs::remove_all(profile);
    return p;
}

struct Row {
    std::string market, side;
    double edge;
    bool hidden;
};
std::vector<Row> picks_rows(const std::string& dom) {
    std::vector<Row> out;
    static const std::regex tr(R"re(<tr class="[A-Z]*" data-market="([a-z]*)" data-edge="([^"]*)" data-side="([A-Z]*)" data-player="[^"]*"( hidden="")?>)re");
    for (auto it = std::sregex_iterator(dom.begin(), dom.end(), tr); it != std::sregex_iterator(); ++it)
        out.push_back({(*it)[1], (*it)[3], (*it)[2].length() ? std::stod((*it)[2]) : 0.0, (*it)[4].matched});
    return out;
}

}  // namespace

TEST(ServeBrowser, EveryDashboardPageLoadsInHeadlessChromium) {
    ASSERT_TRUE(fs::exists(kChromium)) << kChromium << " is missing: scripts/setup.sh installs the Debian package chromium";
    ct::TempDir tmp;
    const fs::path store = tmp.path / "store.duckdb";
    ASSERT_GT(ct::build_serve_store(store), 300);
    serve::ServeOptions o;
    o.store = store.string();
    o.port = 0;
    o.snapshot_dir = (tmp.path / "snapshots").string();
    serve::Server server(o);
    const int port = server.start();
    const std::string base = server.base_url();
    const fs::path shots = fs::path(COURTSIDE_BINARY).parent_path() / "serve-screenshots";
    fs::create_directories(shots);

    const json picks = ct::http_get(port, "/api/picks").json();
    const size_t total = picks["picks"].size();
    ASSERT_GT(total, 10u);
    size_t threes_over = 0;
    for (const auto& p : picks["picks"]) threes_over += p["market"] == "threes" && p["side"] == "OVER";
    ASSERT_GT(threes_over, 0u);
    const int64_t player = picks["picks"][0]["player_id"];

    struct Page {
        std::string name, path;
        std::vector<std::string> must_have;  // in the DOM after the scripts ran
    };
    const std::vector<Page> pages = {
        {"picks", "/", {R"(id="picks")", "Picks for 2021-11-30"}},
        {"picks-threes-over", "/#market=threes&side=OVER&sort=edge&dir=desc", {R"(id="filters")"}},
        {"performance", "/performance",
         {R"(data-chart="profit")", R"(class="band" data-series="units")", R"(class="series" data-series="units")",
          R"(data-chart="hit-rate")", R"(data-series="hit rate")", R"(data-chart="calibration")", R"(data-series="deciles)"}},
        {"player", "/players/" + std::to_string(player), {R"(class="series" data-series="points")", "Recent games", R"(id="player-name")"}},
        {"health", "/health", {R"(class="strip" data-season="2021-22")", "Last daily run", "picks for 2021-11-30 written"}},
        {"models", "/models", {"<h1>"}},
    };
    for (const auto& page : pages) {
        SCOPED_TRACE(page.name);
        const auto p = chromium(tmp.path, base + page.path);
        ASSERT_EQ(p.exit_code, 0);
        ASSERT_NE(p.dom.find("</main>"), std::string::npos) << p.dom.substr(0, 500);
        for (const auto& m : page.must_have) EXPECT_NE(p.dom.find(m), std::string::npos) << m;
        EXPECT_EQ(p.console, "") << "console output";
        // The page's own requests (at least the page itself) all went to the server.
        size_t own = 0;
        for (const auto& u : p.urls) {
            if (u.rfind(base + "/", 0) == 0) ++own;
            else if (u.find(".google.com/") == std::string::npos && u.find(".googleapis.com/") == std::string::npos)
                ADD_FAILURE() << "the page requested " << u;  // (Chromium's own update and sign-in pings resolve nowhere)
        }
        EXPECT_GE(own, 1u);
        for (const auto& a : p.addresses) EXPECT_EQ(a.rfind("127.0.0.1:", 0), 0u) << "a connection to " << a;
        // Charts: every series drawn has points.
        static const std::regex points(R"re(data-points="(\d+)")re");
        for (auto it = std::sregex_iterator(p.dom.begin(), p.dom.end(), points); it != std::sregex_iterator(); ++it)
            EXPECT_GT(std::stoi((*it)[1]), 0);
        if (page.name == "picks") {
            const auto rows = picks_rows(p.dom);
            EXPECT_EQ(rows.size(), total);
            for (const auto& r : rows) EXPECT_FALSE(r.hidden);
            EXPECT_NE(p.dom.find(fmt::format(R"(<b id="shown">{}</b>)", total)), std::string::npos);
        }
        if (page.name == "picks-threes-over") {  // filtered and sorted by the page's script
            const auto rows = picks_rows(p.dom);
            ASSERT_EQ(rows.size(), total);
            std::vector<double> shown;
            for (const auto& r : rows) {
                EXPECT_EQ(!r.hidden, r.market == "threes" && r.side == "OVER");
                if (!r.hidden) shown.push_back(r.edge);
            }
            EXPECT_EQ(shown.size(), threes_over);
            EXPECT_TRUE(std::is_sorted(shown.rbegin(), shown.rend())) << "not sorted by edge, descending";
            EXPECT_NE(p.dom.find(fmt::format(R"(<b id="shown">{}</b>)", threes_over)), std::string::npos);
        }
        const fs::path png = shots / (page.name + ".png");
        fs::remove(png);
        const auto s = chromium(tmp.path, base + page.path, png.string());
        EXPECT_EQ(s.exit_code, 0);
        ASSERT_TRUE(fs::exists(png)) << png;
        EXPECT_GT(fs::file_size(png), 10000u) << png;
        EXPECT_EQ(ct::slurp(png).substr(1, 3), "PNG");
    }
}
