#include "core/version.hpp"
#include "grading/grades_table.hpp"

#include "core/dates.hpp"

namespace courtside::grading {

using T = store::ColumnType;

const store::TableSpec& grades_spec() {
    static const store::TableSpec spec{
        "models", "grades",
        {{"game_date", T::Date, true},     {"game", T::Text, true},          {"player_id", T::BigInt, true},
         {"market", T::Text, true},        {"system", T::Text, true},        {"model", T::Text},
         {"game_id", T::Text},             {"player", T::Text, true},        {"status", T::Text, true},
         {"line", T::Double, true},        {"books", T::Integer, true},      {"over_odds", T::Integer},
         {"under_odds", T::Integer},       {"actual", T::Double},            {"predicted", T::Double},
         {"abs_error", T::Double},         {"signed_error", T::Double},      {"within_3", T::Boolean},
         {"within_5", T::Boolean},         {"line_abs_error", T::Double},    {"edge", T::Double},
         {"p_over", T::Double},            {"p_under", T::Double},           {"p_push", T::Double},
         {"ev_over", T::Double},           {"ev_under", T::Double},          {"rec_by_edge", T::Text},
         {"rec_by_ev", T::Text},           {"correct_by_edge", T::Boolean},  {"correct_by_ev", T::Boolean},
         {"is_push", T::Boolean},          {"profit_by_edge", T::Double},    {"profit_by_ev", T::Double},
         {"edge_threshold", T::Double, true}, {"min_ev", T::Double, true},   {"code_version", T::Text, true},
         {"graded_at", T::Timestamp, true}},
        {"game_date", "game", "player_id", "market", "system"}};
    return spec;
}

void ensure_grades_table(store::Connection& con) {
    con.execute("CREATE SCHEMA IF NOT EXISTS models");
    con.execute(grades_spec().create_sql());
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
        app.end_row();
    }
    app.close();
    tx.commit();
    return run.lines.size();
}

}  // namespace courtside::grading
