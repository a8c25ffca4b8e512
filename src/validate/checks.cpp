#include "validate/checks.hpp"

#include "core/game_id.hpp"
#include "pipeline/season_calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace courtside::validate {

namespace {

double nan() { return std::numeric_limits<double>::quiet_NaN(); }

std::string range_sql(const CheckContext&) { return "game_date BETWEEN $1 AND $2"; }

// $1 and $2 are the range's dates; thresholds from the config are $3, $4... (bound, never pasted).
store::PreparedStatement bound(const CheckContext& c, const std::string& sql, const std::vector<double>& numbers = {}) {
    auto st = c.con.prepare(sql);
    if (sql.find("$1") != std::string::npos) st.bind_date(1, c.from);
    if (sql.find("$2") != std::string::npos) st.bind_date(2, c.to);
    for (size_t i = 0; i < numbers.size(); ++i) st.bind(static_cast<int>(3 + i), numbers[i]);
    return st;
}

double scalar(const CheckContext& c, const std::string& sql) {
    return bound(c, sql).execute().scalar_double().value_or(nan());
}

std::vector<std::string> first_column(const CheckContext& c, const std::string& sql, const std::vector<double>& numbers = {}) {
    std::vector<std::string> out;
    for (const auto& r : bound(c, sql, numbers).execute().rows_as_text()) out.push_back(r[0].value_or("NULL"));
    return out;
}

std::string quoted(const CheckContext& c, const std::string& column) {
    if (c.spec.column_index(column) < 0)
        throw ConfigError(fmt::format("validation config names column '{}', which {} does not have", column,
                                             c.spec.qualified()));
    return "\"" + column + "\"";
}

std::string join_dates(const std::vector<std::string>& items, const char* noun = "dates", size_t max = 12) {
    std::string s;
    for (size_t i = 0; i < items.size() && i < max; ++i) s += (i ? ", " : "") + items[i];
    if (items.size() > max) s += fmt::format(", ... ({} {})", items.size(), noun);
    return s;
}

// Rows that count for quality and regression: preseason games (often captured in progress, never
// read by Phase 4) would make October windows look degraded.
std::string counted_rows(const CheckContext& c) {
    return c.spec.column_index("season_type") >= 0 ? " AND season_type <> 'preseason'" : "";
}

CheckResult result(const CheckContext& c, std::string check, bool ok, const std::string& severity = "error") {
    CheckResult r;
    r.table = c.spec.name;
    r.check = std::move(check);
    r.severity = severity;
    r.status = ok ? Status::Pass : (severity == "warn" ? Status::Warn : Status::Fail);
    return r;
}

bool has(const CheckContext& c, const char* col) { return c.spec.column_index(col) >= 0; }

}  // namespace

double relative_drop_pct(double baseline, double current) {
    if (baseline == 0) return 0;  // 0 vs 0 (or a rise from 0) is not a drop
    return 100.0 * (baseline - current) / std::fabs(baseline);
}

Status drop_status(double drop_pct, double degradation_pct, double regression_pct) {
    if (drop_pct > regression_pct) return Status::Fail;
    if (drop_pct > degradation_pct) return Status::Warn;
    return Status::Pass;
}

