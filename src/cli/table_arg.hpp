// `--tables` of export and publish: a store table (player_game_summary or
// analytics.player_game_summary) or a schema (raw, ops), a typo refused with the nearest name.
#pragma once

#include <CLI/CLI.hpp>

namespace courtside::cli {

// A usage error (exit 2) naming the nearest known table or schema; the same for every command.
CLI::Validator store_table_name();

}  // namespace courtside::cli
