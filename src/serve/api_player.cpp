#include "features/early_season_store.hpp"
#include "features/feature_set.hpp"
#include "serve/api.hpp"
#include "serve/rows_json.hpp"

#include <fmt/format.h>

namespace courtside::serve {

namespace {
using nlohmann::json;

json bound_rows(store::Connection& con, const std::string& sql, int64_t player_id, int64_t limit) {
    auto q = con.prepare(sql);
    q.bind(1, player_id).bind(2, limit);
    return rows_json(q.execute());
}

// The player's latest row of the newest feature version that has one, from its regular or its
// early-season table (a season's first days are only in the latter: the API showed a player's
// 2021 row as his latest in November 2025; audit): values by name, with the row's quality.
json latest_features(const Snapshot& snap, store::Connection& con, int64_t player_id) {
    const auto& versions = features::feature_versions();
    for (auto v = versions.rbegin(); v != versions.rend(); ++v) {
        std::string cols, from;
        for (const auto& f : features::feature_set(*v)) cols += fmt::format(", \"{}\"", f.name);
        for (const std::string& table : {"precompute." + std::string(*v == "v1" ? "ml_feature_store" : "ml_feature_store_" + *v),
                                         features::early_feature_table(*v)}) {
            if (!snap.has_table(table)) continue;
            from += fmt::format("{}SELECT game_date, game_id, team, opponent, feature_quality_score, quality_tier, source_codes{}, "
                                "'{}' AS store FROM {} WHERE player_id = $1",
                                from.empty() ? "" : " UNION ALL ", cols, table.find("_early") == std::string::npos ? "regular" : "early season",
                                table);
        }
        if (from.empty()) continue;
        auto q = con.prepare(fmt::format("SELECT * FROM ({}) ORDER BY game_date DESC LIMIT 1", from));
        q.bind(1, player_id);
        auto rows = rows_json(q.execute());
        if (rows.empty()) continue;
        json row = rows[0];
        json values = json::object();
        for (const auto& f : features::feature_set(*v)) values[std::string(f.name)] = row[std::string(f.name)];
        return {{"version", *v},
                {"store", row["store"]},
                {"game_date", row["game_date"]},
                {"game_id", row["game_id"]},
                {"team", row["team"]},
                {"opponent", row["opponent"]},
                {"feature_quality_score", row["feature_quality_score"]},
                {"quality_tier", row["quality_tier"]},
                {"source_codes", row["source_codes"]},
                {"values", values}};
    }
    return nullptr;
}
}  // namespace

json api_player(const Snapshot& snap, const std::string& id, const Params& p) {
    const int64_t player_id = player_id_arg(id);
    allow_only(p, {"games"});
    const int64_t games = int_param(p, "games", 1, 500).value_or(20);
    auto con = snap.connection();
    json out = {{"player_id", player_id}, {"name", nullptr}, {"team", nullptr}};
    json recent = json::array();
    if (snap.has_table("analytics.player_game_summary"))
        recent = bound_rows(*con,
                            "SELECT game_date, game_id, season_type, team, opponent, is_home, starter, round(minutes, 2)::DOUBLE AS minutes, "
                            "points, fgm, fga, fg3m, fg3a, ftm, fta, reb, ast, stl, blk, tov, usage_rate, ts_pct, quality_tier, player_name "
                            "FROM analytics.player_game_summary WHERE player_id = ? ORDER BY game_date DESC, game_id DESC LIMIT ?",
                            player_id, games);
    json picks = json::array(), grades = json::array(), predictions = json::array();
    if (snap.has_table("models.picks"))
        picks = bound_rows(*con,
                           "SELECT game_date, game, team, opponent, market, line, predicted, p_over, edge, side, pass_reason, "
                           "best_over_odds, best_under_odds, injury_status, quality_tier, system, model, player_name "
                           "FROM models.picks WHERE player_id = ? ORDER BY game_date DESC, market, system LIMIT ?",
                           player_id, games);
    if (snap.has_table("models.grades"))
        grades = bound_rows(*con,
                            "SELECT game_date, game, market, system, model, status, line, actual, predicted, edge, p_over, "
                            "rec_by_edge, correct_by_edge, is_push, profit_by_edge, player AS player_name "
                            "FROM models.grades WHERE player_id = ? ORDER BY game_date DESC, market, system LIMIT ?",
                            player_id, games);
    if (snap.has_table("models.predictions"))
        predictions = bound_rows(*con,
                                 "SELECT game_date, game_id, system, model, coalesce(stat, 'points') AS stat, "
                                 "predicted_points AS predicted, feature_version, basis FROM models.predictions "
                                 "WHERE player_id = ? ORDER BY game_date DESC, system, model LIMIT ?",
                                 player_id, games * 4);
    // The name and team: the latest game, else the latest pick or grade, else the directory.
    for (const json* rows : {&recent, &picks, &grades}) {
        if (!rows->empty() && out["name"].is_null()) {
            out["name"] = (*rows)[0]["player_name"];
            if (rows->front().contains("team")) out["team"] = (*rows)[0]["team"];
        }
    }
    if (out["name"].is_null() && snap.has_table("raw.player_directory")) {
        auto q = con->prepare("SELECT display_first_last FROM raw.player_directory WHERE person_id = ?");
        q.bind(1, player_id);
        if (auto n = q.execute().scalar_string()) out["name"] = *n;
    }
    json features = latest_features(snap, *con, player_id);
    if (out["name"].is_null() && predictions.empty() && features.is_null())
        throw HttpError(404, fmt::format("no player {} in the store (no games, picks, grades, predictions or directory entry)", player_id));
    out["recent_games"] = recent;
    out["features"] = features;
    out["predictions"] = predictions;
    out["picks"] = picks;
    out["grades"] = grades;
    return out;
}

}  // namespace courtside::serve
