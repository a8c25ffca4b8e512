#include "core/version.hpp"
#include "grading/grades_table.hpp"

#include "core/dates.hpp"
#include "models/market.hpp"
#include "store/column_docs.hpp"
#include "store/schema.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace courtside::grading {

using T = store::ColumnType;
namespace doc = store::doc;

const store::TableSpec& grades_spec() {
    static const store::TableSpec spec{
        "models", "grades",
        {{"game_date", T::Date, true, "US/Eastern date of the game"},
        {"game", T::Text, true, "'Away Full Name @ Home Full Name' as the book gives it"},
        {"player_id", T::BigInt, true, doc::kPlayerId},
         {"market", T::Text, true, "graded market: points or threes"},
         {"system", T::Text, true, "prediction system graded"},
         {"model", T::Text, false, "model of the prediction; NULL without one"},
         {"game_id", T::Text, false, doc::kGameId},
         {"player", T::Text, true, "player name as the book gives it"},
         {"status", T::Text, true, "graded, or why the line is not graded (no result, no prediction...)"},
         {"line", T::Double, true, "consensus line: median over books of each book's latest line before tip-off", "stat units"},
         {"books", T::Integer, true, "books posting the line", doc::kCount},
         {"over_odds", T::Integer, false, "price of the over at the consensus line", doc::kAmericanOdds},
         {"under_odds", T::Integer, false, "price of the under at the consensus line", doc::kAmericanOdds},
         {"actual", T::Double, false, "the player's result", "stat units"},
         {"predicted", T::Double, false, "the prediction", "stat units"},
         {"abs_error", T::Double, false, "|predicted - actual|", "stat units"},
         {"signed_error", T::Double, false, "predicted - actual", "stat units"},
         {"within_3", T::Boolean, false, "|error| <= 3"},
         {"within_5", T::Boolean, false, "|error| <= 5"},
         {"line_abs_error", T::Double, false, "|actual - line|: the book's own error", "stat units"},
         {"edge", T::Double, false, "predicted - line", "stat units"},
         {"p_over", T::Double, false, "P(actual > line) from the fitted spread model (calibrated)", doc::kFraction},
         {"p_under", T::Double, false, "P(actual < line)", doc::kFraction},
         {"p_push", T::Double, false, "P(actual = line)", doc::kFraction},
         {"ev_over", T::Double, false, "expected profit of 1 unit on the over at its odds", doc::kStakeUnits},
         {"ev_under", T::Double, false, "expected profit of 1 unit on the under at its odds", doc::kStakeUnits},
         {"rec_by_edge", T::Text, false, "OVER if edge >= edge_threshold, UNDER if <= -edge_threshold, else PASS"},
         {"rec_by_ev", T::Text, false, "the side whose expected profit exceeds min_ev (OVER/UNDER), else PASS"},
         {"correct_by_edge", T::Boolean, false, "the edge recommendation won; NULL for a pass or a push"},
         {"correct_by_ev", T::Boolean, false, "the EV recommendation won; NULL for a pass or a push"},
         {"is_push", T::Boolean, false, "actual equals the line"},
         {"profit_by_edge", T::Double, false, "profit of 1 unit on the edge recommendation at the posted odds", doc::kStakeUnits},
         {"profit_by_ev", T::Double, false, "profit of 1 unit on the EV recommendation at the posted odds", doc::kStakeUnits},
         {"edge_threshold", T::Double, true, "edge needed to recommend a side", "stat units"},
         {"min_ev", T::Double, true, "expected profit needed to recommend by EV", doc::kStakeUnits},
         {"code_version", T::Text, true, doc::kCodeVersion},
         {"graded_at", T::Timestamp, true, "when the line was graded", doc::kUtc},
         // Last: a store graded before these existed gains them by ALTER TABLE (ensure_grades_table).
         {"model_predicted", T::Double, false, "the model's own prediction, before any blend with the line (NULL in grades written before it was recorded)", "stat units"},
         {"anchor", T::Double, false, "with a blend: the line's number or its odds-implied median the model was blended with", "stat units"},
         {"blended_with_line", T::Boolean, false, "predicted is the model blended with the line (as the market is priced)"}},
        {"game_date", "game", "player_id", "market", "system"},
        "One row per consensus prop line and system: graded against the result and the prediction, or why not"};
    return spec;
}

void ensure_grades_table(store::Connection& con) {
    con.execute("CREATE SCHEMA IF NOT EXISTS models");
    con.execute(grades_spec().create_sql());
    store::add_missing_columns(con, grades_spec());  // model_predicted, anchor, blended_with_line came later
}