void check_volume(const CheckContext& c, const VolumeRule& r, std::vector<CheckResult>& out) {
    const std::string t = c.spec.qualified();
    if (r.both_team_rows) {
        // Every scheduled game (team log, not All-Star) and every game of this table has two team rows.
        std::string games = "SELECT game_id, game_date FROM raw.team_game_log WHERE " + range_sql(c) +
                            " AND substr(game_id, 3, 1) <> '3'";
        if (has(c, "game_id")) games += " UNION SELECT game_id, game_date FROM " + t + " WHERE " + range_sql(c);
        auto dates = first_column(c, "SELECT DISTINCT g.game_date::VARCHAR FROM (" + games +
                                         ") g WHERE (SELECT count(*) FROM analytics.team_offense_game_summary o "
                                         "WHERE o.game_id = g.game_id) <> 2 ORDER BY 1");
        // Box scores of the range's seasons whose game has no team-log row at all have no date:
        // name the games. Game ids are numbered in schedule order, so the median date of the
        // neighbouring numbers says roughly when each was played.
        auto undated = first_column(c, "WITH u AS (SELECT DISTINCT game_id FROM raw.boxscore_player b WHERE substr(game_id, 3, 1) <> '3' "
                                       "AND substr(game_id, 4, 2) IN (SELECT DISTINCT substr(game_id, 4, 2) FROM raw.team_game_log "
                                       "WHERE game_date BETWEEN $1 AND $2) "
                                       "AND NOT EXISTS (SELECT 1 FROM raw.team_game_log t WHERE t.game_id = b.game_id)) "
                                       "SELECT u.game_id || ' (numbered among games of about ' || coalesce((SELECT quantile_disc(d, 0.5)::VARCHAR FROM ("
                                       "(SELECT game_date AS d FROM raw.team_game_log t WHERE substr(t.game_id, 1, 5) = substr(u.game_id, 1, 5) "
                                       "AND t.game_id < u.game_id ORDER BY t.game_id DESC LIMIT 6) UNION ALL "
                                       "(SELECT game_date AS d FROM raw.team_game_log t WHERE substr(t.game_id, 1, 5) = substr(u.game_id, 1, 5) "
                                       "AND t.game_id > u.game_id ORDER BY t.game_id LIMIT 6))), '?') || ')' "
                                       "FROM u ORDER BY 1");
        // A game whose two team-log rows disagree on the date (ingest refuses that within one file;
        // leaguegamefinder splits a game's rows across files): Phase 3 would place it on the earlier.
        auto split = first_column(c, "SELECT game_id || ': ' || string_agg(game_date || ' (' || source_file || ' row ' || coalesce(source_row::VARCHAR, '?') || ')', "
                                     "', ' ORDER BY game_date, source_file) FROM raw.team_game_log WHERE game_id IN "
                                     "(SELECT game_id FROM raw.team_game_log WHERE " + range_sql(c) + ") "
                                     "GROUP BY game_id HAVING count(DISTINCT game_date) > 1 ORDER BY 1");
        auto res = result(c, "volume.both_team_rows", dates.empty() && undated.empty() && split.empty());
        res.value = static_cast<double>(dates.size() + undated.size() + split.size());
        res.threshold = 0;
        res.dates = dates;
        if (!split.empty()) {  // both dates of each such game
            for (const auto& d : first_column(c, "SELECT DISTINCT game_date::VARCHAR FROM raw.team_game_log WHERE game_id IN ("
                                                 "SELECT game_id FROM raw.team_game_log GROUP BY game_id HAVING count(DISTINCT game_date) > 1 "
                                                 "AND bool_or(" + range_sql(c) + ")) ORDER BY 1"))
                if (std::find(res.dates.begin(), res.dates.end(), d) == res.dates.end()) res.dates.push_back(d);
            std::sort(res.dates.begin(), res.dates.end());
        }
        res.detail = !dates.empty()  ? fmt::format("games without both team rows on {} date(s): {}", dates.size(), join_dates(dates))
                     : split.empty() ? "every scheduled game has both team rows, on one date"
                                     : "every scheduled game has both team rows";
        if (!split.empty())
            res.detail += fmt::format("; {} game(s) whose team-log rows give two dates (which one was played?): {}", split.size(),
                                      join_dates(split, "games"));
        if (!undated.empty())
            res.detail += fmt::format("; {} box-score game(s) have no team-log row at all (no date): {}", undated.size(),
                                      join_dates(undated, "games"));
        out.push_back(res);
    }
    if (r.every_game_has_players) {
        // A scheduled game (in the team logs, so it was played) with no player row here is missing
        // input: its date's partition is empty "with a recorded reason" (no box-score file), which
        // volume.rows accepts, but zero players for a played game is never a pass.
        auto rows = bound(c, fmt::format("SELECT g.game_date::VARCHAR, count(DISTINCT g.game_id) FROM raw.team_game_log g "
                                         "WHERE g.{} AND substr(g.game_id, 3, 1) <> '3' "
                                         "AND NOT EXISTS (SELECT 1 FROM {} p WHERE p.game_id = g.game_id) GROUP BY 1 ORDER BY 1",
                                         range_sql(c), t), {})
                        .execute()
                        .rows_as_text();
        std::vector<std::string> dates;
        double games = 0;
        for (const auto& row : rows) {
            dates.push_back(*row[0]);
            games += std::stod(*row[1]);
        }
        auto res = result(c, "volume.every_game_has_players", dates.empty());
        res.value = games;
        res.threshold = 0;
        res.dates = dates;
        res.detail = dates.empty() ? "every scheduled game has player rows"
                                   : fmt::format("{:.0f} scheduled game(s) on {} date(s) have no player rows (no box score or player log "
                                                 "was ingested for them): {}",
                                                 games, dates.size(), join_dates(dates));
        out.push_back(res);
    }
    if (r.min_players_per_team_game) {
        auto dates = first_column(c, fmt::format(
            "SELECT DISTINCT o.game_date::VARCHAR FROM analytics.team_offense_game_summary o WHERE o.{} AND o.has_box_score AND o.quality_tier <> 'bronze' "
            "AND (SELECT count(*) FROM {} p WHERE p.game_id = o.game_id AND p.team = o.team) < $3 ORDER BY 1",
            range_sql(c), t), {static_cast<double>(*r.min_players_per_team_game)});
        auto res = result(c, "volume.min_players_per_team_game", dates.empty());
        res.value = static_cast<double>(dates.size());
        res.threshold = *r.min_players_per_team_game;
        res.dates = dates;
        res.detail = dates.empty() ? fmt::format("every team-game with a box score has >= {} players", *r.min_players_per_team_game)
                                   : fmt::format("team-games with < {} players on: {}", *r.min_players_per_team_game, join_dates(dates));
        out.push_back(res);
    }
    if (r.players_per_game) {
        auto [lo, hi] = *r.players_per_game;
        auto rows = bound(c, fmt::format("SELECT game_date::VARCHAR, count(*)::DOUBLE / count(DISTINCT game_id) AS per_game "
                                         "FROM {} WHERE {} GROUP BY game_date HAVING per_game < $3 OR per_game > $4 ORDER BY 1",
                                         t, range_sql(c)), {lo, hi})
                        .execute()
                        .rows_as_text();
        std::vector<std::string> dates;
        std::string worst;
        for (const auto& row : rows) {
            dates.push_back(*row[0]);
            if (worst.size() < 200) worst += fmt::format("{} ({:.1f}) ", *row[0], std::stod(*row[1]));
        }
        auto res = result(c, "volume.players_per_game", dates.empty());
        res.value = static_cast<double>(dates.size());
        res.dates = dates;
        res.detail = dates.empty() ? fmt::format("players per game within [{}, {}] on every date", lo, hi)
                                   : fmt::format("players per game outside [{}, {}] on {} date(s): {}", lo, hi, dates.size(), worst);
        out.push_back(res);
    }
}

