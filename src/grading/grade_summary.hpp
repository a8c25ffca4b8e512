// The figures of a grading report, computed from a GradeRun: errors of the model and of the line
// on the same rows, hit rates with 95% Wilson intervals against the -110 break-even by edge
// bucket and by EV bucket, ROI at the posted odds, and the P(over) calibration deciles.
#pragma once

#include "grading/grader.hpp"
#include "models/metrics.hpp"
#include "props/betting.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace courtside::grading {

inline constexpr double kBreakEven = 0.5238095238095238;  // -110
inline constexpr size_t kCalibrationMinLines = 200;
inline constexpr double kCalibrationTolerance = 0.05;

struct BetBucket {
    std::string label;
    props::Record record;
    size_t at_assumed_odds = 0;  // bets whose side had no posted odds: settled at -110
    double implied_sum = 0;      // sum of the implied probabilities of the odds taken
    // The hit rate that breaks even at the odds actually taken (mean implied probability); juiced
    // threes lines (-200 on over 0.5) need far more than 52.38%.
    double posted_break_even() const;
};

struct CalibrationDecile {
    double lo = 0, hi = 0;
    size_t n = 0;
    double mean_predicted = 0, observed = 0;  // P(over) and the share of lines that went over
    bool flagged = false;                     // n >= 200 and |observed - predicted| > 5 points
};

struct GradeSummary {
    size_t lines = 0, graded = 0;
    models::Metrics model, line;  // the graded prediction's and the line's errors on the graded rows
    models::Metrics model_own;    // the model's own prediction (before any blend with the line)
    models::Metrics anchor;       // with a blend: the blend's anchor (the line's odds-implied median)
    BetBucket by_edge, by_ev;     // the recommendations (edge threshold; EV at the posted odds)
    // Both at once, as `picks` takes a side: the edge's side when its EV also clears the minimum
    // (the report gave each rule alone, never the one the picks bet; audit).
    BetBucket as_picked;
    std::vector<BetBucket> edge_buckets, ev_buckets;
    size_t without_odds = 0;      // graded lines without both posted odds (no EV)
    size_t zero_edge = 0;         // graded lines whose edge is 0 (the prediction is the line): no side, no edge bucket
    std::vector<CalibrationDecile> calibration;
    bool calibrated = true;       // no flagged decile
};

GradeSummary summarize(const GradeRun& run);

// The edge recommendations settled day after day, as summarize() settles them: the record so far
// (hit rate with its 95% Wilson interval, units at the posted odds), and a 95% band of the units
// (normal approximation over the bets' profits so far).
struct CumulativePoint {
    store::DateDays date = 0;
    BetBucket bets;
    double units_lo = 0, units_hi = 0;
};
std::vector<CumulativePoint> cumulative_by_date(const GradeRun& run);

// Against `break_even`: "above break-even", "below break-even", or "CI includes break-even: no claim".
std::string verdict(const props::Record& r, double break_even);
// The profit verdict of a bucket: against the break-even of the odds it took (its mean implied
// probability; -110 where a side had no posted odds).
std::string profit_verdict(const BetBucket& b);

nlohmann::json report_json(const GradeRun& run, const GradeSummary& s);
std::string report_text(const GradeRun& run, const GradeSummary& s);
std::string report_html(const GradeRun& run, const GradeSummary& s);

}  // namespace courtside::grading
