// The day's picks (models.picks, src/models/picks_table.hpp): every consensus line of a date and
// market, predicted from the pre-game feature rows (pregame/pregame_rows.hpp) with the latest usable
// model, priced at the best posted odds, and a side taken or PASS with the reason. Players listed
// out on the injury report before tip-off are shown as out and never picked. The predictions are
// also the date's models.predictions of the system, so the date is graded like any other.
#pragma once

#include "core/dates.hpp"
#include "pipeline/settings.hpp"
#include "store/database.hpp"

#include <map>
#include <string>

namespace courtside::picks {

struct PicksOptions {
    core::Date date = 0;
    std::string market = "points";  // points | threes
    std::string system = "xgb";     // xgb or a formula system of the market
    std::string model;              // xgb: a model id; empty = the latest usable before the date
    double edge = -1;               // |predicted - line| needed for a side; < 0: the market's default
    double min_ev = 0;              // a side also needs its expected profit above this
    pipeline::Settings settings;    // the command's: the pre-game rows built when D has none use them
};

struct PicksSummary {
    size_t lines = 0, over = 0, under = 0, pass = 0;
    std::map<std::string, size_t> pass_reasons;  // reason (without details) -> lines
    std::string model;       // the model used, empty when none was usable
    std::string no_model;    // why no prediction was possible at all, empty otherwise
    bool pregame_built = false;  // the pre-game rows of the date were built for these picks
};

// Rewrites the (date, market, system) picks. Builds the date's pre-game rows first when missing.
PicksSummary build_picks(store::Connection& con, const PicksOptions& o);

}  // namespace courtside::picks