namespace {

// A feature has gone dark (a source that changed its spelling, an endpoint that moved): its coverage
// is near 0 over a season, or far below the same stretch of last season. A source's real gaps (no
// lines for a month) stay warnings of the coverage floor: a season-long dark needs kDarkMinDates.
constexpr double kDarkShare = 0.05;
constexpr int kDarkMinDates = 20;
constexpr double kBaselineWorthComparing = 0.5;  // last season's share must have been real

void check_collapse(const CheckContext& c, const std::string& column, double ratio, const std::string& source,
                    const std::string& where, std::vector<CheckResult>& out) {
    const std::string col = quoted(c, column), t = c.spec.qualified(), counted = counted_rows(c) + where;
    auto res = result(c, "coverage_collapse." + column, true);
    res.threshold = ratio;
    std::vector<std::string> parts;
    // 1. Near 0 over (the range's part of) a season long enough to tell.
    if (has(c, "season")) {
        auto seasons = bound(c, fmt::format("SELECT season, count(DISTINCT game_date), avg(({} IS NOT NULL)::INTEGER) FROM {} "
                                            "WHERE {}{} GROUP BY season ORDER BY season",
                                            col, t, range_sql(c), counted))
                           .execute()
                           .rows_as_text();
        for (const auto& row : seasons) {
            const int dates = std::stoi(*row[1]);
            const double share = std::stod(*row[2]);
            if (dates < kDarkMinDates || share >= kDarkShare) continue;
            const int season = std::stoi(*row[0]);
            // Does the source hold anything over the season's dates in range? None: a gap, said as a
            // warning. "schema.table.column": rows with a value in that column (December 2014's
            // game lines are rows whose every line is NA: a gap, not drift; audit).
            bool source_has_rows = true;
            if (!source.empty()) {
                const bool column = std::count(source.begin(), source.end(), '.') == 2;
                const std::string table = column ? source.substr(0, source.rfind('.')) : source;
                const std::string valued = column ? fmt::format(" AND \"{}\" IS NOT NULL", source.substr(source.rfind('.') + 1)) : "";
                source_has_rows = scalar(c, fmt::format("SELECT count(*) FROM {} WHERE {}{} AND game_date IN (SELECT game_date FROM {} "
                                                        "WHERE {} AND season = {})",
                                                        table, range_sql(c), valued, t, range_sql(c), season)) > 0;
            }
            if (source_has_rows) res.status = Status::Fail, res.severity = "error";
            else if (res.status == Status::Pass) res.status = Status::Warn, res.severity = "warn";
            res.dates.push_back(core::season_label(season));
            parts.push_back(fmt::format("{:.4f} non-NULL over {} dates of {} ({})", share, dates, core::season_label(season),
                                        source_has_rows ? fmt::format("gone dark: below {:.2f} while {} has rows", kDarkShare,
                                                                      source.empty() ? "the source" : source)
                                                        : fmt::format("{} has no {} for it: a gap in the data", source,
                                                                      std::count(source.begin(), source.end(), '.') == 2 ? "value" : "rows")));
        }
    }
    // 2. Far below the same stretch of last season.
    const auto& cal = c.calendar.get();
    auto base_from = cal.same_point_last_season(c.from), base_to = cal.same_point_last_season(c.to);
    auto share_over = [&](core::Date a, core::Date b) {
        auto st = c.con.prepare(fmt::format("SELECT avg(({} IS NOT NULL)::INTEGER) FROM {} WHERE game_date BETWEEN ? AND ?{}",
                                            col, t, counted));
        st.bind_date(1, a).bind_date(2, b);
        return st.execute().scalar_double();
    };
    auto current = share_over(c.from, c.to);
    res.value = current.value_or(std::numeric_limits<double>::quiet_NaN());
    if (current && base_from && base_to && *base_from <= *base_to) {
        if (auto base = share_over(*base_from, *base_to); base && *base >= kBaselineWorthComparing) {
            const bool dark = *current < ratio * *base;
            if (dark) res.status = Status::Fail, res.severity = "error";
            parts.push_back(fmt::format("{:.4f} non-NULL vs {:.4f} over the same stretch of last season ({}minimum {:.0f}% of it)",
                                        *current, *base, dark ? "gone dark: " : "", ratio * 100));
        }
    }
    if (!current) parts.push_back("no rows in range");
    for (const auto& p : parts) res.detail += (res.detail.empty() ? "" : "; ") + p;
    if (res.detail.empty()) res.detail = fmt::format("{:.4f} non-NULL; no earlier season to compare with", *current);
    out.push_back(res);
}

}  // namespace

