// Grading: every consensus line of a market in a date range, against the player's result and a
// system's stored prediction (models.predictions). A line that cannot be graded keeps its reason.
#pragma once

#include "grading/calibration.hpp"
#include "grading/grade_row.hpp"
#include "models/line_blend.hpp"
#include "models/predictor_spec.hpp"
#include "models/spread_model.hpp"

#include <map>
#include <string>
#include <vector>

namespace courtside::grading {

struct GradeOptions {
    // Whose predictions are graded: the market, the system, and for xgb the feature set (for the
    // "no feature row" reason). The same value the walk-forward predicted with.
    models::PredictorSpec predictor;
    store::DateDays from = 0, to = 0;
    std::string model;          // restrict to one model id (xgb); empty = the latest usable per row
    // Restrict to these models (a walk-forward's); empty = no restriction. Otherwise per line the
    // latest-trained usable model, ties in training end going to the latest created (the registry's order).
    std::vector<std::string> only_models;
    double edge = -1;           // < 0: the market's default
    double min_ev = 0;          // a side is recommended by EV when its expected profit exceeds this
    // Recalibrate P(over) per week (7-day blocks from `from`) on the lines graded in the
    // `calibration_days` before the week (calibration.hpp); off: the spread model's probabilities.
    bool calibrate = true;
    int calibration_days = 365;
    // Grade the model blended with the line (models/line_blend.hpp), fitted per date on the lines
    // graded before it; off: the model's own predictions. The CLI's default is the market's.
    bool blend_with_line = false;
    models::LineBlendOptions blend;
    // Also price the range's lines that have a prediction but no result yet (the day's picks):
    // blended and given P(over) exactly as a graded line of that date would be, never graded.
    bool price_unplayed = false;
};

inline constexpr const char* kGraded = "graded";

struct GradedLine {
    store::DateDays date = 0;
    std::string game, game_id, player;
    int64_t player_id = 0;
    double line = 0;
    int books = 0;
    std::optional<double> over_odds, under_odds;
    std::string status = kGraded;  // or why the line is not graded
    std::string model;             // the prediction's model ("" without one)
    double actual = 0;
    double predicted = 0;        // what is graded: the model blended with the line, or the model's own
    double model_predicted = 0;  // the model's own prediction
    double anchor = NAN;         // with a blend: the line's number or its odds-implied median
    bool unplayed = false;       // with price_unplayed: no result yet, priced (predicted, prob) but not graded
    models::LineProbabilities prob;
    GradeRow g;
};

struct SpreadUsed {
    std::string kind, fitted_on;
    size_t rows = 0;
};

struct PeriodCalibration {
    store::DateDays from = 0, to = 0;
    PlattCalibration map;
    size_t lines = 0;  // graded lines of the month it was applied to
};

struct GradeRun {
    GradeOptions options;
    double edge = 0;  // resolved
    std::vector<GradedLine> lines;  // every matched line in the range, graded or not
    std::map<std::string, size_t> excluded;  // reason -> lines
    std::map<std::string, SpreadUsed> spreads;  // model -> spread model used
    std::vector<PeriodCalibration> calibrations;  // when options.calibrate
    std::vector<models::BlendFit> blend_fits;     // when options.blend_with_line: one per graded date
    size_t graded() const { return lines.size() - excluded_total(); }
    // A line with a price: graded, or unplayed with options.price_unplayed.
    static bool priced(const GradedLine& l) { return l.status == kGraded || l.unplayed; }
    size_t excluded_total() const;
};

// Reads lines, results and predictions and grades them (nothing is written). Throws LeakageError
// when the only predictions of a line come from a model trained on games on or after its date.
GradeRun grade_lines(store::Connection& con, const GradeOptions& opt);


}  // namespace courtside::grading
