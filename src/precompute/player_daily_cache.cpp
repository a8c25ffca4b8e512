#include "precompute/player_daily_cache.hpp"

#include "precompute/rolling_window.hpp"
#include "precompute/values.hpp"

namespace courtside::precompute {

namespace {

struct Ctx {
    core::Date d;
    int season;
    const PlayerGame* today;
    const History* h;
    size_t games_season, games_l5, games_l10, team_games_l10, games_7;
    double pts_l5, pts_l10, pts_season, pts_sd_l10, min_l10, usage_l10, ts_l10, team_pace_l10, team_ortg_l10, days_since;
};

using pipeline::Value;
using T = store::ColumnType;

const std::vector<Column<Ctx>>& columns() {
    static const std::vector<Column<Ctx>> cols = {
        {{"game_date", T::Date, true, doc::kAnalysisDate}, [](const Ctx& c) -> Value { return pipeline::date_value(c.d); }},
        {{"season", T::Integer, true, doc::kSeason}, [](const Ctx& c) -> Value { return int64_t{c.season}; }},
        {{"player_id", T::BigInt, true, doc::kPlayerId}, [](const Ctx& c) -> Value { return c.today->player_id; }},
        {{"team", T::Text, true, doc::kTeam}, [](const Ctx& c) -> Value { return c.h->teams[c.today->team]; }},
        {{"games_played_season", T::Integer, true, "games played this season before D", doc::kCount},
         [](const Ctx& c) { return count(c.games_season); }},
        {{"games_in_last_5", T::Integer, true, "games in the last-5 window (fewer early in the season)", doc::kCount},
         [](const Ctx& c) { return count(c.games_l5); }},
        {{"games_in_last_10", T::Integer, true, "games in the last-10 window", doc::kCount},
         [](const Ctx& c) { return count(c.games_l10); }},
        {{"points_avg_last_5", T::Double, false, "mean points over the last 5 games before D", doc::kPoints},
         [](const Ctx& c) { return num(c.pts_l5); }},
        {{"points_avg_last_10", T::Double, false, "mean points over the last 10 games before D", doc::kPoints},
         [](const Ctx& c) { return num(c.pts_l10); }},
        {{"points_avg_season", T::Double, false, "mean points over the season's games before D", doc::kPoints},
         [](const Ctx& c) { return num(c.pts_season); }},
        {{"points_std_last_10", T::Double, false, "sample standard deviation of points over the last 10 (needs 2 games)", doc::kPoints},
         [](const Ctx& c) { return num(c.pts_sd_l10); }},
        {{"minutes_avg_last_10", T::Double, false, "mean minutes over the last 10", doc::kMinutes},
         [](const Ctx& c) { return num(c.min_l10); }},
        {{"usage_avg_last_10", T::Double, false, "mean usage rate over the last 10 (a usage above 1, seconds played, left out)", doc::kFraction},
         [](const Ctx& c) { return num(c.usage_l10); }},
        {{"ts_pct_last_10", T::Double, false, "true shooting over the last 10", doc::kFraction},
         [](const Ctx& c) { return num(c.ts_l10); }},
        {{"team_games_in_last_10", T::Integer, true, "team games in the team's last-10 window", doc::kCount},
         [](const Ctx& c) { return count(c.team_games_l10); }},
        {{"team_pace_last_10", T::Double, false, "team pace over its last 10 games", doc::kPace},
         [](const Ctx& c) { return num(c.team_pace_l10); }},
        {{"team_off_rating_last_10", T::Double, false, "team offensive rating over its last 10 games", doc::kRating},
         [](const Ctx& c) { return num(c.team_ortg_l10); }},
        {{"games_in_last_7_days", T::Integer, true, "games played D-7 .. D-1", doc::kCount},
         [](const Ctx& c) { return count(c.games_7); }},
        {{"days_since_last_game", T::Double, false, "days since the player's last game this season; NULL before his first", doc::kDays},
         [](const Ctx& c) { return num(c.days_since); }},
    };
    return cols;
}

}  // namespace

std::vector<pipeline::Upstream> PlayerDailyCache::upstream() const {
    using pipeline::DateScope;
    return {{"analytics.player_game_summary", DateScope::ThisDate},
            {"analytics.player_game_summary", DateScope::EarlierSameSeason},
            {"analytics.team_offense_game_summary", DateScope::EarlierSameSeason},
            {"analytics.team_defense_game_summary", DateScope::EarlierSameSeason},  // History's team games join it
            {"precompute.player_composite_factors", DateScope::ThisDate}};
}

const store::TableSpec& PlayerDailyCache::output() const {
    static const store::TableSpec spec = precompute_spec("player_daily_cache", columns(), {"game_date", "player_id"},
                        "One row per player with a game on D: his and his team's recent form from games before D");
    return spec;
}

void PlayerDailyCache::compute_rows(const Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const {
    const auto& rows = in.history().player_games;
    auto pts = [](const PlayerGame& g) { return g.points; };
    for (const PlayerGame& today : in.history().slate(d).players) {
        Range prior = prior_in_season(rows, in.history().by_player.at(today.player_id), d, season);
        auto season_w = last_n_valid(rows, prior, kWholeSeason);
        std::vector<const PlayerGame*> l10(season_w.begin(), season_w.begin() + std::min<size_t>(10, season_w.size()));
        std::vector<const PlayerGame*> l5(season_w.begin(), season_w.begin() + std::min<size_t>(5, season_w.size()));
        Ctx c{};
        c.d = d;
        c.season = season;
        c.today = &today;
        c.h = &in.history();
        c.games_season = season_w.size();
        c.games_l5 = l5.size();
        c.games_l10 = l10.size();
        c.pts_l5 = mean_of(l5, pts);
        c.pts_l10 = mean_of(l10, pts);
        c.pts_season = mean_of(season_w, pts);
        c.pts_sd_l10 = sample_sd_of(l10, pts);
        c.min_l10 = mean_of(l10, [](const PlayerGame& g) { return g.minutes; });
        c.usage_l10 = mean_of(l10, [](const PlayerGame& g) { return g.usage_for_averages(); });
        c.ts_l10 = ratio_of_sums(l10, pts, [](const PlayerGame& g) { return 2 * (g.fga + 0.44 * g.fta); });
        c.games_7 = games_between(rows, prior, d - 7, d - 1);
        c.days_since = days_since_last(rows, prior, d);
        c.team_pace_l10 = c.team_ortg_l10 = kNaN;
        if (auto it = in.history().by_team.find(today.team); it != in.history().by_team.end()) {
            Range tp = prior_in_season(in.history().team_games, it->second, d, season);
            auto tw = last_n_valid(in.history().team_games, tp, 10);
            c.team_games_l10 = tw.size();
            c.team_pace_l10 = mean_of(tw, [](const TeamGame& t) { return t.pace; });
            c.team_ortg_l10 = 100.0 * ratio_of_sums(tw, [](const TeamGame& t) { return t.points; },
                                                    [](const TeamGame& t) { return t.possessions; });
        }
        r.rows.push(analytics::make_row(columns(), c));
    }
}

}  // namespace courtside::precompute
