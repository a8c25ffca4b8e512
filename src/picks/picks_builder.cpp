#include "picks/picks_builder.hpp"
#include "store/schema.hpp"

#include "core/version.hpp"
#include "pipeline/run_context.hpp"
#include "pregame/pregame_rows.hpp"
#include "features/feature_quality.hpp"
#include "grading/grader.hpp"
#include "models/early_season_predict.hpp"
#include "models/market.hpp"
#include "models/model_tables.hpp"
#include "models/market_predictions.hpp"
#include "models/feature_rows.hpp"
#include "models/picks_table.hpp"
#include "models/predictions_writer.hpp"
#include "models/training_set.hpp"
#include "models/predictor_spec.hpp"
#include "props/betting.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace courtside::picks {

namespace {

struct Line {
    std::string game_id, player_name;
    int64_t player_id = 0;
    double line = 0;
    int64_t books = 0;
    std::optional<int64_t> over_odds, under_odds, tipoff_us;
    std::string over_book, under_book;
    // Pre-game context (empty when the player is not in it).
    std::string team, opponent, game, injury_status, injury_reason;
    std::optional<bool> home;
    std::optional<int64_t> report_us;
};

// What a side is taken on: the market's prediction of the line (the model blended with the line
// when the market blends) and its calibrated P(over), as `grade` prices it.
struct PricedLine {
    double line = 0, value = 0;
    models::LineProbabilities prob;
};

struct Prediction {
    double value = std::nan("");  // the model's own
    std::string tier;
    std::string basis;               // an early-season row's (carried_over, ...); empty for a regular row
    std::vector<PricedLine> priced;  // per consensus line of the player on the date
    std::string priced_by;           // set when `grade` would grade another model's prediction of the date
    const PricedLine* price_of(double line) const {
        for (const auto& p : priced)
            if (p.line == line) return &p;
        return nullptr;
    }
};

std::string opt_text(const store::Chunk& c, size_t col, size_t r) {
    return c.is_null(col, r) ? std::string() : std::string(c.get_string(col, r));
}

std::vector<Line> lines_of(store::Connection& con, core::Date d, const std::string& prop_market) {
    std::vector<Line> out;
    // An American price's implied probability (vig included).
    const auto implied = [](const char* odds) {
        return fmt::format("(CASE WHEN {0} < 0 THEN -{0} / (100.0 - {0}) ELSE 100.0 / ({0} + 100.0) END)", odds);
    };
    auto q = con.prepare(fmt::format(R"(
WITH quotes AS (
  -- A book's price counts when its implied probability is within 0.10 of the consensus price's:
  -- one book at +200 on an UNDER the market prices at -130 is a stale or misquoted price, and
  -- taking it as the best price claimed EV 0.56 on it (audit). A price between -100 and +100 is no
  -- American price at all.
  SELECT l.player_id, b.bookmaker,
         CASE WHEN abs(b.over_odds) >= 100 AND (l.over_odds IS NULL OR abs({0} - {1}) <= 0.10) THEN b.over_odds END AS over_odds,
         CASE WHEN abs(b.under_odds) >= 100 AND (l.under_odds IS NULL OR abs({2} - {3}) <= 0.10) THEN b.under_odds END AS under_odds
  FROM props.consensus_lines l JOIN props.book_lines b USING (game_date, game, player_id, market)
  WHERE l.game_date = ? AND l.market = ? AND b.line = l.line),
best AS (
  SELECT player_id,
         arg_max(over_odds, (over_odds, -hash(bookmaker))) FILTER (WHERE over_odds IS NOT NULL) AS over_odds,
         arg_max(bookmaker, (over_odds, -hash(bookmaker))) FILTER (WHERE over_odds IS NOT NULL) AS over_book,
         arg_max(under_odds, (under_odds, -hash(bookmaker))) FILTER (WHERE under_odds IS NOT NULL) AS under_odds,
         arg_max(bookmaker, (under_odds, -hash(bookmaker))) FILTER (WHERE under_odds IS NOT NULL) AS under_book
  FROM quotes GROUP BY player_id)
SELECT l.game_id, l.player_id, l.player, l.line, l.books, best.over_odds, best.over_book, best.under_odds, best.under_book,
       epoch_us(coalesce(t.tipoff_utc, l.tipoff_at)), c.team, c.opponent, c.is_home, c.injury_status, c.injury_reason,
       coalesce(c.player_name, l.player), epoch_us(t.injury_report_at), coalesce(c.game_id, l.game_id),
       CASE WHEN c.is_home THEN c.opponent || ' @ ' || c.team WHEN NOT c.is_home THEN c.team || ' @ ' || c.opponent
            ELSE l.away_team || ' @ ' || l.home_team END
FROM props.consensus_lines l LEFT JOIN best USING (player_id)
LEFT JOIN pregame.upcoming_player_game_context c ON c.game_date = l.game_date AND c.player_id = l.player_id
LEFT JOIN pregame.upcoming_team_game_context t ON t.game_date = c.game_date AND t.game_id = c.game_id AND t.team = c.team
WHERE l.game_date = ? AND l.market = ?
QUALIFY row_number() OVER (PARTITION BY l.player_id ORDER BY l.books DESC, l.game) = 1
ORDER BY 19, l.player_id)", implied("b.over_odds"), implied("l.over_odds"), implied("b.under_odds"), implied("l.under_odds")));
    q.bind_date(1, d).bind(2, prop_market).bind_date(3, d).bind(4, prop_market);
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            Line l;
            l.player_id = c.get_int(1, r);
            l.line = c.get_double(3, r);
            l.books = c.get_int(4, r);
            l.over_odds = c.opt_int(5, r);
            l.over_book = opt_text(c, 6, r);
            l.under_odds = c.opt_int(7, r);
            l.under_book = opt_text(c, 8, r);
            l.tipoff_us = c.opt_int(9, r);
            l.team = opt_text(c, 10, r);
            l.opponent = opt_text(c, 11, r);
            if (!c.is_null(12, r)) l.home = c.get_bool(12, r);
            l.injury_status = opt_text(c, 13, r);
            l.injury_reason = opt_text(c, 14, r);
            l.player_name = opt_text(c, 15, r);
            l.report_us = c.opt_int(16, r);
            l.game_id = opt_text(c, 17, r);
            l.game = opt_text(c, 18, r);
            out.push_back(std::move(l));
        }
    });
    return out;
}