void check_coverage(const CheckContext& c, const CoverageRule& r, std::vector<CheckResult>& out) {
    const std::string where = r.where.empty() ? "" : " AND (" + r.where + ")";
    // The filter and the collapse sources are checked on every run: a typo in a source was met
    // only the day a season went dark, as a database error (audit).
    if (!r.where.empty()) {
        try {
            c.con.prepare(fmt::format("SELECT 1 FROM {} WHERE {} LIMIT 0", c.spec.qualified(), r.where));
        } catch (const std::exception& e) {
            throw ConfigError(fmt::format("coverage.where '{}' is not a filter of {}: {}", r.where, c.spec.qualified(), e.what()));
        }
    }
    for (const auto& [col, source] : r.collapse_source) {
        const bool column = std::count(source.begin(), source.end(), '.') == 2;
        const std::string table = column ? source.substr(0, source.rfind('.')) : source;
        try {
            c.con.prepare(fmt::format("SELECT game_date{} FROM {} LIMIT 0",
                                      column ? fmt::format(", \"{}\"", source.substr(source.rfind('.') + 1)) : "", table));
        } catch (const std::exception& e) {
            throw ConfigError(fmt::format("coverage.collapse_source.{}: '{}' is not a table with a game_date (or "
                                                 "schema.table.column) of the store: {}",
                                                 col, source, e.what()));
        }
    }
    auto one = [&](const std::string& column, double min, const char* severity) {
        std::string col = quoted(c, column);
        double share = scalar(c, fmt::format("SELECT avg(({} IS NOT NULL)::INTEGER) FROM {} WHERE {}{}", col,
                                             c.spec.qualified(), range_sql(c), where));
        bool ok = std::isnan(share) || share + 1e-12 >= min;
        // A column may have both tiers (warn below 0.99, fail below 0.9): the warning gets its own name.
        const bool tiered = std::string_view(severity) == "warn" && r.critical.count(column);
        auto res = result(c, "coverage." + column + (tiered ? ":warning" : ""), ok, severity);
        res.value = share;
        res.threshold = min;
        if (!ok) {
            res.dates = first_column(c, fmt::format("SELECT game_date::VARCHAR FROM {} WHERE {}{} GROUP BY game_date "
                                                    "HAVING avg(({} IS NOT NULL)::INTEGER) < $3 ORDER BY 1",
                                                    c.spec.qualified(), range_sql(c), where, col), {min});
        }
        res.detail = std::isnan(share) ? "no rows in range"
                                       : fmt::format("{:.4f} non-NULL (minimum {:.4f}){}", share, min,
                                                     res.dates.empty() ? "" : "; below it on " + join_dates(res.dates));
        out.push_back(res);
    };
    // A share over a whole season hides a few broken dates: each date must clear its own floor.
    auto per_date = [&](const std::string& column, double min) {
        std::string col = quoted(c, column);
        auto low = bound(c, fmt::format("SELECT game_date::VARCHAR, avg(({} IS NOT NULL)::INTEGER) AS share FROM {} WHERE {}{} "
                                        "GROUP BY game_date HAVING share < $3 ORDER BY 1",
                                        col, c.spec.qualified(), range_sql(c), where), {min})
                       .execute()
                       .rows_as_text();
        auto res = result(c, "coverage_per_date." + column, low.empty());
        std::string worst;
        for (const auto& row : low) {
            res.dates.push_back(*row[0]);
            if (res.dates.size() <= 12) worst += fmt::format("{}{} ({:.3f})", worst.empty() ? "" : ", ", *row[0], std::stod(*row[1]));
        }
        res.value = static_cast<double>(low.size());
        res.threshold = min;
        res.detail = low.empty() ? fmt::format("every date has >= {:.4f} non-NULL", min)
                                 : fmt::format("{} date(s) below {:.4f} non-NULL: {}{}", low.size(), min, worst,
                                               low.size() > 12 ? ", ..." : "");
        out.push_back(res);
    };
    for (const auto& [col, min] : r.critical) one(col, min, "error");
    for (const auto& [col, min] : r.warning) one(col, min, "warn");
    for (const auto& [col, min] : r.per_date) per_date(col, min);
    for (const auto& [col, ratio] : r.collapse) {
        auto src = r.collapse_source.find(col);
        check_collapse(c, col, ratio, src == r.collapse_source.end() ? "" : src->second, where, out);
    }
}

void check_quality(const CheckContext& c, const QualityRule& r, std::vector<CheckResult>& out) {
    const char* severity = r.severity == Severity::Warn ? "warn" : "error";
    auto share = [&](const std::string& pred) {
        return scalar(c, fmt::format("SELECT avg(({})::INTEGER) FROM {} WHERE {}{}", pred, c.spec.qualified(), range_sql(c),
                                     counted_rows(c)));
    };
    auto one = [&](const char* name, const std::string& pred, double min) {
        double v = share(pred);
        auto res = result(c, std::string("quality.") + name, std::isnan(v) || v + 1e-12 >= min, severity);
        res.value = v;
        res.threshold = min;
        res.detail = std::isnan(v) ? "no rows in range" : fmt::format("{:.4f} (minimum {:.4f})", v, min);
        out.push_back(res);
    };
    if (r.min_gold_share) one("gold_share", "quality_tier = 'gold'", *r.min_gold_share);
    if (r.min_silver_or_better_share) one("silver_or_better_share", "quality_tier IN ('gold', 'silver')", *r.min_silver_or_better_share);
    if (r.min_production_ready_share) one("production_ready_share", "is_production_ready", *r.min_production_ready_share);
}

