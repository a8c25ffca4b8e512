#include "precompute/player_shot_zone_analysis.hpp"

#include "precompute/rolling_window.hpp"
#include "precompute/values.hpp"
#include "precompute/zones.hpp"

namespace courtside::precompute {

ZoneProfile zone_profile(const std::vector<const PlayerGame*>& games) {
    ZoneProfile p;
    p.games = games.size();
    std::array<double, 3> fga{}, fgm{};
    double assisted = 0;
    for (const PlayerGame* g : games) {
        for (Zone z : kZones) {
            fga[static_cast<size_t>(z)] += zone_fga(*g, z);
            fgm[static_cast<size_t>(z)] += zone_fgm(*g, z);
        }
        assisted += g->assisted_fgm;
    }
    double total_fga = fga[0] + fga[1] + fga[2], total_fgm = fgm[0] + fgm[1] + fgm[2];
    for (size_t z = 0; z < 3; ++z) {
        p.rate[z] = total_fga > 0 ? fga[z] / total_fga : kNaN;
        p.fg_pct[z] = fga[z] > 0 ? fgm[z] / fga[z] : kNaN;
    }
    p.assisted_rate = total_fgm > 0 ? assisted / total_fgm : kNaN;
    return p;
}

namespace {

struct Ctx {
    core::Date d;
    int season;
    int64_t player;
    const std::string* team;
    ZoneProfile l10, l20;
};

using pipeline::Value;
using T = store::ColumnType;

// suffix l10 / l20: the player's last 10 / 20 games this season before D that have play-by-play.
template <ZoneProfile Ctx::*W>
std::vector<Column<Ctx>> window_columns(const std::string& suffix) {
    const std::string w = " over the " + suffix + " window (play-by-play games only)";
    return {
        {{"zone_games_" + suffix, T::Integer, true, "games with play-by-play in the window", doc::kCount},
         [](const Ctx& c) { return count((c.*W).games); }},
        {{"paint_rate_" + suffix, T::Double, false, "share of FGA in the paint" + w, doc::kFraction},
         [](const Ctx& c) { return num((c.*W).rate[0]); }},
        {{"mid_rate_" + suffix, T::Double, false, "share of FGA from mid-range" + w, doc::kFraction},
         [](const Ctx& c) { return num((c.*W).rate[1]); }},
        {{"three_rate_" + suffix, T::Double, false, "share of FGA from three" + w, doc::kFraction},
         [](const Ctx& c) { return num((c.*W).rate[2]); }},
        {{"paint_fg_pct_" + suffix, T::Double, false, "paint FG%" + w, doc::kFraction},
         [](const Ctx& c) { return num((c.*W).fg_pct[0]); }},
        {{"mid_fg_pct_" + suffix, T::Double, false, "mid-range FG%" + w, doc::kFraction},
         [](const Ctx& c) { return num((c.*W).fg_pct[1]); }},
        {{"three_fg_pct_" + suffix, T::Double, false, "3PT FG%" + w, doc::kFraction},
         [](const Ctx& c) { return num((c.*W).fg_pct[2]); }},
        {{"assisted_rate_" + suffix, T::Double, false, "share of made field goals that were assisted" + w, doc::kFraction},
         [](const Ctx& c) { return num((c.*W).assisted_rate); }},
    };
}

const std::vector<Column<Ctx>>& columns() {
    static const std::vector<Column<Ctx>> cols = [] {
        std::vector<Column<Ctx>> c = {
            {{"game_date", T::Date, true, doc::kAnalysisDate}, [](const Ctx& x) -> Value { return pipeline::date_value(x.d); }},
            {{"season", T::Integer, true, doc::kSeason}, [](const Ctx& x) -> Value { return int64_t{x.season}; }},
            {{"player_id", T::BigInt, true, doc::kPlayerId}, [](const Ctx& x) -> Value { return x.player; }},
            {{"team", T::Text, true, doc::kTeam}, [](const Ctx& x) -> Value { return *x.team; }},
        };
        for (auto& col : window_columns<&Ctx::l10>("l10")) c.push_back(col);
        for (auto& col : window_columns<&Ctx::l20>("l20")) c.push_back(col);
        c.push_back({{"primary_zone", T::Text, false, "paint (last-10 paint rate >= 0.40), three (>= 0.40), mid (>= 0.35), else balanced; NULL without zone games"}, [](const Ctx& x) {
                         return text_or_null(primary_zone(x.l10.rate[0], x.l10.rate[1], x.l10.rate[2]));
                     }});
        c.push_back({{"sample_tier", T::Text, true, "high (>= 10 zone games in the last 10), medium (>= 5), low otherwise"},
                     [](const Ctx& x) -> Value { return std::string(sample_tier(x.l10.games, 10, 5)); }});
        return c;
    }();
    return cols;
}

}  // namespace

std::vector<pipeline::Upstream> PlayerShotZoneAnalysis::upstream() const {
    using pipeline::DateScope;
    return {{"analytics.player_game_summary", DateScope::ThisDate},
            {"analytics.player_game_summary", DateScope::EarlierSameSeason}};
}

const store::TableSpec& PlayerShotZoneAnalysis::output() const {
    static const store::TableSpec spec = precompute_spec("player_shot_zone_analysis", columns(), {"game_date", "player_id"},
                        "One row per player with a game on D: his shot-zone profile over his last 10 and 20 games before D");
    return spec;
}

void PlayerShotZoneAnalysis::compute_rows(const Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const {
    const auto& rows = in.history().player_games;
    for (const PlayerGame& today : in.history().slate(d).players) {  // ascending player_id
        Range prior = prior_in_season(rows, in.history().by_player.at(today.player_id), d, season);
        auto with_zones = [](const PlayerGame& g) { return g.stat_valid && g.has_zones(); };
        Ctx c{d, season, today.player_id, &in.history().teams[today.team], zone_profile(last_n(rows, prior, 10, with_zones)),
              zone_profile(last_n(rows, prior, 20, with_zones))};
        r.rows.push(analytics::make_row(columns(), c));
    }
}

}  // namespace courtside::precompute
