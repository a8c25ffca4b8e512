// Feature version v3: its extras recomputed independently (SQL) on real sample rows, the
// absent-teammates rule (a coach's decision is decided in-game and never counts), and the order
// and names of the set.
#include "app/registry.hpp"
#include "features/feature_set.hpp"
#include "features/v3_features.hpp"
#include "pipeline/registry.hpp"
#include "pipeline_fixture.hpp"

#include <fmt/format.h>

#include <random>

using namespace courtside;
namespace ct = courtside::testing;
using ct::scalar;

TEST(FeatureStoreV3, ExtendsV2InOrderWithTheThreesWindows) {
    const auto& v2 = features::feature_set("v2");
    const auto& v3 = features::feature_set("v3");
    ASSERT_EQ(v3.size(), v2.size() + features::v3_extra_features().size());
    for (size_t i = 0; i < v2.size(); ++i) EXPECT_EQ(v3[i].name, v2[i].name);
    const auto& spec = app::registry().find("ml_feature_store_v3")->output();
    for (size_t i = 0; i < v3.size(); ++i) EXPECT_EQ(spec.columns[8 + i].name, v3[i].name);
    for (const char* name : {"fg3m_avg_last_10", "fg3m_avg_season", "fg3a_avg_last_10", "fg3_pct_season"})
        EXPECT_TRUE(std::any_of(v3.begin(), v3.end(), [&](const auto& f) { return f.name == name; })) << name;
    EXPECT_THROW(features::feature_set("v4"), std::invalid_argument);
}

