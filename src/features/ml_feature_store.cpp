#include "features/ml_feature_store.hpp"

#include "features/buckets.hpp"
#include "features/feature_quality.hpp"
#include "features/feature_set.hpp"
#include "features/feature_table_spec.hpp"
#include "features/game_line_fingerprints.hpp"
#include "features/v3_features.hpp"
#include "precompute/rolling_window.hpp"
#include "precompute/values.hpp"

#include "core/hash.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace courtside::features {

using namespace precompute;
using pipeline::Value;

std::optional<pipeline::Processor::RawFingerprints> MlFeatureStore::raw_fingerprints(const pipeline::RunContext& ctx,
                                                                                      const std::vector<core::Date>& dates) const {
    if (derived()) return RawFingerprints{};
    return game_line_fingerprints(ctx.con, dates);
}

MlFeatureStore::MlFeatureStore(std::string version)
    : version_(std::move(version)),
      name_(version_ == "v1" ? "ml_feature_store" : "ml_feature_store_" + version_),
      spec_(feature_table_spec(name_, version_)),
      prefix_(version_, feature_set(version_).size(), quality_tier_sql) {
    if (derived()) prefix_.make_view(spec_, computed_name());
}

std::string MlFeatureStore::computed_name() { return "ml_feature_store_" + std::string(kComputedVersion); }
static std::string computed_table() { return "precompute." + MlFeatureStore::computed_name(); }

std::vector<pipeline::Upstream> MlFeatureStore::upstream() const {
    using pipeline::DateScope;
    if (derived()) return {{computed_table(), DateScope::ThisDate}};
    std::vector<pipeline::Upstream> u = {{"analytics.player_game_summary", DateScope::ThisDate},
                                         {"analytics.player_game_summary", DateScope::EarlierSameSeason},
                                         {"analytics.team_offense_game_summary", DateScope::EarlierSameSeason},
                                         {"analytics.team_defense_game_summary", DateScope::EarlierSameSeason},
                                         {"precompute.team_defense_zone_analysis", DateScope::ThisDate},
                                         {"precompute.player_shot_zone_analysis", DateScope::ThisDate},
                                         {"precompute.player_composite_factors", DateScope::ThisDate},
                                         {"precompute.player_daily_cache", DateScope::ThisDate},
                                         {"analytics.player_game_status", DateScope::EarlierSameSeason},
                                         {"analytics.player_game_status", DateScope::ThisDate},
                                         {"raw.game_lines", DateScope::ThisDate},
                                         // previous-season and cross-season windows
                                         {"analytics.player_game_summary", DateScope::PreviousSeason},
                                         {"analytics.team_offense_game_summary", DateScope::PreviousSeason},
                                         {"analytics.team_defense_game_summary", DateScope::PreviousSeason}};
    return u;
}

void MlFeatureStore::load_upstream(store::Connection& con, const std::vector<core::Date>& dates, precompute::Phase4Inputs& base) const {
    auto& in = static_cast<Inputs&>(base);
    if (derived()) {
        in.view_rows = prefix_.count_rows(con, in.phase4_table(computed_table()), dates);
        return;
    }
    in.cache.load(con, in.phase4_table("precompute.player_daily_cache"), "player_id",
                {"points_avg_last_5", "points_avg_last_10", "points_avg_season", "points_std_last_10",
                 "games_in_last_5", "games_in_last_10", "games_played_season", "games_in_last_7_days",
                 "team_pace_last_10", "team_off_rating_last_10", "team_games_in_last_10", "days_since_last_game"},
                {}, dates);
    in.composite.load(con, in.phase4_table("precompute.player_composite_factors"), "player_id",
                    {"fatigue_score", "shot_zone_mismatch_score", "pace_score", "usage_spike_score",
                     "CAST(back_to_back AS INTEGER)", "days_since_last_game"},
                    {}, dates);
    in.player_zones.load(con, in.phase4_table("precompute.player_shot_zone_analysis"), "player_id",
                       {"paint_rate_l10", "mid_rate_l10", "three_rate_l10", "zone_games_l10"}, {}, dates);
    in.team_zones.load(con, in.phase4_table("precompute.team_defense_zone_analysis"), "team",
                     {"defensive_rating", "pace_last_15", "games_in_sample", "zone_games_in_sample"}, {}, dates);
    in.lines.load(con, "raw.game_line_by_team", "team", {"implied_total", "spread"}, {}, dates);
    in.lines_fingerprints = game_line_fingerprints(con, dates);
}

pipeline::PartitionResult MlFeatureStore::compute(const pipeline::PartitionInputs& inputs, core::Date d) const {
    pipeline::PartitionResult r = Phase4Processor::compute(inputs, d);
    const auto& in = static_cast<const Inputs&>(inputs);
    // Gated (empty or bootstrap) partitions report the lines too: the runner compares every
    // partition's inputs with raw_fingerprints() to leave unchanged ones alone without loading.
    if (auto it = in.lines_fingerprints.find(d); it != in.lines_fingerprints.end())
        for (const auto& [k, v] : it->second) r.upstream_fingerprints[k] = v;
    return r;
}