void check_critical_issues(const CheckContext& c, const CriticalIssuesRule& r, std::vector<CheckResult>& out) {
    if (c.spec.column_index("quality_issues") < 0)
        throw ConfigError(fmt::format("critical_issues: {} has no quality_issues column (the Phase 3 tables have)", c.spec.qualified()));
    for (const auto& code : r.codes) {
        auto st = c.con.prepare(fmt::format("SELECT count(*) FROM {} WHERE game_date BETWEEN $1 AND $2 AND "
                                            "list_contains(string_split(quality_issues, ','), $3)",
                                            c.spec.qualified()));
        st.bind_date(1, c.from).bind_date(2, c.to).bind(3, code);
        double n = st.execute().scalar_double().value_or(0);
        auto res = result(c, "critical_issues." + code, n <= static_cast<double>(r.max_rows));
        res.value = n;
        res.threshold = static_cast<double>(r.max_rows);
        res.detail = fmt::format("{} row(s) carry {} (maximum {})", n, code, r.max_rows);
        out.push_back(res);
    }
}

void check_identity(const CheckContext& c, const std::string& id, std::vector<CheckResult>& out) {
    const std::string t = c.spec.qualified(), in_range = range_sql(c);
    std::string sql, what;
    if (id == "points_formula") {
        sql = "SELECT count(*) FROM " + t + " WHERE " + in_range + " AND points <> 2 * fgm + fg3m + ftm";
        what = "rows where points <> 2*fgm + fg3m + ftm";
    } else if (id == "player_sums_match_team") {
        // Gold means the box score matches the team log exactly: every counting column sums up.
        // A "0:00" line that holds a stat (free throws, a foul) is not a game played but is in the
        // team totals: its raw line is added to its team's sums (player_game_status names its team).
        std::string sums, differs, cols = "points", raw_cols = "b.pts";
        for (const char* col : {"fgm", "fga", "fg3m", "fg3a", "ftm", "fta", "oreb", "dreb", "ast", "tov", "stl", "blk"}) {
            sums += fmt::format(", sum({0}) AS {0}", col);
            differs += fmt::format(" OR x.{0} <> o.{0}", col);
            cols += fmt::format(", {}", col);
            raw_cols += fmt::format(", coalesce(b.{}, 0)", col);
        }
        const std::string gold_games = "SELECT game_id FROM " + t + " WHERE " + in_range + " AND quality_tier = 'gold'";
        sql = "SELECT count(*) FROM (SELECT game_id, team, sum(points) AS points" + sums + " FROM (SELECT game_id, team, " + cols +
              " FROM " + t + " WHERE " + in_range + " AND quality_tier = 'gold' UNION ALL SELECT s.game_id, s.team, " + raw_cols +
              " FROM analytics.player_game_status s JOIN raw.boxscore_player b USING (game_id, player_id) WHERE s." + in_range +
              " AND s.status = 'ZERO_MINUTES' AND s.game_id IN (" + gold_games + ")) GROUP BY 1, 2) x "
              "JOIN analytics.team_offense_game_summary o USING (game_id, team) WHERE x.points <> o.points" + differs;
        what = "gold team-games whose player sums differ from the team totals in a counting column";
    } else if (id == "pbp_fga_matches_box") {
        sql = "SELECT count(*) FROM " + t + " WHERE " + in_range + " AND paint_fga IS NOT NULL AND "
              "abs(paint_fga + mid_fga + three_fga - fga) > 2 AND quality_issues NOT LIKE '%zone_fga_mismatch%'";
        what = "rows whose play-by-play FGA differ from the box score by > 2 without a quality issue";
    } else if (id == "rates_in_unit_interval") {
        std::string cond;
        for (const auto& col : c.spec.columns) {
            const std::string& n = col.name;
            // Usage averages are rates too (usage_avg_last_10, usage_last_3, usage_season), not the spike score.
            bool rate = n.ends_with("_pct") || n.ends_with("_rate") || n.ends_with("_share") || n.starts_with("pct_") ||
                        n.find("_rate_") != std::string::npos || n.find("_pct_") != std::string::npos ||
                        (n.starts_with("usage_") && !n.ends_with("_score"));
            // True shooting and effective FG% can exceed 1 by definition (and-ones, threes).
            if (!rate || n == "ts_pct" || n == "efg_pct" || n.starts_with("ts_pct") || n == "feature_quality_score") continue;
            if (col.type != store::ColumnType::Double) continue;
            std::string bad = fmt::format("\"{}\" < 0 OR \"{}\" > 1", n, n);
            if (n == "usage_rate") bad = "usage_rate < 0 OR (usage_rate > 1 AND quality_issues NOT LIKE '%usage_above_1%')";
            cond += (cond.empty() ? "" : " OR ") + ("(" + bad + ")");
        }
        if (cond.empty()) cond = "false";
        sql = "SELECT count(*) FROM " + t + " WHERE " + in_range + " AND (" + cond + ")";
        what = "rows with a rate outside [0, 1] (usage above 1 only when flagged)";
    } else if (id == "shooting_rates_defined") {
        sql = "SELECT count(*) FROM " + t + " WHERE " + in_range +
              " AND ((fga + fta > 0) <> (ts_pct IS NOT NULL) OR (fga > 0) <> (efg_pct IS NOT NULL))";
        what = "rows whose ts_pct / efg_pct is NULL with attempts, or set without any";
    } else if (id == "minutes_in_range") {
        sql = "SELECT count(*) FROM " + t + " p JOIN analytics.team_offense_game_summary o USING (game_id, team) WHERE p." +
              in_range + " AND (p.minutes < 0 OR p.minutes > 48 + 5 * o.overtime_periods + 0.02)";
        what = "rows with minutes outside [0, 48 + 5*OT]";
    } else if (id == "zone_rates_sum_to_one") {
        sql = "SELECT count(*) FROM " + t + " WHERE " + in_range +
              " AND pct_paint IS NOT NULL AND abs(pct_paint + pct_mid_range + pct_three - 1) > 1e-6";
        what = "rows whose zone shares do not sum to 1";
    } else {
        throw ConfigError("unknown identity " + id);
    }
    double n = scalar(c, sql);
    auto res = result(c, "identity." + id, n == 0);
    res.value = n;
    res.threshold = 0;
    res.detail = fmt::format("{} {}", n, what);
    out.push_back(res);
}

