#include "features/early_season_store.hpp"

#include "features/early_season_features.hpp"
#include "features/feature_quality.hpp"
#include "features/feature_set.hpp"
#include "features/feature_table_spec.hpp"
#include "features/game_line_fingerprints.hpp"
#include "features/v3_features.hpp"
#include "precompute/values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace courtside::features {

using namespace precompute;
using pipeline::Value;
using T = store::ColumnType;

namespace {

store::TableSpec make_spec(const std::string& table, const std::string& version) {
    store::TableSpec t = feature_table_spec(table, version);  // quality_tier: at most silver here
    t.description = fmt::format("Early-season feature vector {} for the bootstrap days the feature store skips: stat windows "
                                "carried over from the previous season", version);
    t.columns.push_back({"carried_over", T::Boolean, true, "always true: the row comes from the early-season mode"});
    t.columns.push_back({"previous_season_games", T::Integer, true, "games of the previous season in the carried window", doc::kCount});
    t.columns.push_back({"previous_season_points_avg", T::Double, false, "mean points over those games", doc::kPoints});
    t.columns.push_back({"current_season_games", T::Integer, true, "games of this season before D in the window", doc::kCount});
    t.columns.push_back({"current_season_points_avg", T::Double, false, "mean points over those games", doc::kPoints});
    return t;
}

std::string table_name(std::string_view version) {
    return version == "v1" ? "ml_feature_store_early" : "ml_feature_store_early_" + std::string(version);
}

}  // namespace

std::string early_feature_table(std::string_view version) {
    feature_set(version);  // throws on an unknown version
    return "precompute." + table_name(version);
}

EarlySeasonFeatureStore::EarlySeasonFeatureStore(std::string version)
    : version_(std::move(version)),
      name_(table_name(version_)),
      spec_(make_spec(name_, version_)),
      prefix_(version_, feature_set(version_).size(), early_quality_tier_sql) {
    if (derived()) prefix_.make_view(spec_, table_name(kComputedVersion));
}

std::vector<pipeline::Upstream> EarlySeasonFeatureStore::upstream() const {
    using pipeline::DateScope;
    if (derived()) return {{early_feature_table(kComputedVersion), DateScope::ThisDate}};
    std::vector<pipeline::Upstream> u = {{"analytics.player_game_summary", DateScope::ThisDate},
                                         {"analytics.player_game_summary", DateScope::EarlierSameSeason},
                                         {"analytics.player_game_summary", DateScope::PreviousSeason},
                                         {"analytics.team_offense_game_summary", DateScope::EarlierSameSeason},
                                         {"analytics.team_offense_game_summary", DateScope::PreviousSeason},
                                         {"analytics.team_defense_game_summary", DateScope::EarlierSameSeason},
                                         {"analytics.team_defense_game_summary", DateScope::PreviousSeason},
                                         {"analytics.player_game_status", DateScope::EarlierSameSeason},
                                         {"analytics.player_game_status", DateScope::ThisDate},
                                         {"raw.game_lines", DateScope::ThisDate}};
    return u;
}

std::optional<pipeline::Processor::RawFingerprints> EarlySeasonFeatureStore::raw_fingerprints(
    const pipeline::RunContext& ctx, const std::vector<core::Date>& dates) const {
    RawFingerprints out;
    if (derived()) return out;
    // Only bootstrap partitions read the lines; the others report none.
    const auto cal = ctx.calendar();
    std::vector<core::Date> boot;
    for (core::Date d : dates)
        if (is_bootstrap_date(cal, d, ctx.settings.bootstrap_days)) boot.push_back(d);
    return game_line_fingerprints(ctx.con, boot);
}

std::unique_ptr<const pipeline::PartitionInputs> EarlySeasonFeatureStore::load_pregame(
    const pipeline::RunContext& ctx, const std::vector<core::Date>& dates, std::shared_ptr<const precompute::PregameSlate> pregame) const {
    auto in = new_inputs();
    in->calendar = ctx.calendar();
    // As Phase4Processor::load_pregame: D (not yet played) is a scheduled date of its season, and
    // its slate is the pre-game one. Without these the early rows of a pre-game D came from D's box
    // scores when they existed (a past date) and were empty otherwise (opening night, live).
    if (pregame) in->calendar.add_scheduled_date(pregame->date, pregame->season, pregame->counted);
    in->bootstrap_days = ctx.settings.bootstrap_days;
    if (derived()) {
        in->pregame = std::move(pregame);  // pre-game mode reads the pregame.* copy of the computed version
        load_upstream(ctx.con, dates, *in);
        return in;
    }
    // The same dates as the other Phase 4 processors of the run, so the shared history is reused.
    if (std::any_of(dates.begin(), dates.end(), [&](core::Date d) { return is_bootstrap_date(in->calendar, d, in->bootstrap_days); }))
        in->shared_history = pregame ? pregame->history : History::load_shared(ctx, dates);
    in->pregame = std::move(pregame);
    precompute::load_phase3_empty_reasons(ctx.con, dates, *in);
    load_upstream(ctx.con, dates, *in);
    return in;
}

