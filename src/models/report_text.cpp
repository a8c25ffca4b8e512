#include "core/dates.hpp"
#include "models/report.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace courtside::models {

namespace {

const char* walk_name(WalkForward w) { return w == WalkForward::Season ? "season" : "month"; }

// One table: a row per key, a column per system, each cell a metric chosen by `cell`.
template <class Cell>
std::string table(const EvaluationResult& r, const ScoreTable& t, const std::string& title, Cell cell, bool with_rows = true) {
    std::string out = title + "\n";
    out += fmt::format("  {:<10}", "");
    if (with_rows) out += fmt::format(" {:>7}", "rows");
    for (const auto& s : r.systems) out += fmt::format(" {:>14}", s);
    out += "\n";
    for (const auto& key : t.keys) {
        const auto& row = t.cells.at(key);
        out += fmt::format("  {:<10}", key);
        if (with_rows) out += fmt::format(" {:>7}", row.begin()->second.n);
        for (const auto& s : r.systems) out += fmt::format(" {:>14}", cell(row.at(s)));
        out += "\n";
    }
    return out;
}

std::string summary_table(const EvaluationResult& r, const ScoreTable& t, const std::string& title) {
    const auto& row = t.cells.at("all");
    const double l10 = row.count("last_10_avg") ? row.at("last_10_avg").mae : 0;
    std::string out = fmt::format("{} (n = {})\n", title, row.begin()->second.n);
    out += fmt::format("  {:<16} {:>8} {:>8} {:>8} {:>9} {:>9} {:>13}\n", "system", "MAE", "RMSE", "bias", "within 3",
                       "within 5", "vs last_10");
    for (const auto& s : r.systems) {
        const auto& m = row.at(s);
        out += fmt::format("  {:<16} {:>8.4f} {:>8.4f} {:>+8.4f} {:>8.1f}% {:>8.1f}% {:>13}\n", s, m.mae, m.rmse, m.bias,
                           100 * m.within_3, 100 * m.within_5,
                           l10 > 0 ? fmt::format("{:+.2f}%", 100.0 * (m.mae - l10) / l10) : "-");
    }
    return out;
}

}  // namespace

std::string population_statement(const EvaluationResult& r) {
    const auto& p = r.population;
    std::string out = fmt::format(
        "Population: player-games from {} to {} in the regular season, play-in or playoffs where the player played "
        "(minutes > 0), after the season's bootstrap days (feature rows exist only after them), with a feature row in every "
        "feature set compared, a reconciled box score (its Phase 3 tier not bronze) and at least one earlier game this season.\n"
        "  {} feature rows in the range; {} scored ({} with minutes >= 10); excluded:\n",
        core::format_date(r.options.from), core::format_date(r.options.to), p.candidates, p.rows.size(), p.minutes_10);
    for (const auto& [reason, n] : p.excluded) out += fmt::format("    {:>7}  {}\n", n, reason);
    if (!r.coverage_note.empty()) out += fmt::format("  NOT IN THE POPULATION: {}\n", r.coverage_note);
    return out;
}

std::string audit_text(const EvaluationResult& r) {
    return fmt::format(
        "EVALUATION STOPPED: AUDIT REQUIRED\n  {}\n"
        "  A clean model gains a few percent over the last-10 average (SPEC §10: 4.76 vs 4.91). A gain this large almost\n"
        "  always means the features saw the game they predict. Audit the point-in-time rule (game_date < D) of every\n"
        "  feature the model reads, and the training range of the model, before believing any number from this run.\n",
        r.audit_reason);
}

std::string report_text(const EvaluationResult& r, const Scores& s) {
    std::string out = fmt::format("Evaluation {} .. {}, walk-forward by {}, {} test period{}, {:.1f}s\n",
                                  core::format_date(r.options.from), core::format_date(r.options.to),
                                  walk_name(r.options.walk_forward), r.periods.size(), r.periods.size() == 1 ? "" : "s", r.seconds);
    out += population_statement(r);
    out += "  Rows scored per system (identical rows):";
    for (const auto& sys : r.systems) out += fmt::format(" {} {}", sys, r.scored.predicted.at(sys).size());
    out += "\n\n";
    out += summary_table(r, s.overall, "Overall, all rows");
    out += "\n";
    out += summary_table(r, s.overall_10, "Overall, minutes >= 10");
    auto mae = [](const Metrics& m) { return fmt::format("{:.4f}", m.mae); };
    out += "\n";
    out += table(r, s.by_period, "MAE by test period (all rows)", mae);
    out += "\n";
    out += table(r, s.by_period_10, "MAE by test period (minutes >= 10)", mae);
    out += "\n";
    out += table(r, s.by_minutes, "MAE (bias) by minutes played",
                        [](const Metrics& m) { return fmt::format("{:.3f} ({:+.2f})", m.mae, m.bias); });
    out += "\n";
    out += table(r, s.by_tier, "MAE by feature quality tier (the feature row's own tier: how complete its inputs are, not the box score's)", mae);
    out += "\n";
    out += table(r, s.by_month, "MAE by month", mae);

    out += "\nxgb training per period (early stopping on the chronologically last share of the training rows)\n";
    for (const auto& p : r.periods)
        for (const auto& t : p.trainings)
            out += fmt::format("  {:<8} {:<7} rows {:>7} train + {:>6} validation ({} .. {}, validation from {}), {:>4} rounds, "
                               "validation MAE {:.4f}, {:.1f}s\n",
                               p.label, t.system, t.rows_train, t.rows_valid, core::format_date(t.first_date),
                               core::format_date(t.last_date), core::format_date(t.valid_from), t.best_rounds, t.valid_mae,
                               t.seconds);
    for (const auto& [system, gains] : r.importance) {
        std::vector<std::pair<double, std::string>> ranked;
        for (const auto& [name, g] : gains) ranked.emplace_back(g, name);
        std::sort(ranked.rbegin(), ranked.rend());
        out += fmt::format("\nFeature importance of {} (share of total gain, mean over periods)\n", system);
        for (size_t k = 0; k < ranked.size() && k < 15; ++k)
            out += fmt::format("  {:>5.1f}%  {}\n", 100 * ranked[k].first, ranked[k].second);
    }
    if (!r.rules_v1_missing.empty()) {
        out += "\nrules_v1 adjustments not applied for a missing input (population rows):";
        for (const auto& [name, n] : r.rules_v1_missing) out += fmt::format(" {} {};", name, n);
        out += "\n";
    }
    return out;
}

}  // namespace courtside::models