size_t write_grades(store::Connection& con, const GradeRun& run) {
    ensure_grades_table(con);
    const auto& o = run.options;
    const int64_t now = core::now_micros();
    store::Transaction tx(con);
    con.prepare("DELETE FROM models.grades WHERE game_date BETWEEN ? AND ? AND market = ? AND system = ?")
        .bind_date(1, o.from)
        .bind_date(2, o.to)
        .bind(3, o.predictor.market)
        .bind(4, o.predictor.system)
        .execute();
    store::Appender app(con, "models", "grades");
    auto opt_text = [](const std::string& s) { return s.empty() ? std::nullopt : std::optional<std::string>(s); };
    auto odds = [](const std::optional<double>& v) {
        return v ? std::optional<int64_t>(static_cast<int64_t>(std::llround(*v))) : std::nullopt;
    };
    for (const auto& l : run.lines) {
        const bool g = l.status == kGraded;
        auto num = [g](double v) { return g ? std::optional<double>(v) : std::nullopt; };
        auto flag = [g](bool v) { return g ? std::optional<bool>(v) : std::nullopt; };
        auto side = [g](props::Side s) { return g ? std::optional<std::string>(props::side_name(s)) : std::nullopt; };
        app.append_date(l.date).append(l.game).append(l.player_id).append(o.predictor.market).append(o.predictor.system);
        app.append(opt_text(l.model)).append(opt_text(l.game_id)).append(l.player).append(l.status);
        app.append(l.line).append(l.books).append(odds(l.over_odds)).append(odds(l.under_odds));
        app.append(num(l.actual)).append(num(l.predicted)).append(num(l.g.abs_error)).append(num(l.g.signed_error));
        app.append(flag(l.g.within_3)).append(flag(l.g.within_5)).append(num(std::fabs(l.actual - l.line)));
        app.append(num(l.g.edge)).append(num(l.prob.over)).append(num(l.prob.under)).append(num(l.prob.push));
        app.append(l.g.ev_over).append(l.g.ev_under).append(side(l.g.by_edge)).append(side(l.g.by_ev));
        app.append(l.g.correct_edge).append(l.g.correct_ev).append(flag(l.g.push));
        app.append(l.g.profit_edge).append(l.g.profit_ev).append(run.edge).append(o.min_ev);
        app.append(std::string_view(core::code_version())).append_timestamp_us(now);
        app.append(num(l.model_predicted)).append(g && std::isfinite(l.anchor) ? std::optional<double>(l.anchor) : std::nullopt);
        app.append(o.blend_with_line);
        app.end_row();
    }
    app.close();
    tx.commit();
    return run.lines.size();
}

namespace {
props::Side side_of(std::string_view s) { return s == "OVER" ? props::Side::Over : s == "UNDER" ? props::Side::Under : props::Side::Pass; }

// The threshold most graded rows used; the market's default when none was graded.
double market_edge(const std::string& market_name, const std::map<double, size_t>& used) {
    if (used.empty()) return models::market(market_name).default_edge;
    return std::max_element(used.begin(), used.end(), [](const auto& a, const auto& b) { return a.second < b.second; })->first;
}
}  // namespace

GradeRun read_grades(store::Connection& con, const std::string& market, const std::string& system, store::DateDays from,
                     store::DateDays to) {
    GradeRun run;
    run.options.predictor.market = market;
    run.options.predictor.system = system;
    run.options.from = from;
    run.options.to = to;
    std::map<double, size_t> thresholds;
    auto q = con.prepare(
        "SELECT game_date, game, game_id, player, player_id, line, books, over_odds, under_odds, status, model, actual, predicted, "
        "p_over, p_under, p_push, abs_error, signed_error, within_3, within_5, edge, is_push, ev_over, ev_under, rec_by_edge, "
        "rec_by_ev, correct_by_edge, correct_by_ev, profit_by_edge, profit_by_ev, edge_threshold, min_ev, " +
        std::string(store::existing_columns(con, grades_spec()).count("blended_with_line") ? "model_predicted, anchor, blended_with_line " : "NULL::DOUBLE, NULL::DOUBLE, NULL::BOOLEAN ") +
        "FROM models.grades WHERE market = ? AND system = ? AND game_date BETWEEN ? AND ? "
        "ORDER BY game_date, game, player_id");
    q.bind(1, market).bind(2, system).bind_date(3, from).bind_date(4, to);
    q.execute().for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            GradedLine l;
            l.date = c.get_date(0, r);
            l.game = c.get_string(1, r);
            l.game_id = c.get_string(2, r);
            l.player = c.get_string(3, r);
            l.player_id = c.get_int(4, r);
            l.line = c.get_double(5, r);
            l.books = static_cast<int>(c.get_int(6, r));
            l.over_odds = c.opt_double(7, r);
            l.under_odds = c.opt_double(8, r);
            l.status = c.get_string(9, r);
            l.model = c.get_string(10, r);
            if (l.status == kGraded) {
                l.actual = c.get_double(11, r);
                l.predicted = c.get_double(12, r);
                l.prob = {c.get_double(13, r), c.get_double(14, r), c.get_double(15, r)};
                l.g.abs_error = c.get_double(16, r);
                l.g.signed_error = c.get_double(17, r);
                l.g.within_3 = c.get_bool(18, r);
                l.g.within_5 = c.get_bool(19, r);
                l.g.edge = c.get_double(20, r);
                l.g.push = c.get_bool(21, r);
                l.g.over = l.actual > l.line;
                l.g.ev_over = c.opt_double(22, r);
                l.g.ev_under = c.opt_double(23, r);
                l.g.by_edge = side_of(c.get_string(24, r));
                l.g.by_ev = side_of(c.get_string(25, r));
                if (!c.is_null(26, r)) l.g.correct_edge = c.get_bool(26, r);
                if (!c.is_null(27, r)) l.g.correct_ev = c.get_bool(27, r);
                l.g.profit_edge = c.opt_double(28, r);
                l.g.profit_ev = c.opt_double(29, r);
                ++thresholds[c.get_double(30, r)];
                run.options.min_ev = c.get_double(31, r);
                // NaN when not recorded (grades written before): left out of the model's own metrics.
                l.model_predicted = c.is_null(32, r) ? NAN : c.get_double(32, r);
                l.anchor = c.is_null(33, r) ? NAN : c.get_double(33, r);
                if (!c.is_null(34, r) && c.get_bool(34, r)) run.options.blend_with_line = true;
            } else {
                ++run.excluded[l.status];
            }
            run.lines.push_back(std::move(l));
        }
    });
    run.edge = market_edge(market, thresholds);
    return run;
}

}  // namespace courtside::grading