void EarlySeasonFeatureStore::load_upstream(store::Connection& con, const std::vector<core::Date>& dates,
                                            precompute::Phase4Inputs& base) const {
    auto& in = static_cast<Inputs&>(base);
    std::vector<core::Date> boot;
    for (core::Date d : dates)
        if (is_bootstrap_date(in.calendar, d, in.bootstrap_days)) boot.push_back(d);
    if (derived()) {
        in.view_rows = prefix_.count_rows(con, in.phase4_table(early_feature_table(kComputedVersion)), boot);
        return;
    }
    in.lines.load(con, "raw.game_line_by_team", "team", {"implied_total", "spread"}, {}, boot);
    in.lines_fingerprints = game_line_fingerprints(con, boot);
}

pipeline::PartitionResult EarlySeasonFeatureStore::compute(const pipeline::PartitionInputs& inputs, core::Date d) const {
    const auto& in = static_cast<const Inputs&>(inputs);
    pipeline::PartitionResult r{pipeline::Rows(&output()), {}, {}, {}};
    auto gate = phase4_gate(in.calendar, d, in.bootstrap_days);
    if (!gate) {
        r.empty_reason = fmt::format("not a bootstrap date: {} is after season {}'s first {} days, the feature store covers it",
                                     core::format_date(d), *in.calendar.season_of(d), in.bootstrap_days);
        return r;
    }
    if (!gate->skip) {
        r.empty_reason = gate->reason;
        return r;
    }
    compute_rows(in, d, *in.calendar.season_of(d), r);
    if (r.row_count() == 0) r.empty_reason = precompute::no_player_games_reason(in, d);
    return r;
}

void EarlySeasonFeatureStore::compute_rows(const precompute::Phase4Inputs& base, core::Date d, int season,
                                           pipeline::PartitionResult& r) const {
    const auto& loaded = static_cast<const Inputs&>(base);
    if (derived()) {
        if (auto it = loaded.view_rows.find(d); it != loaded.view_rows.end()) r.view_rows = it->second;
        return;
    }
    if (auto it = loaded.lines_fingerprints.find(d); it != loaded.lines_fingerprints.end())
            for (const auto& [k, v] : it->second) r.upstream_fingerprints[k] = v;
    const std::vector<const PlayerGame*> order = loaded.history().slate_by_game(d);
    if (order.empty()) return;
    const auto& defs = feature_set(version_);


    // v3: each team's pre-game absences, shared by its players (as the v3 feature store does).
    const std::map<uint16_t, TeamAbsences> absences = slate_absences(loaded.history(), order, d, season, loaded.absences);

    EarlyInputs in;
    in.history = &loaded.history();
    in.d = d;
    in.season = season;
    in.season_start = *loaded.calendar.season_start(season);
    for (const PlayerGame* slated : order) {
        const PlayerGame& today = *slated;
        const std::string& team = loaded.history().teams[today.team];
        in.today = &today;
        const auto* line = loaded.lines.find(d, team);
        in.vegas_implied_total = loaded.lines.num(line, "implied_total");
        in.vegas_spread = loaded.lines.num(line, "spread");
        // v3's own values of its extras for D: the ones early_season_features() does not carry.
        std::map<std::string_view, std::pair<double, Source>> own;
        size_t k = 0;
        const auto& extra = v3_extra_features();
        add_v3_features(loaded.history(), today, d, season, absences.at(today.team), in.vegas_implied_total,
                        [&](double value, Source src) { own[extra.at(k++).name] = {value, src}; });
        in.own_values = &own;
        EarlyRow e = early_season_features(defs, in);

        auto row = feature_table_row({d, loaded.history().game_ids[today.game], today.player_id,
                                      loaded.history().name_of_player.at(today.player_id), season, team,
                                      loaded.history().teams[today.opponent], version_},
                                     e.values, e.sources, early_quality_tier, 5);
        row.push_back(true);
        row.push_back(count(e.previous_season_games));
        row.push_back(num(e.previous_season_points_avg));
        row.push_back(count(e.current_season_games));
        row.push_back(num(e.current_season_points_avg));
        r.rows.push(std::move(row));
    }
}

}  // namespace courtside::features
