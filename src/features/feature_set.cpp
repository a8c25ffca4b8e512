#include "features/feature_set.hpp"

#include <stdexcept>
#include <string>

namespace courtside::features {

const std::vector<std::string>& feature_versions() {
    static const std::vector<std::string> versions = {"v1", "v2", "v3"};
    return versions;
}

std::string feature_versions_text() {
    std::string out;
    for (const auto& v : feature_versions()) out += (out.empty() ? "" : ", ") + v;
    return out;
}

const std::vector<FeatureDef>& v1_features() {
    static const std::vector<FeatureDef> v1 = {
        {"points_avg_last_5", "player_daily_cache", "last 5 games before D"},
        {"points_avg_last_10", "player_daily_cache", "last 10 games before D"},
        {"points_avg_season", "player_daily_cache", "season games before D"},
        {"points_std_last_10", "player_daily_cache", "last 10 games (sample sd, needs 2)"},
        {"games_in_last_7_days", "player_daily_cache", "D-7 .. D-1"},
        {"fatigue_score", "player_composite_factors", "schedule D-14 .. D-1"},
        {"shot_zone_mismatch_score", "player_composite_factors", "player last 10 zones x opponent last 15"},
        {"pace_score", "player_composite_factors", "both teams' last 10 vs league last 30 days"},
        {"usage_spike_score", "player_composite_factors", "last 3 vs season"},
        {"rest_advantage", "player_game_summary + team_offense_game_summary", "days since last game, player vs opponent"},
        {"injury_risk", "player_game_status (injury/illness absences)", "team games missed in D-30 .. D-1, / 5, capped at 1"},
        {"recent_trend", "player_game_summary", "last 2 vs the 3 before them"},
        {"minutes_change", "player_game_summary", "last 3 vs season minutes"},
        {"opponent_def_rating", "team_defense_zone_analysis", "opponent last 15 games"},
        {"opponent_pace", "team_defense_zone_analysis", "opponent last 15 games"},
        {"home_away", "schedule", "game on D"},
        {"back_to_back", "player_composite_factors", "previous game on D-1"},
        {"playoff_game", "schedule", "game on D"},
        {"pct_paint", "player_shot_zone_analysis", "last 10 games with play-by-play"},
        {"pct_mid_range", "player_shot_zone_analysis", "last 10 games with play-by-play"},
        {"pct_three", "player_shot_zone_analysis", "last 10 games with play-by-play"},
        {"pct_free_throw", "player_game_summary", "last 10 games"},
        {"team_pace", "player_daily_cache", "team last 10 games"},
        {"team_off_rating", "player_daily_cache", "team last 10 games"},
        {"team_win_pct", "team_offense_game_summary", "team season games before D"},
    };
    return v1;
}

const std::vector<FeatureDef>& v2_extra_features() {
    static const std::vector<FeatureDef> extra = {
        {"vegas_implied_team_total", "raw.game_lines (closing total and spread)", "game on D"},
        {"vegas_spread", "raw.game_lines (team's closing spread)", "game on D"},
        {"minutes_avg_last_3", "player_game_summary", "last 3 games"},
        {"minutes_avg_last_10", "player_game_summary", "last 10 games"},
        {"starter_rate_last_10", "player_game_summary", "last 10 games"},
        {"teammates_out", "player_game_status", "teammates listed out before tip-off on D (not coach's decisions) who averaged >= 20 min over their last 10"},
        {"opp_points_allowed_to_role", "team_offense_game_summary + player_game_summary",
         "opponent last 15: points allowed to starters or bench, by the player's role"},
    };
    return extra;
}

const std::vector<FeatureDef>& v3_extra_features() {
    static const std::vector<FeatureDef> extra = {
        {"fg3m_avg_last_10", "player_game_summary", "last 10 games"},
        {"fg3m_avg_season", "player_game_summary", "season games before D"},
        {"fg3a_avg_last_10", "player_game_summary", "last 10 games"},
        {"fg3_pct_season", "player_game_summary", "season games before D (makes / attempts)"},
        {"fga_avg_last_10", "player_game_summary", "last 10 games"},
        {"fta_avg_last_10", "player_game_summary", "last 10 games"},
        {"usage_rate_avg_last_10", "player_game_summary", "last 10 games (a usage above 1, seconds played, left out)"},
        {"points_per_minute_season", "player_game_summary", "season games before D (points / minutes)"},
        {"games_played_season", "player_game_summary", "season games before D (reconciled box scores)"},
        {"points_avg_last_3", "player_game_summary", "last 3 games"},
        {"points_last_game", "player_game_summary", "the last game this season"},
        {"minutes_last_game", "player_game_summary", "the last game this season"},
        {"started_last_game", "player_game_summary", "the last game this season (NULL without a lineup)"},
        {"points_avg_last_20_two_seasons", "player_game_summary", "last 20 games of this and the previous season"},
        {"minutes_avg_last_20_two_seasons", "player_game_summary", "last 20 games of this and the previous season"},
        {"points_ewma", "player_game_summary", "last 40 games of this and the previous season, half-life 5 games"},
        {"minutes_ewma", "player_game_summary", "last 40 games of this and the previous season, half-life 5 games"},
        {"points_ewma_slow", "player_game_summary", "last 40 games of this and the previous season, half-life 15 games"},
        {"fga_ewma", "player_game_summary", "last 40 games of this and the previous season, half-life 5 games"},
        {"fta_ewma", "player_game_summary", "last 40 games of this and the previous season, half-life 5 games"},
        {"points_per_minute_ewma", "player_game_summary", "points_ewma / minutes_ewma"},
        {"prev_season_points_avg", "player_game_summary", "the previous season's games"},
        {"prev_season_minutes_avg", "player_game_summary", "the previous season's games"},
        {"prev_season_games", "player_game_summary", "the previous season's games (NULL when not in the store)"},
        {"minutes_std_last_10", "player_game_summary", "last 10 games (sample sd, needs 2)"},
        {"team_games_missed_last_10", "player_game_summary + team_offense_game_summary",
         "team's last 10 games this season the player has no box-score row in"},
        {"days_since_last_game", "player_game_summary", "days since the player's last game this season"},
        {"points_share_of_team_last_10", "player_game_summary + team_offense_game_summary",
         "last 10 games: player points / team points"},
        {"vegas_points_projection", "raw.game_lines + player_game_summary",
         "team implied total on D x points_share_of_team_last_10"},
        {"absent_teammates_points", "player_game_status + player_game_summary",
         "teammates out before tip-off on D (listed, not coach's decision; or missing from D's box after playing in the "
         "team's last 3): sum of their last-10 points"},
        {"absent_teammates_minutes", "player_game_status + player_game_summary",
         "as absent_teammates_points: sum of their last-10 minutes"},
        {"absent_teammates_fga", "player_game_status + player_game_summary",
         "as absent_teammates_points: sum of their last-10 field-goal attempts"},
        {"absent_teammates_points_change", "player_game_status + player_game_summary",
         "absent_teammates_points on D minus its mean over the team's previous 10 games"},
        {"absent_teammates_minutes_change", "player_game_status + player_game_summary",
         "absent_teammates_minutes on D minus its mean over the team's previous 10 games"},
    };
    return extra;
}

const std::vector<FeatureDef>& feature_set(std::string_view version) {
    static const std::vector<FeatureDef> v2 = [] {
        auto all = v1_features();
        for (const auto& f : v2_extra_features()) all.push_back(f);
        return all;
    }();
    static const std::vector<FeatureDef> v3 = [] {
        auto all = v2;
        for (const auto& f : v3_extra_features()) all.push_back(f);
        return all;
    }();
    if (version == "v1") return v1_features();
    if (version == "v2") return v2;
    if (version == "v3") return v3;
    throw std::invalid_argument("unknown feature version '" + std::string(version) + "' (known: " + feature_versions_text() +
                                ")");
}

}  // namespace courtside::features
