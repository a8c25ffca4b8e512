// The day's picks (models.picks, src/models/picks_table.hpp): every consensus line of a date and
// market, predicted from the pre-game feature rows (pregame/pregame_rows.hpp) with the latest usable
// model, priced as `grade` prices the market (blended with the line when the market blends, P(over)
// recalibrated on earlier lines) at the best posted odds near the consensus price, and a side taken or PASS with the reason. Players listed
// out on the injury report before tip-off are shown as out and never picked. The predictions are
// also the date's models.predictions of the system, so the date is graded like any other.
#pragma once

#include "core/dates.hpp"
#include "models/line_blend.hpp"
#include "pipeline/settings.hpp"
#include "store/database.hpp"

#include <map>
#include <optional>
#include <string>

namespace courtside::picks {

struct PicksOptions {
    core::Date date = 0;
    std::string market = "points";  // points | threes
    std::string system = "xgb";     // xgb or a formula system of the market
    std::string model;              // xgb: a model id; empty = the latest usable before the date
    double edge = -1;               // |predicted - line| needed for a side; < 0: the market's default
    double min_ev = 0;              // a side also needs its expected profit above this
    // market: as `grade` prices the market (the model blended with the line when the market blends,
    // fitted on the lines graded before the date); model: the model's own prediction. P(over) is
    // recalibrated on earlier lines either way.
    std::string pricing = "market";
    pipeline::Settings settings;    // the command's: the pre-game rows built when D has none use them
    // Written to models.picks_preview instead of models.picks (picks_table.hpp): a look at other
    // settings that leaves the day's picks alone.
    bool preview = false;
    // Rebuild D's pre-game rows even when stored (`picks --rebuild`): rows built before the store
    // had the data they read would otherwise stay as they were.
    bool refresh_pregame = false;
};

struct PicksSummary {
    size_t lines = 0, over = 0, under = 0, pass = 0;
    std::map<std::string, size_t> pass_reasons;  // reason (without details) -> lines
    std::string model;       // the model used, empty when none was usable
    std::string no_model;    // why no prediction was possible at all, empty otherwise
    bool pregame_built = false;  // the pre-game rows of the date were built for these picks
    std::string pregame_why;       // built again because their inputs changed: what changed (else empty)
    std::string pregame_outdated;  // a preview on outdated pre-game rows (kept): what changed since
    bool stored_predictions = false;  // the model's predictions of the date stored by predict/grade were used
    std::optional<models::BlendFit> blend;  // the date's blend when the market blends (w, c, lines fitted on)
    bool blends = false;  // priced on the market (blended with the line), as asked
    std::string anchor = "the line";  // what the blend is anchored on (models::anchor_name)
};

// "priced on line + 0.52 + 0.01 x (model - line), fitted on 1262 earlier lines", or on the model's own.
std::string pricing_text(const PicksSummary& s);

// What the inputs of the date's pre-game rows took in after its stored picks were written (nullopt:
// nothing, or no picks): they may predate the injury report or last night's box scores.
std::optional<std::string> stored_picks_outdated(store::Connection& con, const PicksOptions& o);

// Rewrites the (date, market, system) picks (or preview), recording the pricing, edge and EV
// thresholds they were taken with. Builds the date's pre-game rows first when missing or
// outdated (a preview only when missing). The model's predictions of the pre-game rows are stored
// as the date's models.predictions (basis 'pregame'), unless that model's predictions of the date
// were already stored by `predict` or `grade`: those are kept and the picks rest on them (a past
// date's picks rewrote the predictions its grades rest on; audit).
PicksSummary build_picks(store::Connection& con, const PicksOptions& o);

// The stored (date, market, system) picks: whether there are any, and whether all were taken with
// exactly these settings (pricing, edge threshold, minimum EV and, when o.model names one, that
// model); never when written before the settings were recorded.
struct StoredPicks {
    bool any = false, match = false;
};
StoredPicks stored_picks(store::Connection& con, const PicksOptions& o);
// "stored picks, priced on the market (...), edge >= 1.5, EV > 0".
std::string stored_settings_text(store::Connection& con, const PicksOptions& o);

}  // namespace courtside::picks
