// models.picks: the day's picks, one row per consensus line of a date, market and system, written
// by `courtside daily` / `courtside picks` and read by `courtside serve` (the picks contract).
#pragma once

#include "store/database.hpp"
#include "store/table_spec.hpp"

namespace courtside::models {

const store::TableSpec& picks_spec();
// Creates the models schema and models.picks when missing.
void ensure_picks_table(store::Connection& con);
// models.picks_preview: the same columns, for `courtside picks` tried with settings other than the
// stored picks' (--edge, --price, ...): a preview is written there and shown, and the day's picks,
// which `daily` settles and serve shows, stay as they were (audit). Created when missing.
const store::TableSpec& picks_preview_spec();
void ensure_picks_preview_table(store::Connection& con);

// SQL over a models.picks row: the expected profit per unit of the side taken, at the odds taken
// (NULL on a PASS). Not the larger of the two sides' EVs: an UNDER pick showed the over's (audit).
inline constexpr const char* kSideEvSql = "CASE side WHEN 'OVER' THEN ev_over WHEN 'UNDER' THEN ev_under END";

}  // namespace courtside::models
