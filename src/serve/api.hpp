// serve's JSON API, one function per route, each answering from one read-only snapshot. The
// dashboard pages render these same documents, so the API and the pages cannot disagree.
// Inputs are validated (params.hpp) and bound; a bad one throws HttpError 400, a missing
// player 404. A table the store does not have yet (models.picks before `daily` ran) gives an
// empty answer that says so in "note", never an error.
#pragma once

#include "serve/params.hpp"
#include "serve/snapshot.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace courtside::serve {

// /api/picks?date=&market=&system=&side=: the picks of a date (default: the latest date with
// picks), with the dates that have picks.
nlohmann::json api_picks(const Snapshot& snap, const Params& p);
// The picks page's: per market one family of systems, so that a line is listed once (a baseline's
// picks beside xgb's listed every line twice; audit): the asked one, else xgb where the market has
// it, else the first by name; a formula's family holds its threes name (season_avg with
// fg3m_season_avg). "families" lists the date's. api_picks without system= lists every system's.
nlohmann::json api_picks_of_one_system(const Snapshot& snap, const Params& p);
// /api/players/{id}?games=: recent games, the latest feature row, predictions, picks and grades.
nlohmann::json api_player(const Snapshot& snap, const std::string& id, const Params& p);
// /api/grades?from=&to=&market=&system=: per market and system, grading's report (hit rate,
// ROI and 95% CIs by edge and EV bucket, calibration deciles) and the cumulative record by date.
nlohmann::json api_grades(const Snapshot& snap, const Params& p);
// /api/status: the snapshot, the ledger per processor, partition strips per season, failed
// partitions, the last daily run, fetch per source and the Odds API quota.
nlohmann::json api_status(const Snapshot& snap, const RefreshState& refresh, const std::string& store_path, int bootstrap_days,
                          const Params& p);
// /api/validation?run=: validation runs, and the results of one (default: each table's latest),
// failures first.
nlohmann::json api_validation(const Snapshot& snap, const Params& p);
// /api/models: the model registry with each model's metadata.
nlohmann::json api_models(const Snapshot& snap, const Params& p);

}  // namespace courtside::serve
