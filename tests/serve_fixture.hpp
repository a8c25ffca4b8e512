// A store file for serve's tests: the bundled sample after ingest, Phase 3 and Phase 4, with
// consensus lines on real player-games of 2021-11-16 .. 11-30 (threes at 1.5, points at the
// player's last-10 average rounded down + 0.5), predicted by the formula baselines, graded, and
// turned into models.picks rows as `courtside picks` writes them (the picks contract), plus one
// ops.daily_runs row. Also a small HTTP client for 127.0.0.1.
#pragma once

#include "grading/grader.hpp"
#include "grading/grades_table.hpp"
#include "models/walk_forward.hpp"
#include "daily/daily_run.hpp"
#include "models/picks_table.hpp"
#include "pipeline_fixture.hpp"
#include "serve/server.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>

namespace courtside::testing {

inline std::string percent_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else out += {'%', hex[c >> 4], hex[c & 15]};
    }
    return out;
}

// Builds the store at `path` (see above). Returns the picks written.
inline int64_t build_serve_store(const std::filesystem::path& path) {
    store::Database db(path.string());
    store::Connection con(db);
    app::migrate(con);
    auto rep = ingest::ingest_paths(con, {sample_dir()});
    EXPECT_TRUE(rep.quarantined.empty());
    for (int phase = 3; phase <= 4; ++phase)
        for (const auto& s : pipeline::run_phase(pipeline::RunContext(con), app::registry(), phase, sample_dates(), {})) EXPECT_EQ(s.failed, 0u) << s.processor;
    con.execute(R"(INSERT INTO props.consensus_lines
        SELECT s.game_date, CASE WHEN s.is_home THEN s.opponent || ' @ ' || s.team ELSE s.team || ' @ ' || s.opponent END,
               s.player_id, 'player_threes', s.game_id, CASE WHEN s.is_home THEN s.opponent ELSE s.team END,
               CASE WHEN s.is_home THEN s.team ELSE s.opponent END, s.player_name, s.game_date::TIMESTAMP + INTERVAL 24 HOUR,
               1.5, 3, 1.5, 1.5, 3, -120, 100, s.game_date::TIMESTAMP
        FROM analytics.player_game_summary s JOIN precompute.ml_feature_store_v3 f USING (player_id, game_date)
        WHERE s.game_date BETWEEN DATE '2021-11-16' AND DATE '2021-11-30' AND f.fg3a_avg_last_10 >= 3)");
    con.execute(R"(INSERT INTO props.consensus_lines
        SELECT s.game_date, CASE WHEN s.is_home THEN s.opponent || ' @ ' || s.team ELSE s.team || ' @ ' || s.opponent END,
               s.player_id, 'player_points', s.game_id, CASE WHEN s.is_home THEN s.opponent ELSE s.team END,
               CASE WHEN s.is_home THEN s.team ELSE s.opponent END, s.player_name, s.game_date::TIMESTAMP + INTERVAL 24 HOUR,
               floor(f.points_avg_last_10) + 0.5, 4, floor(f.points_avg_last_10) + 0.5, floor(f.points_avg_last_10) + 0.5, 4,
               -110, -110, s.game_date::TIMESTAMP
        FROM analytics.player_game_summary s JOIN precompute.ml_feature_store f USING (player_id, game_date)
        WHERE s.game_date BETWEEN DATE '2021-11-16' AND DATE '2021-11-30' AND f.points_avg_last_10 >= 8)");
    for (auto [market, system] : {std::pair{"threes", "fg3m_season_avg"}, std::pair{"points", "season_avg"}}) {
        models::WalkForwardOptions w;
        w.predictor = models::for_market(market, system);
        w.from = *core::parse_date("2021-11-16");
        w.to = *core::parse_date("2021-11-30");
        models::walk_forward_predict(con, w);
        grading::GradeOptions o;
        o.predictor = w.predictor;
        o.from = w.from;
        o.to = w.to;
        grading::write_grades(con, grading::grade_lines(con, o));
    }
    // The picks of each graded line, as `courtside picks` writes them before the game.
    models::ensure_picks_table(con);
    daily::ensure_daily_runs_table(con);
    con.execute(R"(INSERT INTO models.picks
        SELECT g.game_date, g.game_id, c.away_team || ' @ ' || c.home_team, c.tipoff_at, g.player_id, g.player, s.team, s.opponent,
               s.is_home, g.market, g.line, g.books, g.over_odds, 'fanduel', g.under_odds, 'draftkings', g.predicted, g.p_over,
               g.p_under, g.edge, g.ev_over, g.ev_under, coalesce(g.rec_by_edge, 'PASS'),
               CASE WHEN g.status <> 'graded' THEN 'no prediction: ' || g.status
                    WHEN g.rec_by_edge = 'PASS' THEN 'edge below ' || g.edge_threshold END,
               NULL, s.quality_tier, NULL, g.system, g.model, 'test', g.graded_at, 'model', g.edge_threshold, g.min_ev, g.predicted
        FROM models.grades g
        JOIN props.consensus_lines c ON c.game_date = g.game_date AND c.game = g.game AND c.player_id = g.player_id
             AND c.market = 'player_' || g.market
        LEFT JOIN analytics.player_game_summary s ON s.player_id = g.player_id AND s.game_id = g.game_id)");
    con.execute(R"(INSERT INTO ops.daily_runs VALUES ('daily-test-1', DATE '2021-11-30', TIMESTAMP '2021-11-30 15:00:00',
        TIMESTAMP '2021-11-30 15:02:00', 'ok', 'picks for 2021-11-30 written', '[{"step": "picks", "status": "ok"}]'))");
    return con.query("SELECT count(*) FROM models.picks").scalar_int().value_or(-1);
}

struct Reply {
    int status = 0;
    std::string body, content_type, snapshot;
    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

// GET on 127.0.0.1 (the path sent as given: callers percent-encode what needs it).
inline Reply http_get(int port, const std::string& path) {
    httplib::Client cli("127.0.0.1", port);
    cli.set_url_encode(false);
    cli.set_read_timeout(30, 0);
    auto res = cli.Get(path.c_str());
    if (!res) return {-static_cast<int>(res.error()), httplib::to_string(res.error()), "", ""};
    return {res->status, res->body, res->get_header_value("Content-Type"), res->get_header_value("X-Courtside-Snapshot")};
}

// A request sent byte for byte over a socket to 127.0.0.1 (what curl sends for `-X POST` without
// data: no Content-Length), answered with the status line's code (-1 when nothing came back).
inline int raw_request_status(int port, const std::string& request) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval tv{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    int status = -1;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
        ::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
        char buf[256];
        const ssize_t n = ::recv(fd, buf, sizeof(buf) - 1, 0);
        if (n > 12 && std::string(buf, 9) == "HTTP/1.1 ") status = std::atoi(buf + 9);
    }
    ::close(fd);
    return status;
}

}  // namespace courtside::testing