void check_duplicates(const CheckContext& c, std::vector<CheckResult>& out) {
    std::string key;
    for (const auto& k : c.spec.primary_key) key += (key.empty() ? "" : ", ") + ("\"" + k + "\"");
    double n = scalar(c, fmt::format("SELECT count(*) - count(DISTINCT ({})) FROM {} WHERE {}", key, c.spec.qualified(), range_sql(c)));
    auto res = result(c, "duplicates", n == 0);
    res.value = n;
    res.threshold = 0;
    res.detail = fmt::format("{} duplicate key(s) on ({})", n, key);
    out.push_back(res);
}

void check_rows(const CheckContext& c, std::vector<CheckResult>& out) {
    // A gate over zero rows is not a pass (SPEC §13): it passes only when every scheduled date of
    // the range has a partition that recorded why it is empty (an early-season table mid-season).
    const double rows = scalar(c, fmt::format("SELECT count(*) FROM {} WHERE {}", c.spec.qualified(), range_sql(c)));
    const double scheduled = scalar(c, "SELECT count(DISTINCT game_date) FROM raw.team_game_log WHERE " + range_sql(c));
    auto st = c.con.prepare(
        "SELECT count(DISTINCT g.game_date) FROM raw.team_game_log g JOIN ops.partition_ledger l ON l.processor = $3 "
        "AND l.partition_date = g.game_date WHERE g.game_date BETWEEN $1 AND $2 "
        "AND l.status IN ('complete_empty', 'skipped_bootstrap') AND coalesce(l.reason, '') <> ''");
    st.bind_date(1, c.from).bind_date(2, c.to).bind(3, c.processor);
    const double explained = static_cast<double>(st.execute().scalar_int().value_or(0));
    const bool ok = rows > 0 || (scheduled > 0 && explained == scheduled);
    auto res = result(c, "volume.rows", ok);
    res.value = rows;
    res.threshold = 1;
    res.detail = rows > 0          ? fmt::format("{:.0f} rows", rows)
                 : scheduled == 0  ? "0 rows: no games are scheduled in the range (nothing to validate)"
                 : ok              ? fmt::format("0 rows: each of the {:.0f} scheduled dates is empty with a recorded reason", scheduled)
                                   : fmt::format("0 rows over {:.0f} scheduled date(s), {:.0f} of them without a recorded reason",
                                                 scheduled, scheduled - explained);
    out.push_back(res);
}

void check_continuity(const CheckContext& c, std::vector<CheckResult>& out) {
    // A scheduled date must have a finished partition: rows, or a recorded reason for none.
    auto st = c.con.prepare(
        "SELECT DISTINCT g.game_date::VARCHAR || ' (' || coalesce(l.status, 'never run') || ')' FROM raw.team_game_log g "
        "LEFT JOIN ops.partition_ledger l ON l.processor = $3 AND l.partition_date = g.game_date "
        "WHERE g.game_date BETWEEN $1 AND $2 AND (l.status IS NULL OR l.status = 'failed') ORDER BY 1");
    st.bind_date(1, c.from).bind_date(2, c.to).bind(3, c.processor);
    std::vector<std::string> gaps;
    for (const auto& r : st.execute().rows_as_text()) gaps.push_back(*r[0]);
    auto res = result(c, "continuity", gaps.empty());
    res.value = static_cast<double>(gaps.size());
    res.threshold = 0;
    res.dates = gaps;
    res.detail = gaps.empty() ? "every scheduled date has a finished partition (rows or a recorded reason)"
                              : fmt::format("{} scheduled date(s) without a finished partition: {}", gaps.size(), join_dates(gaps));
    out.push_back(res);
}