// "2025-11-02 17:30 ET" for an injury report instant.
std::string eastern_time(int64_t utc_us) {
    const core::Date day = core::eastern_date_of_utc_micros(utc_us);
    const int64_t seconds = (utc_us - core::eastern_midnight_utc_micros(day)) / 1'000'000;
    return fmt::format("{} {:02}:{:02} ET", core::format_date(day), seconds / 3600, seconds / 60 % 60);
}

// The date's lines priced by the grader on the predictions just written: blended with the line
// (fitted on the lines graded before the date) when the market blends, P(over) from the model's
// spread, recalibrated on the lines graded before the date. What `grade` grades is what was bet.
void price(store::Connection& con, const PicksOptions& o, const models::Market& m, PicksSummary& sum,
           std::unordered_map<int64_t, Prediction>& predicted) {
    grading::GradeOptions g;
    g.predictor = models::for_market(o.market, o.system);
    g.from = g.to = o.date;
    // Every model's predictions, as `grade` and daily's grading of D-1 read them: per line the
    // latest-trained usable model, so the blend is fitted on the same history they fit it on.
    if (o.pricing != "market" && o.pricing != "model") throw std::invalid_argument("pricing must be market or model, not " + o.pricing);
    g.blend_with_line = o.pricing == "market" && m.blend_with_line;
    g.blend = m.blend;
    g.price_unplayed = true;
    const grading::GradeRun run = grading::grade_lines(con, g);
    for (const auto& l : run.lines) {
        if (!grading::GradeRun::priced(l)) continue;
        auto it = predicted.find(l.player_id);
        if (it == predicted.end()) continue;
        if (l.date == o.date && l.model != sum.model) {
            it->second.priced_by = l.model;  // another model's prediction of D would be graded
            continue;
        }
        it->second.priced.push_back({l.line, l.predicted, l.prob});
    }
    if (g.blend_with_line) {
        for (const auto& f : run.blend_fits)
            if (f.date == o.date) sum.blend = f;
        if (!sum.blend) sum.blend = models::BlendFit{o.date, 0, g.blend.prior_weight, g.blend.prior_shift};
    }
}

}  // namespace

std::string pricing_text(const PicksSummary& s) {
    // "The model's own" only when asked: with nothing predicted, the market's blend had nothing to price (audit).
    if (!s.blend) return s.blends ? "to be priced on the line blended with the model: no line had a prediction to price"
                                  : "priced on the model's own prediction";
    // The weight used is the fit shrunk toward the prior; both are given, as the pass reasons quote the fit (audit).
    return fmt::format("priced on the line blended with the model: anchor {:+.2f} + {:.2f} x (model - anchor), the anchor {}, fitted "
                       "on {} earlier graded lines{}",
                       s.blend->c, s.blend->w, s.anchor, s.blend->lines,
                       s.blend->lines == 0           ? " (none yet: the prediction is the anchor)"
                       : std::isfinite(s.blend->w_fit) ? fmt::format(" (weight fitted {:.3f} +/- {:.3f}, shrunk toward the prior)", s.blend->w_fit,
                                                                     s.blend->w_se)
                                                       : "");
}