void MlFeatureStore::compute_rows(const precompute::Phase4Inputs& base, core::Date d, int season, pipeline::PartitionResult& r) const {
    const auto& in = static_cast<const Inputs&>(base);
    if (derived()) {
        if (auto it = in.view_rows.find(d); it != in.view_rows.end()) r.view_rows = it->second;
        return;
    }
    const std::vector<const PlayerGame*> order = in.history().slate_by_game(d);
    if (order.empty()) return;
    const auto& rows = in.history().player_games;
    const auto& teams = in.history().team_games;
    const core::Date season_start = *in.calendar.season_start(season);

    // Per-team facts of D, shared by the team's players.
    auto team_prior = [&](uint16_t team) {
        auto it = in.history().by_team.find(team);
        return it == in.history().by_team.end() ? Range{} : prior_in_season(teams, it->second, d, season);
    };

    // v3: each team's pre-game absences, shared by its players.
    const std::map<uint16_t, TeamAbsences> absences = slate_absences(in.history(), order, d, season, in.absences);

    // One row's values and sources (~150 in v3), reused from player to player rather than grown
    // anew, with their reallocations, for every row.
    std::vector<double> v;
    std::vector<Source> src;
    for (const PlayerGame* slated : order) {
        const PlayerGame& today = *slated;
        v.clear();
        src.clear();
        const std::string pid = std::to_string(today.player_id);
        const std::string& team = in.history().teams[today.team];
        const std::string& opp = in.history().teams[today.opponent];
        Range prior = prior_in_season(rows, in.history().by_player.at(today.player_id), d, season);
        const auto* cache = in.cache.find(d, pid);
        const auto* comp = in.composite.find(d, pid);
        const auto* pz = in.player_zones.find(d, pid);
        const auto* oz = in.team_zones.find(d, opp);
        if (!cache || !comp)
            throw std::runtime_error(fmt::format("{}: no daily cache / composite row for player {} on {}", name_, pid,
                                                 core::format_date(d)));

        auto add = [&](double value, Source s) {
            v.push_back(known(value) ? value : kNaN);
            src.push_back(known(value) ? s : Source::Missing);
        };
        auto c = [&](const char* col) { return in.cache.num(cache, col); };
        auto k = [&](const char* col) { return in.composite.num(comp, col); };
        const size_t g5 = static_cast<size_t>(c("games_in_last_5")), g10 = static_cast<size_t>(c("games_in_last_10")),
                     gs = static_cast<size_t>(c("games_played_season"));
        const size_t tg10 = static_cast<size_t>(c("team_games_in_last_10"));
        const size_t zg10 = pz ? static_cast<size_t>(in.player_zones.num(pz, "zone_games_l10")) : 0;
        const size_t og = oz ? static_cast<size_t>(in.team_zones.num(oz, "games_in_sample")) : 0;

        add(c("points_avg_last_5"), window_source(c("points_avg_last_5"), g5, 5));
        add(c("points_avg_last_10"), window_source(c("points_avg_last_10"), g10, 10));
        add(c("points_avg_season"), window_source(c("points_avg_season"), gs, 10));
        add(c("points_std_last_10"), window_source(c("points_std_last_10"), g10, 10, 2));
        add(c("games_in_last_7_days"), Source::Full);
        add(k("fatigue_score"), known(k("days_since_last_game")) ? Source::Full : Source::Partial);
        add(k("shot_zone_mismatch_score"), zg10 >= 10 && og >= 15 ? Source::Full : Source::Partial);
        add(k("pace_score"), tg10 >= 10 ? Source::Full : Source::Partial);
        add(k("usage_spike_score"), gs >= 10 ? Source::Full : Source::Partial);

        // 9 rest_advantage: player's days of rest minus the opponent's, clamped to +-2.
        Range op = team_prior(today.opponent);
        double opp_rest = days_since_last(teams, op, d);
        double rest = k("days_since_last_game");
        add(known(rest) && known(opp_rest) ? std::clamp(rest - opp_rest, -2.0, 2.0) : kNaN, Source::Full);
        // 10 injury_risk: the player's team games missed through injury or illness in the 30
        // days before D, as a share of 5 (0 = none). Listed absences are known before tip-off.
        double injured = 0;
        if (auto ab = in.history().absences_of_player.find(today.player_id); ab != in.history().absences_of_player.end())
            for (size_t a : ab->second) {
                const auto& absent = in.history().absences[a];
                if (absent.date >= std::max(d - 30, season_start) && absent.date < d && absent.injury) injured += 1;
            }
        add(std::min(injured, 5.0) / 5.0, Source::Full);

        // 11 recent_trend: mean of the last 2 minus mean of the 3 before them; positive = rising.
        auto l5 = last_n_valid(rows, prior, 5);
        double trend = kNaN;
        if (l5.size() == 5)
            trend = bucket((l5[0]->points + l5[1]->points) / 2 - (l5[2]->points + l5[3]->points + l5[4]->points) / 3, 2, 5);
        add(trend, Source::Full);

        // 12 minutes_change: last 3 vs season minutes, bucketed at 10% / 20%.
        auto season_w = last_n_valid(rows, prior, kWholeSeason);
        std::vector<const PlayerGame*> l3(season_w.begin(), season_w.begin() + std::min<size_t>(3, season_w.size()));
        auto minutes = [](const PlayerGame& g) { return g.minutes; };
        double min_season = mean_of(season_w, minutes), min_l3 = mean_of(l3, minutes);
        double mchange = known(min_l3) && min_season > 0 ? bucket((min_l3 - min_season) / min_season, 0.10, 0.20) : kNaN;
        add(mchange, l3.size() == 3 && season_w.size() >= 10 ? Source::Full : Source::Partial);

        add(in.team_zones.num(oz, "defensive_rating"), window_source(in.team_zones.num(oz, "defensive_rating"), og, 15));
        add(in.team_zones.num(oz, "pace_last_15"), window_source(in.team_zones.num(oz, "pace_last_15"), og, 15));
        add(today.home ? 1.0 : 0.0, Source::Full);
        add(k("CAST(back_to_back AS INTEGER)"), Source::Full);
        add(today.playoff ? 1.0 : 0.0, Source::Full);
        for (const char* z : {"paint_rate_l10", "mid_rate_l10", "three_rate_l10"}) {
            double rate = in.player_zones.num(pz, z);
            add(rate, window_source(rate, zg10, 10));
        }
        // 21 pct_free_throw: share of points from free throws over the last 10.
        std::vector<const PlayerGame*> l10(season_w.begin(), season_w.begin() + std::min<size_t>(10, season_w.size()));
        double ft_share = ratio_of_sums(l10, [](const PlayerGame& g) { return g.ftm; }, [](const PlayerGame& g) { return g.points; });
        add(ft_share, window_source(ft_share, l10.size(), 10));
        add(c("team_pace_last_10"), window_source(c("team_pace_last_10"), tg10, 10));
        add(c("team_off_rating_last_10"), window_source(c("team_off_rating_last_10"), tg10, 10));
        // 24 team_win_pct: wins / games before D this season (every game counts: results are final).
        Range tp = team_prior(today.team);
        size_t tgames = tp.end - tp.begin, wins = 0;
        for (size_t t = tp.begin; t < tp.end; ++t) wins += teams[t].win ? 1 : 0;
        double win_pct = tgames ? static_cast<double>(wins) / static_cast<double>(tgames) : kNaN;
        add(win_pct, window_source(win_pct, tgames, 10));

        double implied_total = kNaN;
        {  // v2's extras
            const auto* line = in.lines.find(d, team);
            implied_total = in.lines.num(line, "implied_total");
            add(implied_total, Source::Full);
            add(in.lines.num(line, "spread"), Source::Full);
            add(min_l3, window_source(min_l3, l3.size(), 3));
            double min_l10 = mean_of(l10, minutes);
            add(min_l10, window_source(min_l10, l10.size(), 10));
            double starter_rate = mean_of(l10, [](const PlayerGame& g) { return g.starter; });
            add(starter_rate, window_source(starter_rate, l10.size(), 10));
            // Teammates listed out of D's game who averaged >= 20 minutes over their last 10. A
            // coach's decision is made during the game, so it is not known at tip-off: not counted.
            double out = 0;
            if (auto ab = in.history().absences_on.find(d); ab != in.history().absences_on.end()) {
                for (size_t a = ab->second.begin; a < ab->second.end; ++a) {
                    const auto& absent = in.history().absences[a];
                    if (absent.team != today.team || absent.decided_in_game) continue;
                    auto pr = in.history().by_player.find(absent.player_id);
                    if (pr == in.history().by_player.end()) continue;
                    auto w = last_n_valid(rows, prior_in_season(rows, pr->second, d, season), 10);
                    if (mean_of(w, minutes) >= 20) out += 1;
                }
            }
            // A partial-roster source lists no absences: unknown, not zero.
            add(today.partial ? kNaN : out, Source::Full);
            bool starter_role = known(starter_rate) && starter_rate >= 0.5;
            auto ow = last_n_valid(teams, op, 15);
            double allowed = mean_of(ow, [&](const TeamGame& t) { return starter_role ? t.opp_starter_points : t.opp_bench_points; });
            add(allowed, window_source(allowed, ow.size(), 15));
        }
        add_v3_features(in.history(), today, d, season, absences.at(today.team), implied_total, add);

        r.rows.push(feature_table_row({d, in.history().game_ids[today.game], today.player_id,
                                       in.history().name_of_player.at(today.player_id), season, team, opp, version_},
                                      v, src, quality_tier));
    }
}

}  // namespace courtside::features
