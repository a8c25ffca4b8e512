#include "precompute/player_composite_factors.hpp"

#include "precompute/league_averages.hpp"
#include "precompute/rolling_window.hpp"
#include "precompute/values.hpp"
#include "precompute/zones.hpp"

#include <algorithm>

namespace courtside::precompute {

double fatigue_score(const FatigueInputs& f) {
    double s = 100;
    if (known(f.days_since_last)) {
        if (f.days_since_last == 1) s -= 15;        // second night of a back-to-back
        else if (f.days_since_last >= 3) s += 5;     // well rested
    }
    if (f.games_last_7 >= 4) s -= 10;
    if (f.minutes_last_7 > 240) s -= 10;
    if (f.games_last_7 > 0 && f.minutes_last_7 / static_cast<double>(f.games_last_7) > 35) s -= 8;
    if (f.back_to_backs_last_14 >= 2) s -= 12;
    else if (f.back_to_backs_last_14 == 1) s -= 5;
    return std::clamp(s, 0.0, 100.0);
}

FatigueInputs fatigue_inputs(const std::vector<PlayerGame>& rows, Range prior, core::Date d) {
    FatigueInputs f{days_since_last(rows, prior, d), games_between(rows, prior, d - 7, d - 1), 0, 0};
    for (size_t k = prior.end; k > prior.begin && rows[k - 1].date >= d - 14; --k) {
        if (rows[k - 1].date >= d - 7) f.minutes_last_7 += rows[k - 1].minutes;
        if (k - 1 > prior.begin && rows[k - 2].date == rows[k - 1].date - 1) ++f.back_to_backs_last_14;
    }
    return f;
}

namespace {

struct Ctx {
    core::Date d;
    int season;
    const PlayerGame* today;
    const History* h;
    FatigueInputs fatigue_in;
    double fatigue;
    std::string primary, mismatch_zone;
    double gap_pp, mismatch, expected_pace, league_pace, pace_score, usage_l3, usage_season, usage_spike, total;
};

using pipeline::Value;
using T = store::ColumnType;

double clamp_known(double v, double lim) { return known(v) ? std::clamp(v, -lim, lim) : kNaN; }

const std::vector<Column<Ctx>>& columns() {
    static const std::vector<Column<Ctx>> cols = {
        {{"game_date", T::Date, true, doc::kAnalysisDate}, [](const Ctx& c) -> Value { return pipeline::date_value(c.d); }},
        {{"season", T::Integer, true, doc::kSeason}, [](const Ctx& c) -> Value { return int64_t{c.season}; }},
        {{"game_id", T::Text, true, "the player's game on D"},
         [](const Ctx& c) -> Value { return c.h->game_ids[c.today->game]; }},
        {{"player_id", T::BigInt, true, doc::kPlayerId}, [](const Ctx& c) -> Value { return c.today->player_id; }},
        {{"team", T::Text, true, doc::kTeam}, [](const Ctx& c) -> Value { return c.h->teams[c.today->team]; }},
        {{"opponent", T::Text, true, "opponent tricode of the game on D"},
         [](const Ctx& c) -> Value { return c.h->teams[c.today->opponent]; }},
        {{"days_since_last_game", T::Double, false, "days from the player's last game this season to D; NULL before his first", doc::kDays},
         [](const Ctx& c) { return num(c.fatigue_in.days_since_last); }},
        {{"games_last_7_days", T::Integer, true, "games played D-7 .. D-1", doc::kCount},
         [](const Ctx& c) { return count(c.fatigue_in.games_last_7); }},
        {{"minutes_last_7_days", T::Double, true, "minutes played D-7 .. D-1", doc::kMinutes},
         [](const Ctx& c) { return num(c.fatigue_in.minutes_last_7); }},
        {{"back_to_back", T::Boolean, true, "previous game on D-1 (second night of a back-to-back)"},
         [](const Ctx& c) -> Value { return c.fatigue_in.days_since_last == 1; }},
        {{"back_to_backs_last_14_days", T::Integer, true, "back-to-backs in D-14 .. D-1", doc::kCount},
         [](const Ctx& c) { return count(c.fatigue_in.back_to_backs_last_14); }},
        {{"fatigue_score", T::Double, true,
          "100, -15 back-to-back or +5 with >= 3 days rest, -10 for >= 4 games in 7 days, -10 for > 240 minutes in 7 days, "
          "-8 for > 35 min/game, -12/-5 for 2+/1 back-to-backs in 14 days; clamped 0-100",
          "score 0-100"},
         [](const Ctx& c) { return num(c.fatigue); }},
        {{"primary_zone", T::Text, false, "the player's primary zone over his last 10: paint (rate >= 0.40), three (>= 0.40), mid (>= 0.35), else balanced"},
         [](const Ctx& c) { return text_or_null(c.primary); }},
        {{"mismatch_zone", T::Text, false, "the zone the mismatch score looks at (the primary zone)"},
         [](const Ctx& c) { return text_or_null(c.mismatch_zone); }},
        {{"opponent_zone_gap_pp", T::Double, false, "the opponent defense's gap to the league in that zone", doc::kPercentagePoints},
         [](const Ctx& c) { return num(c.gap_pp); }},
        {{"shot_zone_mismatch_score", T::Double, false, "gap in percentage points x min(player's rate in the zone / 0.5, 1), -10..+10", "score -10..+10"},
         [](const Ctx& c) { return num(c.mismatch); }},
        {{"expected_pace", T::Double, false, "mean of the team's and the opponent's last-10 pace", doc::kPace},
         [](const Ctx& c) { return num(c.expected_pace); }},
        {{"league_pace", T::Double, false, "league pace over the 30 days before D", doc::kPace},
         [](const Ctx& c) { return num(c.league_pace); }},
        {{"pace_score", T::Double, false, "(expected_pace - league_pace) / 2, clamped to +-3", "score -3..+3"},
         [](const Ctx& c) { return num(c.pace_score); }},
        {{"usage_last_3", T::Double, false, "mean usage rate over the last 3 games with a usage of at most 1", doc::kFraction},
         [](const Ctx& c) { return num(c.usage_l3); }},
        {{"usage_season", T::Double, false, "mean usage rate over the season's games before D (a usage above 1 left out)", doc::kFraction},
         [](const Ctx& c) { return num(c.usage_season); }},
        {{"usage_spike_score", T::Double, false, "(usage_last_3 - usage_season) * 100 * 0.3, clamped to +-3", "score -3..+3"},
         [](const Ctx& c) { return num(c.usage_spike); }},
        {{"total_composite_adjustment", T::Double, true, "(fatigue - 100) / 20 + mismatch + pace + usage spike scores", doc::kPoints},
         [](const Ctx& c) { return num(c.total); }},
    };
    return cols;
}

}  // namespace

std::vector<pipeline::Upstream> PlayerCompositeFactors::upstream() const {
    using pipeline::DateScope;
    return {{"analytics.player_game_summary", DateScope::ThisDate},
            {"analytics.player_game_summary", DateScope::EarlierSameSeason},
            {"analytics.team_offense_game_summary", DateScope::EarlierSameSeason},
            {"analytics.team_defense_game_summary", DateScope::EarlierSameSeason},  // History's team games join it
            {"precompute.team_defense_zone_analysis", DateScope::ThisDate},
            {"precompute.player_shot_zone_analysis", DateScope::ThisDate}};
}

const store::TableSpec& PlayerCompositeFactors::output() const {
    static const store::TableSpec spec = precompute_spec("player_composite_factors", columns(), {"game_date", "player_id"},
                        "One row per player with a game on D: fatigue, shot-zone mismatch, pace and usage-spike factors from games before D");
    return spec;
}

void PlayerCompositeFactors::load_upstream(store::Connection& con, const std::vector<core::Date>& dates, Phase4Inputs& base) const {
    auto& in = static_cast<Inputs&>(base);
    in.player_zones.load(con, in.phase4_table("precompute.player_shot_zone_analysis"), "player_id",
                         {"paint_rate_l10", "mid_rate_l10", "three_rate_l10"}, {"primary_zone"}, dates);
    in.team_zones.load(con, in.phase4_table("precompute.team_defense_zone_analysis"), "team", {"paint_gap", "mid_gap", "three_gap"},
                       {}, dates);
}

void PlayerCompositeFactors::compute_rows(const Phase4Inputs& in, core::Date d, int season, pipeline::PartitionResult& r) const {
    const auto& zones = static_cast<const Inputs&>(in);  // new_inputs() made it
    const auto& rows = in.history().player_games;
    const double league_pace = league_averages(in.history(), d, season).pace;
    auto team_pace_l10 = [&](uint16_t team) {
        auto it = in.history().by_team.find(team);
        if (it == in.history().by_team.end()) return kNaN;
        Range prior = prior_in_season(in.history().team_games, it->second, d, season);
        return mean_of(last_n_valid(in.history().team_games, prior, 10), [](const TeamGame& t) { return t.pace; });
    };
    for (const PlayerGame& today : in.history().slate(d).players) {
        Range prior = prior_in_season(rows, in.history().by_player.at(today.player_id), d, season);
        Ctx c{};
        c.d = d;
        c.season = season;
        c.today = &today;
        c.h = &in.history();
        // Fatigue: schedule facts count every game played, reconciled or not.
        c.fatigue_in = fatigue_inputs(rows, prior, d);
        c.fatigue = fatigue_score(c.fatigue_in);

        // Shot-zone mismatch: the opponent's gap in the player's primary zone.
        const auto* pz = zones.player_zones.find(d, std::to_string(today.player_id));
        const auto* tz = zones.team_zones.find(d, in.history().teams[today.opponent]);
        c.primary = zones.player_zones.text(pz, "primary_zone");
        c.gap_pp = c.mismatch = kNaN;
        if (pz && tz && !c.primary.empty()) {
            std::array<double, 3> rate{zones.player_zones.num(pz, "paint_rate_l10"), zones.player_zones.num(pz, "mid_rate_l10"),
                                       zones.player_zones.num(pz, "three_rate_l10")};
            std::array<double, 3> gap{zones.team_zones.num(tz, "paint_gap"), zones.team_zones.num(tz, "mid_gap"),
                                      zones.team_zones.num(tz, "three_gap")};
            size_t z = c.primary == "paint" ? 0 : c.primary == "mid" ? 1 : c.primary == "three" ? 2
                       : static_cast<size_t>(std::max_element(rate.begin(), rate.end()) - rate.begin());  // balanced
            c.mismatch_zone = std::string(zone_name(static_cast<Zone>(z)));
            if (known(gap[z]) && known(rate[z])) {
                c.gap_pp = gap[z] * 100.0;
                c.mismatch = std::clamp(c.gap_pp * std::min(rate[z] / 0.5, 1.0), -10.0, 10.0);
            }
        }

        // Pace: expected game pace (mean of both teams' last 10) against the league's last 30 days.
        double tp = team_pace_l10(today.team), op = team_pace_l10(today.opponent);
        c.expected_pace = known(tp) && known(op) ? (tp + op) / 2 : kNaN;
        c.league_pace = league_pace;
        c.pace_score = known(c.expected_pace) && known(league_pace) ? clamp_known((c.expected_pace - league_pace) / 2, 3)
                                                                    : kNaN;

        // Usage spike: last 3 against the season, in percentage points.
        // Games with a usage an average takes (seconds played left out: one 0.03-minute stint
        // put usage_last_3 at 8.1 and the spike score at its +3 bound; audit).
        auto with_usage = [](const PlayerGame& g) { return g.stat_valid && known(g.usage_for_averages()); };
        auto usage = [](const PlayerGame& g) { return g.usage_for_averages(); };
        c.usage_l3 = mean_of(last_n(rows, prior, 3, with_usage), usage);
        c.usage_season = mean_of(last_n(rows, prior, kWholeSeason, with_usage), usage);
        c.usage_spike = known(c.usage_l3) && known(c.usage_season)
                            ? clamp_known((c.usage_l3 - c.usage_season) * 100 * 0.3, 3)
                            : kNaN;

        auto or0 = [](double v) { return known(v) ? v : 0.0; };
        c.total = (c.fatigue - 100) / 20 + or0(c.mismatch) + or0(c.pace_score) + or0(c.usage_spike);
        r.rows.push(analytics::make_row(columns(), c));
    }
}

}  // namespace courtside::precompute
