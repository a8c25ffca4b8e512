// The early-season ("opening night") mode on the bundled sample (2021-22 from opening night):
// rows only on bootstrap dates, with the feature store's columns, carried over and at most
// silver, NULL (never zero) where nothing can be carried, point-in-time, and predictions from them
// recorded as carried over.
#include "app/registry.hpp"
#include "features/early_season_store.hpp"
#include "features/feature_set.hpp"
#include "models/early_season_predict.hpp"
#include "models/systems.hpp"
#include "pipeline/registry.hpp"
#include "pipeline_fixture.hpp"

using namespace courtside;
namespace ct = courtside::testing;
using ct::scalar;

namespace {

// Season 2021-22 starts 2021-10-19: its 14 bootstrap days run to 2021-11-01.
constexpr const char* kBootstrapEnd = "2021-11-01";

// The versions with an early table: v1, v2, and v3 once it is registered.
std::vector<std::string> early_versions() {
    std::vector<std::string> out = {"v1", "v2"};
    if (app::registry().find("ml_feature_store_early_v3")) out.push_back("v3");
    return out;
}

const pipeline::Processor& early(const std::string& version) {
    const auto* p = app::registry().find(version == "v1" ? "ml_feature_store_early" : "ml_feature_store_early_" + version);
    EXPECT_NE(p, nullptr) << version;
    return *p;
}

}  // namespace

TEST(EarlySeason, RowsOnlyOnBootstrapDatesWithTheFeatureStoreColumns) {
    ct::SampleStore s;
    for (const std::string& v : early_versions()) {
        const auto& spec = early(v).output();
        const std::string t = spec.qualified();
        EXPECT_EQ(t, features::early_feature_table(v));
        // The same feature columns, in the same order, as the feature store of the version.
        const auto& defs = features::feature_set(v);
        const auto& store_spec = app::registry().find(v == "v1" ? "ml_feature_store" : "ml_feature_store_" + v)->output();
        for (size_t i = 0; i < defs.size(); ++i) {
            EXPECT_EQ(spec.columns[8 + i].name, defs[i].name) << v;
            EXPECT_EQ(store_spec.columns[8 + i].name, defs[i].name) << v;
        }
        // Every player-game of the bootstrap days has its early row, and no other date has any.
        EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM " + t),
                  scalar(s.con, std::string("SELECT count(*) FROM player_game_summary WHERE season_type <> 'preseason' AND "
                                            "game_date BETWEEN DATE '2021-10-19' AND DATE '") + kBootstrapEnd + "'"))
            << v;
        EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM " + t + " e JOIN precompute.ml_feature_store f USING (game_date)"), 0);
        // The ledger: complete on the 14 bootstrap dates, empty with its reason on every other date.
        const std::string led = "SELECT count(*) FROM ops.partition_ledger WHERE processor = '" + std::string(early(v).name()) + "'";
        EXPECT_EQ(scalar(s.con, led + " AND status = 'complete'"), 14) << v;
        EXPECT_EQ(scalar(s.con, led + " AND status = 'complete' AND partition_date > DATE '" + kBootstrapEnd + "'"), 0) << v;
        EXPECT_EQ(scalar(s.con, led + " AND status = 'complete_empty' AND partition_date > DATE '" + kBootstrapEnd +
                                    "' AND reason LIKE 'not a bootstrap date%'"),
                  scalar(s.con, std::string("SELECT count(DISTINCT game_date) FROM raw.team_game_log WHERE game_date > DATE '") +
                                    kBootstrapEnd + "' AND game_date <= DATE '2021-11-30'"))
            << v;
        EXPECT_EQ(scalar(s.con, led), static_cast<int64_t>(ct::sample_dates().size())) << v;
    }
}

TEST(EarlySeason, RowsAreCarriedOverAtMostSilverAndNullWhereNothingIsKnown) {
    ct::SampleStore s;
    for (const std::string& v : early_versions()) {
        const std::string t = features::early_feature_table(v);
        const auto n = static_cast<int64_t>(features::feature_set(v).size());
        EXPECT_GT(scalar(s.con, "SELECT count(*) FROM " + t), 1000);
        EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM " + t + " WHERE NOT carried_over"), 0);
        EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM " + t + " WHERE quality_tier = 'gold'"), 0);
        EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM " + t + " WHERE length(source_codes) <> " + std::to_string(n)), 0);
        // The league's last 30 days have no counterpart across the offseason: NULL and Missing.
        EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM " + t + " WHERE shot_zone_mismatch_score IS NOT NULL OR pace_score IS NOT NULL "
                                "OR substr(source_codes, 7, 1) <> 'M' OR substr(source_codes, 8, 1) <> 'M'"), 0);
        // The sample has no 2020-21 games: opening night's windows are empty, so NULL (never 0)...
        EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM " + t + " WHERE previous_season_games <> 0"), 0);
        EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM " + t + " WHERE game_date = DATE '2021-10-19' AND "
                                "(points_avg_last_10 IS NOT NULL OR substr(source_codes, 2, 1) <> 'M')"), 0);
        // ...while D's schedule facts are known as usual.
        EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM " + t + " WHERE home_away IS NULL OR playoff_game IS NULL OR back_to_back IS NULL "
                                "OR fatigue_score IS NULL OR games_in_last_7_days IS NULL"), 0);
    }
    // Later bootstrap days: the windows hold the season's earlier games, strictly before D.
    EXPECT_EQ(scalar(s.con, R"(
        SELECT count(*) FROM precompute.ml_feature_store_early e
        WHERE e.game_date > DATE '2021-10-19' AND abs(coalesce(e.points_avg_last_10, -1) - coalesce((
            SELECT avg(points) FROM (SELECT points FROM player_game_summary p WHERE p.player_id = e.player_id
              AND p.game_date < e.game_date AND p.season_type <> 'preseason' AND p.quality_tier <> 'bronze'
              ORDER BY p.game_date DESC LIMIT 10)), -1)) > 1e-9)"), 0);
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_early WHERE current_season_games > 0 AND "
                            "abs(current_season_points_avg - points_avg_season) > 1e-9"), 0);
}