void check_regression(const CheckContext& c, const RegressionRule& r, const std::string& run_id, std::vector<CheckResult>& out) {
    // Baseline window: the same stretch of the previous season (seasonal metrics such as feature
    // quality are low every October), or the baseline_days before the range.
    std::optional<core::Date> base_from, base_to;
    std::string base_label;
    if (r.baseline == Baseline::LastSeason) {
        const auto& cal = c.calendar.get();
        base_from = cal.same_point_last_season(c.from);
        base_to = cal.same_point_last_season(c.to);
        base_label = "the same stretch of last season";
    } else {
        base_from = c.from - r.baseline_days;
        base_to = c.from - 1;
        base_label = fmt::format("the {} days before", r.baseline_days);
    }
    auto ins = c.con.prepare("INSERT OR REPLACE INTO ops.validation_metrics VALUES (?, ?, ?, ?, ?, ?)");
    // The latest earlier run's value of a metric over exactly this range (run ids start with
    // their start time in hex, so they sort by time).
    auto last_run = c.con.prepare("SELECT value FROM ops.validation_metrics WHERE table_name = ? AND metric = ? AND from_date = ? "
                                  "AND to_date = ? AND run_id < ? ORDER BY run_id DESC LIMIT 1");
    for (const auto& m : r.metrics) {
        auto colon = m.find(':');
        std::string kind = m.substr(0, colon), col = quoted(c, m.substr(colon + 1));
        std::string expr = kind == "coverage" ? fmt::format("avg(({} IS NOT NULL)::INTEGER)", col) : fmt::format("avg({})", col);
        auto window = [&](core::Date a, core::Date b) {
            auto st = c.con.prepare(fmt::format("SELECT {} FROM {} WHERE game_date BETWEEN ? AND ?{}", expr, c.spec.qualified(),
                                                counted_rows(c)));
            st.bind_date(1, a).bind_date(2, b);
            return st.execute().scalar_double();
        };
        auto current = window(c.from, c.to);
        std::optional<double> baseline;
        if (base_from && base_to && *base_from <= *base_to) baseline = window(*base_from, *base_to);
        last_run.bind(1, c.spec.name).bind(2, m + "@current").bind_date(3, c.from).bind_date(4, c.to).bind(5, run_id);
        std::optional<double> previous = last_run.execute().scalar_double();
        if (current) ins.bind(1, run_id).bind(2, c.spec.name).bind(3, m + "@current").bind_date(4, c.from).bind_date(5, c.to).bind(6, *current).execute();
        if (baseline) ins.bind(1, run_id).bind(2, c.spec.name).bind(3, m + "@baseline").bind_date(4, *base_from).bind_date(5, *base_to).bind(6, *baseline).execute();

        CheckResult res = result(c, "regression." + m, true);
        if (!current) {
            res.detail = "no rows in range: nothing to compare";
            out.push_back(res);
            continue;
        }
        res.value = *current;
        // Compared with the baseline window, and with the last run over this very range (a
        // reprocessing that lost values shows here even when the data's own history cannot).
        std::vector<std::string> parts;
        auto compare = [&](double reference, const std::string& what) {
            double drop = relative_drop_pct(reference, *current);
            Status st = drop_status(drop, r.degradation_pct, r.regression_pct);
            if (st == Status::Fail || (st == Status::Warn && res.status == Status::Pass)) res.status = st;
            parts.push_back(fmt::format("{:.4f} vs {:.4f} {}: {} {:.1f}% ({}){}", *current, reference, what, drop >= 0 ? "drop" : "rise",
                                        std::fabs(drop), st == Status::Fail ? "regression" : st == Status::Warn ? "degradation" : "ok",
                                        reference == 0 && *current == 0 ? ", 0 vs 0" : ""));
        };
        if (baseline) {
            res.threshold = *baseline;
            compare(*baseline, "over " + base_label);
        } else {
            parts.push_back("no baseline rows over " + base_label);
        }
        if (previous) compare(*previous, "in the last run of this range");
        res.severity = res.status == Status::Warn ? "warn" : "error";
        for (const auto& p : parts) res.detail += (res.detail.empty() ? "" : "; ") + p;
        out.push_back(res);
    }
}

void check_leakage(const CheckContext& c, std::vector<CheckResult>& out) {
    // Recount each row's season games strictly before its date from player_game_summary; a
    // window that included the game on D (<= D) would count one more.
    const std::string t = c.spec.qualified();
    std::string count_col = has(c, "games_played_season") ? "games_played_season" : "";
    // Only the (player, season) windows the range's rows are joined to, up to its last date: a
    // window over earlier games is the same whatever else is left out, and a one-date gate no
    // longer counts every player's every season (~50 ms a table on eight seasons).
    const std::string in_range_players = "game_date <= $2 AND (player_id, season) IN (SELECT player_id, season FROM " + t +
                                         " WHERE " + range_sql(c) + ")";
    std::string sql;
    if (!count_col.empty()) {
        sql = "WITH g AS (SELECT player_id, season, game_date, count(*) OVER (PARTITION BY player_id, season ORDER BY game_date "
              "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prior FROM analytics.player_game_summary "
              "WHERE season_type <> 'preseason' AND quality_tier <> 'bronze' AND " + in_range_players + ") "
              "SELECT count(*) FROM " + t + " f JOIN g USING (player_id, season, game_date) WHERE f." + range_sql(c) +
              " AND f.games_played_season <> g.prior";
    } else if (has(c, "points_avg_season")) {
        sql = "WITH g AS (SELECT player_id, season, game_date, avg(points) OVER (PARTITION BY player_id, season ORDER BY game_date "
              "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prior FROM analytics.player_game_summary "
              "WHERE season_type <> 'preseason' AND quality_tier <> 'bronze' AND " + in_range_players + ") "
              "SELECT count(*) FROM " + t + " f JOIN g USING (player_id, season, game_date) WHERE f." + range_sql(c) +
              " AND abs(coalesce(f.points_avg_season, -1) - coalesce(g.prior, -1)) > 1e-9";
    } else {
        throw ConfigError(t + " has no column the leakage audit can recount");
    }
    double n = scalar(c, sql);
    auto res = result(c, "leakage_audit", n == 0);
    res.value = n;
    res.threshold = 0;
    res.detail = fmt::format("{} row(s) whose season window is not exactly the games before their date", n);
    out.push_back(res);
}