StoredPicks stored_picks(store::Connection& con, const PicksOptions& o) {
    if (!store::table_exists(con, "models.picks")) return {false, false};  // none yet (and nothing created to say so)
    // Reading only: a store this user cannot write is read as it is. Only the settings columns
    // (pricing, edge_threshold, min_ev) are needed here; a store older than them gains them.
    if (!store::existing_columns(con, models::picks_spec()).count("min_ev")) models::ensure_picks_table(con);
    const double edge_threshold = o.edge >= 0 ? o.edge : models::market(o.market).default_edge;
    auto q = con.prepare(
        "SELECT count(*), count(*) FILTER (WHERE pricing = ? AND abs(edge_threshold - ?) < 1e-9 AND abs(min_ev - ?) < 1e-9 "
        "AND (? = '' OR model = ?)) FROM models.picks WHERE game_date = ? AND market = ? AND system = ?");
    q.bind(1, o.pricing).bind(2, edge_threshold).bind(3, o.min_ev).bind(4, o.model).bind(5, o.model);
    q.bind_date(6, o.date).bind(7, o.market).bind(8, o.system);
    int64_t rows = 0, matching = 0;
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        rows = c.get_int(0, 0);
        matching = c.get_int(1, 0);
    });
    return {rows > 0, rows > 0 && rows == matching};
}

std::string stored_settings_text(store::Connection& con, const PicksOptions& o) {
    auto q = con.prepare("SELECT any_value(pricing), any_value(edge_threshold)::VARCHAR, any_value(min_ev)::VARCHAR "
                         "FROM models.picks WHERE game_date = ? AND market = ? AND system = ?");
    q.bind_date(1, o.date).bind(2, o.market).bind(3, o.system);
    auto rows = q.execute().rows_as_text();
    if (rows.empty() || !rows[0][0])
        return "stored picks, written before their pricing was recorded";
    return fmt::format("stored picks, priced on {}, edge >= {}, EV > {}",
                       *rows[0][0] == "market" ? "the market (the model blended with the line)" : "the model's own prediction",
                       rows[0][1].value_or("?"), rows[0][2].value_or("?"));
}

std::optional<std::string> stored_picks_outdated(store::Connection& con, const PicksOptions& o) {
    auto q = con.prepare("SELECT max(epoch_us(created_at)) FROM models.picks WHERE game_date = ? AND market = ? AND system = ?");
    q.bind_date(1, o.date).bind(2, o.market).bind(3, o.system);
    const auto written = q.execute().scalar_int();
    if (!written) return std::nullopt;
    const auto changes = pregame::inputs_changed_since(con, o.date, *written);
    if (!changes.any()) return std::nullopt;
    return fmt::format("{} since these picks were written ({})", changes.text(), core::format_utc_micros(*written));
}