TEST(EarlySeason, ChangingAGameOnDChangesNoEarlyRowForDAndChangesTheNextGame) {
    ct::SampleStore s;
    const std::string d = "2021-10-22";
    // The top scorer of a game on D whose next game is also a bootstrap date.
    auto game = s.con.query("SELECT b.game_id, b.player_id, b.team_id FROM raw.boxscore_player b JOIN raw.team_game_log t USING (game_id, team_id) "
                            "WHERE t.game_date = DATE '" + d + "' AND (SELECT min(game_date) FROM player_game_summary p WHERE "
                            "p.player_id = b.player_id AND p.game_date > DATE '" + d + "') <= DATE '" + kBootstrapEnd + "' "
                            "ORDER BY b.pts DESC NULLS LAST, b.player_id LIMIT 1").rows_as_text();
    ASSERT_EQ(game.size(), 1u);
    const std::string gid = *game[0][0], pid = *game[0][1], tid = *game[0][2];
    auto hash_on = [&](const std::string& table, const std::string& date) {
        return ct::table_hash(s.con, "(SELECT * FROM " + table + " WHERE game_date = DATE '" + date + "')");
    };
    std::vector<std::string> tables;
    for (const auto& v : early_versions()) tables.push_back(features::early_feature_table(v));
    std::map<std::string, int64_t> before_d;
    for (const auto& t : tables) before_d[t] = hash_on(t, d);
    const auto next = s.con.query("SELECT min(game_date)::VARCHAR FROM player_game_summary WHERE player_id = " + pid +
                                  " AND game_date > DATE '" + d + "'").scalar_string();
    ASSERT_TRUE(next);
    auto l5 = [&] {
        return s.con.query("SELECT points_avg_last_5 FROM precompute.ml_feature_store_early WHERE player_id = " + pid +
                           " AND game_date = DATE '" + *next + "'").scalar_double();
    };
    const auto games_before_next = scalar(s.con, "SELECT current_season_games FROM precompute.ml_feature_store_early WHERE player_id = " +
                                                     pid + " AND game_date = DATE '" + *next + "'");
    const auto next_before = l5();
    ASSERT_TRUE(next_before);

    // A corrected box score on D: +10 points for him and his team (the game still reconciles).
    s.con.execute("UPDATE raw.boxscore_player SET pts = pts + 10, fgm = fgm + 5, fga = fga + 5, source_hash = 'corrected' "
                  "WHERE game_id = '" + gid + "' AND player_id = " + pid);
    s.con.execute("UPDATE raw.team_game_log SET pts = pts + 10, fgm = fgm + 5, fga = fga + 5, source_hash = 'corrected' "
                  "WHERE game_id = '" + gid + "' AND team_id = " + tid);
    s.run(3);
    s.run(4);
    for (const auto& t : tables) EXPECT_EQ(hash_on(t, d), before_d[t]) << t << " changed on " << d;
    const auto next_after = l5();
    ASSERT_TRUE(next_after);
    EXPECT_NEAR(*next_after - *next_before, 10.0 / static_cast<double>(std::min<int64_t>(5, games_before_next)), 1e-9)
        << "next game " << *next;
}

TEST(EarlySeason, PredictionsFromEarlyRowsRecordThatTheyWereCarriedOver) {
    ct::SampleStore s;
    auto system = models::make_formula_system("season_avg");
    const auto from = *core::parse_date("2021-10-19"), to = *core::parse_date("2021-11-05");
    auto e = models::predict_early_rows(s.con, *system, from, to);
    EXPECT_TRUE(e.unavailable.empty());
    const auto& w = e.written;
    EXPECT_EQ(w.dates, 14u);
    // Opening night has no earlier game in the sample: counted as not predicted, never a 0.
    EXPECT_EQ(static_cast<int64_t>(w.not_predicted),
              scalar(s.con, "SELECT count(*) FROM precompute.ml_feature_store_early WHERE points_avg_season IS NULL"));
    EXPECT_EQ(static_cast<int64_t>(w.written),
              scalar(s.con, "SELECT count(*) FROM models.predictions WHERE feature_version = 'v1+early'"));
    EXPECT_EQ(scalar(s.con, "SELECT count(*) FROM models.predictions p JOIN precompute.ml_feature_store_early e "
                            "USING (game_date, game_id, player_id) WHERE p.predicted_points = e.points_avg_season"),
              static_cast<int64_t>(w.written));
    // Rerunning replaces the same partitions.
    models::predict_early_rows(s.con, *system, from, to);
    EXPECT_EQ(static_cast<int64_t>(w.written), scalar(s.con, "SELECT count(*) FROM models.predictions"));
}