UnknownTeamLines lines_naming_unknown_teams(store::Connection& con, core::Date from, core::Date to) {
    // Both sources of game lines (the closing-line files and the Odds API's events) against the
    // teams that played (team logs) or are scheduled (raw.schedule) on the line's date.
    auto skipped = [&](const char* table) {
        return fmt::format("SELECT '{0}' AS tbl, game_date, away_name, home_name, away_team, home_team, source_file, source_row "
                           "FROM {0} WHERE game_date BETWEEN $1 AND $2 AND skip_reason IS NOT NULL "
                           "AND (away_team IS NULL) <> (home_team IS NULL)",
                           table);
    };
    auto q = con.prepare("WITH l AS (" + skipped("raw.game_lines") + " UNION ALL " + skipped("raw.odds_game_lines") + "), "
                         "nba AS (SELECT game_date, team FROM analytics.team_offense_game_summary WHERE season_type <> 'preseason' "
                         "UNION SELECT game_date, unnest([home_team, away_team]) FROM raw.schedule "
                         "WHERE skip_reason IS NULL AND season_type <> 'preseason' AND game_status <> 'postponed') "
                         "SELECT l.game_date, l.away_name, l.home_name, l.tbl, l.source_file, min(l.source_row), count(*) FROM l "
                         "WHERE EXISTS (SELECT 1 FROM nba WHERE nba.game_date = l.game_date AND nba.team IN (l.away_team, l.home_team)) "
                         "GROUP BY ALL ORDER BY 1, 2, 3, 4, 5");
    q.bind_date(1, from).bind_date(2, to);
    UnknownTeamLines out;
    for (const auto& r : q.execute().rows_as_text()) {
        out.rows += std::stoul(*r[6]);
        if (std::find(out.dates.begin(), out.dates.end(), *r[0]) == out.dates.end()) out.dates.push_back(*r[0]);
        out.games.push_back(fmt::format("{} '{}' @ '{}' ({}: {} row {})", *r[0], r[1].value_or(""), r[2].value_or(""), *r[3],
                                        r[4].value_or("?"), r[5].value_or("?")));
    }
    return out;
}

std::string UnknownTeamLines::text() const {
    return fmt::format("{} game-line row(s) were skipped as not an NBA game, but one side played or is scheduled for a "
                       "regular-season or playoff game that date: an unknown spelling of the other team? Their Vegas features "
                       "are missing: {}",
                       rows, join_dates(games, "games", 6));
}

void check_line_team_names(const CheckContext& c, std::vector<CheckResult>& out) {
    const UnknownTeamLines found = lines_naming_unknown_teams(c.con, c.from, c.to);
    auto res = result(c, "source.line_team_names", found.games.empty());
    res.dates = found.dates;
    res.value = static_cast<double>(found.rows);
    res.threshold = 0;
    res.detail = found.games.empty() ? "every game line skipped as not an NBA game is an exhibition or All-Star game" : found.text();
    out.push_back(res);
}

void check_spot_sample(const CheckContext& c, int sample, std::vector<CheckResult>& out) {
    // A random (seeded) sample of feature rows recomputed from player_game_summary from scratch.
    const std::string t = c.spec.qualified();
    double n = scalar(c, fmt::format(
        "WITH s AS (SELECT * FROM {} WHERE {} USING SAMPLE {} ROWS (reservoir, 17)), "
        "r AS (SELECT s.game_date, s.player_id, s.points_avg_last_5 AS stored, "
        "  (SELECT avg(points) FROM (SELECT points FROM analytics.player_game_summary p WHERE p.player_id = s.player_id "
        "   AND p.season = s.season AND p.game_date < s.game_date AND p.season_type <> 'preseason' AND p.quality_tier <> 'bronze' "
        "   ORDER BY p.game_date DESC LIMIT 5)) AS fresh FROM s) "
        "SELECT count(*) FROM r WHERE abs(coalesce(stored, -1) - coalesce(fresh, -1)) > 1e-9",
        t, range_sql(c), sample));
    auto res = result(c, "spot_check.recompute", n == 0);
    res.value = n;
    res.threshold = 0;
    res.detail = fmt::format("{} of {} sampled rows differ from a fresh recomputation of points_avg_last_5", n, sample);
    out.push_back(res);
}

}  // namespace courtside::validate