// A straightforward SQL reimplementation of v3's extras on random sample rows.
TEST(FeatureStoreV3, RandomRowsMatchAnIndependentRecomputation) {
    ct::SampleStore s;
    auto rows = s.con.query("SELECT game_date::VARCHAR, player_id, season, team FROM precompute.ml_feature_store_v3 "
                            "ORDER BY game_date, player_id").rows_as_text();
    ASSERT_GT(rows.size(), 1000u);
    EXPECT_EQ(static_cast<int64_t>(rows.size()), scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_v2"));
    std::mt19937 rng(11);
    const std::string prior =
        "FROM analytics.player_game_summary WHERE player_id = {p} AND season = {s} AND game_date < DATE '{d}' "
        "AND season_type <> 'preseason' AND quality_tier <> 'bronze'";
    size_t absences_checked = 0;
    for (int k = 0; k < 50; ++k) {
        const auto& r = rows[rng() % rows.size()];
        auto fill = [&](const std::string& sql) {
            auto args = [&](const std::string& text) {
                return fmt::format(fmt::runtime(text), fmt::arg("p", *r[1]), fmt::arg("s", *r[2]), fmt::arg("d", *r[0]),
                                   fmt::arg("t", *r[3]), fmt::arg("prior", "{prior}"));
            };
            std::string out = args(sql);
            for (size_t at; (at = out.find("{prior}")) != std::string::npos;) out.replace(at, 7, args(prior));
            return out;
        };
        auto q = [&](const std::string& sql) { return s.con.query(fill(sql)).scalar_double(); };
        auto expect = [&](const std::string& col, std::optional<double> want) {
            auto got = q("SELECT " + col + " FROM precompute.ml_feature_store_v3 WHERE player_id = {p} AND game_date = DATE '{d}'");
            ASSERT_EQ(got.has_value(), want.has_value()) << col << " player " << *r[1] << " on " << *r[0];
            if (want) {
                EXPECT_NEAR(*got, *want, 1e-9) << col << " player " << *r[1] << " on " << *r[0];
            }
        };
        const std::string l10 = "(SELECT * {prior} ORDER BY game_date DESC LIMIT 10)";
        expect("fg3m_avg_last_10", q("SELECT avg(fg3m) FROM " + l10));
        expect("fg3a_avg_last_10", q("SELECT avg(fg3a) FROM " + l10));
        expect("fga_avg_last_10", q("SELECT avg(fga) FROM " + l10));
        expect("usage_rate_avg_last_10", q("SELECT avg(usage_rate) FILTER (WHERE usage_rate <= 1) FROM " + l10));
        expect("minutes_std_last_10", q("SELECT stddev_samp(minutes) FROM " + l10));
        expect("fg3m_avg_season", q("SELECT avg(fg3m) {prior}"));
        expect("fg3_pct_season", q("SELECT sum(fg3m) / nullif(sum(fg3a), 0) {prior}"));
        expect("points_per_minute_season", q("SELECT sum(points) / nullif(sum(minutes), 0) {prior}"));
        expect("games_played_season", q("SELECT count(*) {prior}"));
        expect("points_last_game", q("SELECT points {prior} ORDER BY game_date DESC LIMIT 1"));
        expect("started_last_game", q("SELECT starter::INTEGER {prior} ORDER BY game_date DESC LIMIT 1"));
        // The sample holds one season: the two-season windows are this season's.
        expect("points_avg_last_20_two_seasons", q("SELECT avg(points) FROM (SELECT * {prior} ORDER BY game_date DESC LIMIT 20)"));
        expect("points_ewma", q("SELECT sum(points * pow(0.5, (k - 1) / 5.0)) / sum(pow(0.5, (k - 1) / 5.0)) FROM "
                                "(SELECT points, row_number() OVER (ORDER BY game_date DESC) AS k {prior}) WHERE k <= 40"));
        expect("prev_season_points_avg", std::nullopt);
        expect("prev_season_games", std::nullopt);  // the store does not reach back to 2020-21
        expect("points_share_of_team_last_10",
               q("SELECT sum(p.points) / nullif(sum(t.points), 0) FROM " + l10 + " p JOIN analytics.team_offense_game_summary t "
                 "ON t.game_id = p.game_id AND t.team = p.team"));
        expect("days_since_last_game",
               q("SELECT DATE '{d}' - max(game_date) FROM analytics.player_game_summary WHERE player_id = {p} AND season = {s} "
                 "AND game_date < DATE '{d}' AND season_type <> 'preseason'"));
        // Teammates out before tip-off: listed for any reason but a coach's decision, or gone from
        // D's box score after playing in one of the team's last 3 games; each at their last-10 points.
        auto stored_absent = q("SELECT absent_teammates_points FROM precompute.ml_feature_store_v3 "
                               "WHERE player_id = {p} AND game_date = DATE '{d}'");
        if (!stored_absent) continue;
        ++absences_checked;
        expect("absent_teammates_points", q(R"(
            WITH present AS (
                SELECT player_id FROM analytics.player_game_summary WHERE game_date = DATE '{d}' AND team = '{t}'
                UNION SELECT player_id FROM analytics.player_game_status WHERE game_date = DATE '{d}' AND team = '{t}'),
            recent AS (
                SELECT game_id FROM analytics.team_offense_game_summary WHERE team = '{t}' AND season = {s}
                  AND game_date < DATE '{d}' AND season_type <> 'preseason' ORDER BY game_date DESC LIMIT 3),
            absent AS (
                SELECT player_id FROM analytics.player_game_status WHERE game_date = DATE '{d}' AND team = '{t}'
                  AND coalesce(reason, '') NOT ILIKE '%coach%'
                UNION SELECT player_id FROM analytics.player_game_summary WHERE team = '{t}'
                  AND game_id IN (SELECT game_id FROM recent) AND player_id NOT IN (SELECT player_id FROM present))
            SELECT coalesce(sum(l10), 0) FROM absent a, LATERAL (
                SELECT avg(points) AS l10 FROM (SELECT points FROM analytics.player_game_summary g WHERE g.player_id = a.player_id
                  AND g.season = {s} AND g.game_date < DATE '{d}' AND g.season_type <> 'preseason' AND g.quality_tier <> 'bronze'
                  ORDER BY g.game_date DESC LIMIT 10)))"));
    }
    EXPECT_GT(absences_checked, 20u);
    // Every extra feature takes more than one value on the sample, except the previous season's.
    for (const auto& f : features::v3_extra_features()) {
        auto sd = s.con.query(fmt::format("SELECT stddev_pop(\"{}\") FROM precompute.ml_feature_store_v3", f.name)).scalar_double();
        if (std::string_view(f.name).starts_with("prev_season_")) {
            EXPECT_FALSE(sd) << f.name;
            continue;
        }
        ASSERT_TRUE(sd) << f.name << " is all NULL";
        EXPECT_GT(*sd, 0.0) << f.name << " is constant";
    }
}

namespace {

// A hand-built history: one team, three players, games on days 1..4 and the game on day 5.
struct TinyHistory {
    precompute::History h;
    const uint16_t team = h.team_index("AAA"), opp = h.team_index("BBB");

    void game(core::Date d, int64_t player, double points) {
        precompute::PlayerGame g;
        g.date = d;
        g.season = 2021;
        g.stat_valid = true;
        g.game = static_cast<uint32_t>(d);
        g.player_id = player;
        g.team = team;
        g.opponent = opp;
        g.minutes = 20;
        g.points = points;
        h.player_games.push_back(g);
    }
    void absent(core::Date d, int64_t player, bool coach) {
        precompute::PlayerAbsence a;
        a.date = d;
        a.game = static_cast<uint32_t>(d);
        a.player_id = player;
        a.team = team;
        a.decided_in_game = coach;
        h.absences.push_back(a);
    }
    void index() {
        std::sort(h.player_games.begin(), h.player_games.end(),
                  [](const auto& a, const auto& b) { return std::tie(a.player_id, a.date) < std::tie(b.player_id, b.date); });
        for (core::Date d = 1; d <= 5; ++d) {
            precompute::TeamGame t;
            t.date = d;
            t.season = 2021;
            t.game = static_cast<uint32_t>(d);
            t.team = team;
            t.opponent = opp;
            h.team_games.push_back(t);
        }
        h.reindex();  // ranges, rows and slates per date, absences
    }
};

TinyHistory day5(bool second_is_coach_decision) {
    TinyHistory t;
    for (core::Date d = 1; d <= 4; ++d) {
        t.game(d, 1, 10);
        t.game(d, 2, 20);
        t.game(d, 3, 30);
    }
    t.game(5, 1, 99);  // player 1 plays on day 5; its points must never matter for day 5
    t.absent(5, 2, second_is_coach_decision);
    // Player 3 is in neither the box score nor the list on day 5: inactive.
    t.index();
    return t;
}

}  // namespace

TEST(FeatureStoreV3, AbsentTeammatesCountListedAndInactivePlayersButNeverACoachsDecision) {
    auto coach = day5(true);
    auto out = features::absent_teammates(coach.h, coach.team, 5, 2021);
    EXPECT_EQ(out.players, 1u);
    EXPECT_DOUBLE_EQ(out.points, 30);  // player 3 only: a coach's decision is made in-game
    EXPECT_DOUBLE_EQ(out.minutes, 20);

    auto injured = day5(false);
    out = features::absent_teammates(injured.h, injured.team, 5, 2021);
    EXPECT_EQ(out.players, 2u);
    EXPECT_DOUBLE_EQ(out.points, 50);

    // Previous games: nobody was out, so the change on day 5 is the whole of today's absences.
    auto ctx = features::team_absences(injured.h, injured.team, 5, 2021);
    EXPECT_EQ(ctx.games, 4u);
    EXPECT_DOUBLE_EQ(ctx.points_l10, 0);

    // The memo the feature stores use (one per run, shared by its dates) gives the direct values,
    // first computed or reused, whatever the order the dates ask in.
    features::AbsentTeammatesMemo memo;
    std::vector<const precompute::PlayerGame*> slate;
    for (const auto& g : injured.h.player_games) slate.push_back(&g);
    for (core::Date d : {5, 3, 5, 4, 2}) {
        std::vector<const precompute::PlayerGame*> on_d;
        for (const auto* g : slate)
            if (g->date == d) on_d.push_back(g);
        const auto memoised = features::slate_absences(injured.h, on_d, d, 2021, memo);
        ASSERT_EQ(memoised.count(injured.team), 1u) << d;
        const auto direct = features::team_absences(injured.h, injured.team, d, 2021);
        const auto& m = memoised.at(injured.team);
        EXPECT_EQ(m.games, direct.games) << d;
        EXPECT_EQ(m.today.players, direct.today.players) << d;
        for (auto [a, b] : {std::pair{m.today.points, direct.today.points}, {m.today.minutes, direct.today.minutes},
                            {m.today.fga, direct.today.fga}, {m.points_l10, direct.points_l10}, {m.minutes_l10, direct.minutes_l10}})
            EXPECT_TRUE(a == b || (std::isnan(a) && std::isnan(b))) << d << ": " << a << " vs " << b;
    }
    EXPECT_DOUBLE_EQ(features::slate_absences(injured.h, {slate.back()}, 5, 2021, memo).at(injured.team).today.points, 50);

    // A partial-roster box score on D leaves the absences unknown.
    auto partial = day5(false);
    for (auto& g : partial.h.player_games)
        if (g.date == 5) g.partial = true;
    partial.h.reindex();
    EXPECT_TRUE(std::isnan(features::absent_teammates(partial.h, partial.team, 5, 2021).points));
}