PicksSummary build_picks(store::Connection& con, const PicksOptions& o) {
    PicksSummary sum;
    const models::Market& m = models::market(o.market);
    const double edge_threshold = o.edge >= 0 ? o.edge : m.default_edge;
    const std::string day = core::format_date(o.date);
    sum.blends = o.pricing == "market" && m.blend_with_line;
    sum.anchor = models::anchor_name(m.blend);
    models::ensure_picks_table(con);
    models::ensure_model_tables(con);  // models.predictions is read before it is first written
    // Pre-game rows whose inputs changed since they were built (the injury report, last night's box
    // scores) are built again: they stayed until --rebuild (audit). A preview leaves the day as it
    // is: it builds rows only when there are none, and says when they are outdated (review).
    const auto state = o.refresh_pregame ? pregame::PregameState{true, "--rebuild"} : pregame::pregame_state(con, o.date);
    if (state.outdated && (!o.preview || !state.built)) {
        pregame::build_pregame_rows(pipeline::RunContext(con, o.settings), o.date);
        sum.pregame_built = true;
        if (state.inputs_changed) sum.pregame_why = *state.outdated;
    } else if (state.outdated) {
        sum.pregame_outdated = *state.outdated;
    }
    std::vector<Line> lines = lines_of(con, o.date, m.prop_market);

    // Predictions from the pre-game feature rows, priced as `grade` prices the market's lines.
    std::unordered_map<int64_t, Prediction> predicted;
    std::string price_error;
    // No line, nothing to price: the system is not loaded (nor its spread fitted) for nothing.
    if (!lines.empty()) {
        try {
            models::SystemPtr system = models::load_market_system(con, m, o.system, o.model, o.date);
            sum.model = system->model();
            const std::string table = pregame::pregame_table(models::feature_table(system->feature_version()));
            models::FeatureRows rows = models::load_feature_rows_from(con, table, system->feature_version(), o.date, o.date);
            // A season's bootstrap days have no feature-store rows: with the early-season mode on
            // (models.early_season), the pre-game early rows, as `predict` and `grade` take them (audit:
            // opening night was all PASS, "no pre-game feature row").
            std::unique_ptr<models::PredictionSystem> early_view;
            std::map<std::pair<store::DateDays, int64_t>, std::string> early_basis;
            const std::string early_table = pregame::pregame_table(models::early_feature_table(system->feature_version()));
            if (rows.size() == 0 && o.settings.early_season && store::table_exists(con, early_table)) {
                rows = models::load_early_feature_rows_from(con, early_table, system->feature_version(), o.date, o.date);
                early_view = models::carried_over_view(*system);
                early_basis = models::early_row_basis(con, early_table, o.date, o.date);
            }
            std::vector<double> values = system->predict(rows);
            for (size_t i = 0; i < rows.size(); ++i) {
                predicted[rows.player_ids[i]] = {values[i], rows.quality_tiers[i], {}, {}, {}};
                if (early_view) predicted[rows.player_ids[i]].basis = early_basis[{rows.dates[i], rows.player_ids[i]}];
            }
            // This model's predictions of D already stored by `predict` or `grade` (from the feature
            // store, after the games) are what D's grades rest on: kept, and the picks priced on them.
            auto kept = con.prepare("SELECT player_id, predicted_points FROM models.predictions WHERE game_date = ? AND system = ? "
                                    "AND model = ? AND basis IS DISTINCT FROM 'pregame'");
            kept.bind_date(1, o.date).bind(2, system->name()).bind(3, system->model());
            std::unordered_map<int64_t, double> stored;
            for (const auto& r : kept.execute().rows_as_text()) stored[std::stoll(*r[0])] = std::stod(*r[1]);
            if (!stored.empty()) {
                sum.stored_predictions = true;
                for (auto it = predicted.begin(); it != predicted.end();) {
                    auto s = stored.find(it->first);
                    if (s == stored.end()) it = predicted.erase(it);  // grade has no prediction of it either
                    else it++->second.value = s->second;
                }
            } else {
                // Otherwise as the date's predictions (models.predictions), made before tip-off:
                // `daily` grades them the day after like any other system's.
                const std::vector<std::string> basis(rows.size(), "pregame");
                models::write_predictions(con, early_view ? *early_view : *system, rows, values, o.date, o.date, m.stat, &basis);
            }
        } catch (const std::exception& e) {
            sum.no_model = e.what();
            sum.model.clear();
        }
    }
    if (sum.no_model.empty() && !predicted.empty()) {
        try {
            price(con, o, m, sum, predicted);
        } catch (const std::exception& e) {
            price_error = e.what();
        }
    }

    const std::string version = core::code_version();
    const int64_t now = core::now_micros();
    const store::TableSpec& target = o.preview ? models::picks_preview_spec() : models::picks_spec();
    if (o.preview) models::ensure_picks_preview_table(con);
    store::Transaction tx(con);
    auto del = con.prepare("DELETE FROM " + target.qualified() + " WHERE game_date = ? AND market = ? AND system = ?");
    del.bind_date(1, o.date).bind(2, o.market).bind(3, o.system).execute();
    store::Appender a(con, target.schema, target.name);
    for (const Line& l : lines) {
        auto pred = predicted.find(l.player_id);
        const bool has_pred = pred != predicted.end() && !std::isnan(pred->second.value);
        const PricedLine* priced = has_pred ? pred->second.price_of(l.line) : nullptr;
        std::optional<double> p_over, p_under, ev_over, ev_under, edge;
        std::string side = "PASS", reason, reason_kind;
        if (priced) {
            edge = priced->value - l.line;
            p_over = priced->prob.over;
            p_under = priced->prob.under;
            if (l.over_odds && l.under_odds) {
                auto ev = props::expected_value(priced->prob.over, priced->prob.under, static_cast<double>(*l.over_odds),
                                                static_cast<double>(*l.under_odds));
                ev_over = ev.over;
                ev_under = ev.under;
            }
        }
        if (l.injury_status == "out") {
            reason_kind = "player out";
            reason = l.report_us ? fmt::format("player out (injury report {})", eastern_time(*l.report_us)) : "player out";
        } else if (!sum.no_model.empty()) {
            reason_kind = "no prediction";
            reason = "no prediction: " + sum.no_model;
        } else if (!has_pred) {
            reason_kind = "no prediction";
            reason = pred == predicted.end() ? "no prediction: no pre-game feature row (not on a recent roster of a team playing, on a new team that no player directory from before the day gives, or bootstrap days)"
                                             : "no prediction: the system cannot predict this row";
        } else if (!priced) {
            reason_kind = "no P(over)";
            reason = "no P(over): " + (!price_error.empty()           ? price_error
                                       : !pred->second.priced_by.empty() ? "grade would price model " + pred->second.priced_by + "'s prediction"
                                                                         : std::string("the line was not priced"));
        } else if (!features::tier_supports_a_bet(pred->second.tier)) {
            reason_kind = "too little data";
            reason = fmt::format("feature row {}: too little of the player's own games behind the prediction to bet on it",
                                 pred->second.tier.empty() ? "without a quality tier" : pred->second.tier);
        } else if (sum.blend && !models::model_shown_to_add(*sum.blend)) {  // as grade: nothing to bet on
            reason_kind = "no model weight";
            reason = sum.blend->w <= 0
                         ? fmt::format("the blend gives the model no weight yet (w = 0 on {} earlier graded lines): the prediction is {}",
                                       sum.blend->lines, sum.anchor)
                         : fmt::format("earlier lines do not show the model adds to the line yet (weight {:.3f} +/- {:.3f} on {} "
                                       "earlier graded lines: within 1.96 standard errors of 0)",
                                       sum.blend->w_fit, sum.blend->w_se, sum.blend->lines);
        } else {
            props::Side by_edge = props::recommend_by_edge(priced->value, l.line, edge_threshold);
            if (by_edge == props::Side::Pass) {
                reason_kind = "edge below threshold";
                reason = fmt::format("edge below {:g}", edge_threshold);
            } else {
                const props::Side taken = props::recommend_by_edge_and_ev(by_edge, ev_over, ev_under, o.min_ev);
                if (taken != props::Side::Pass) {
                    side = std::string(props::side_name(taken));
                } else if (!(by_edge == props::Side::Over ? ev_over : ev_under)) {
                    reason_kind = "no odds";
                    reason = "no odds posted at the consensus line";
                } else {
                    reason_kind = "EV below threshold";
                    reason = "EV below threshold";
                }
            }
        }
        ++sum.lines;
        if (side == "OVER") ++sum.over;
        else if (side == "UNDER") ++sum.under;
        else {
            ++sum.pass;
            ++sum.pass_reasons[reason_kind];
        }

        auto opt_d = [&](const std::optional<double>& v) -> store::Appender& { return v ? a.append(*v) : a.append_null(); };
        auto opt_s = [&](const std::string& v) -> store::Appender& { return v.empty() ? a.append_null() : a.append(v); };
        auto opt_i = [&](const std::optional<int64_t>& v) -> store::Appender& { return v ? a.append(*v) : a.append_null(); };
        a.append_date(o.date);
        opt_s(l.game_id);
        a.append(l.game.empty() ? std::string("?") : l.game);
        if (l.tipoff_us) a.append_timestamp_us(*l.tipoff_us); else a.append_null();
        a.append(l.player_id).append(l.player_name);
        opt_s(l.team);
        opt_s(l.opponent);
        if (l.home) a.append(*l.home); else a.append_null();
        a.append(o.market).append(l.line).append(l.books);
        opt_i(l.over_odds);
        opt_s(l.over_book);
        opt_i(l.under_odds);
        opt_s(l.under_book);
        opt_d(priced ? std::optional<double>(priced->value) : has_pred ? std::optional<double>(pred->second.value) : std::nullopt);
        opt_d(p_over);
        opt_d(p_under);
        opt_d(edge);
        opt_d(ev_over);
        opt_d(ev_under);
        a.append(side);
        opt_s(reason);
        opt_s(l.injury_status);
        opt_s(pred != predicted.end() ? pred->second.tier : std::string());
        opt_s(pred != predicted.end() ? pred->second.basis : std::string());  // prediction_basis: set for an early-season row
        a.append(o.system);
        opt_s(sum.model);
        a.append(version);
        a.append_timestamp_us(now);
        a.append(o.pricing).append(edge_threshold).append(o.min_ev);
        opt_d(has_pred ? std::optional<double>(pred->second.value) : std::nullopt);
        a.end_row();
    }
    a.close();
    tx.commit();
    return sum;
}

}  // namespace courtside::picks
