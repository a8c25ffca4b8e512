// The store tables of Phase 5, in their own schema `models`: the model registry and the
// predictions. They are created (IF NOT EXISTS) by the model commands themselves.
#pragma once

#include "store/database.hpp"
#include "store/table_spec.hpp"

namespace courtside::models {

// models.registry (model_id): one row per saved model; the JSON metadata file is authoritative.
const store::TableSpec& registry_spec();
// models.predictions (game_date, game_id, player_id, system, model).
const store::TableSpec& predictions_spec();

// CREATE SCHEMA / TABLE IF NOT EXISTS for both tables.
void ensure_model_tables(store::Connection& con);

}  // namespace courtside::models
