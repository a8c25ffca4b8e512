// The one list of every table courtside keeps in its store: its spec, layer, writer, upstream
// tables, readers, and how its rows fall into season partitions. The lake export, the PostgreSQL
// publisher and the catalog page all read it, and it is the only place in src/export that asks the
// processor registry anything, so a change to how processors are registered is a one-place change.
#pragma once

#include "store/table_spec.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace courtside::export_ {

// Lineage stages, in order: raw -> Phase 3 -> Phase 4 -> features -> models -> grades; props
// (sportsbook lines resolved to players) and ops (ledger, ingest, validation) sit beside them.
enum class Layer { Raw, Props, Analytics, Precompute, Features, Models, Grades, Ops };
std::string_view layer_name(Layer l);

// Which season partition a row belongs to.
enum class PartitionBy {
    None,          // small tables: one file, one published partition
    SeasonColumn,  // the table's own `season` column
    GameIdSeason,  // the start-year digits of game_id (00T YY NNNNN)
    DateSeason,    // the season its date column falls in (SeasonSpans)
};

// How the export and the publisher tell which partitions changed since they last wrote them.
enum class ChangeSource {
    Ledger,       // processor outputs: ops.partition_ledger's output fingerprints per date
    SourceFiles,  // raw tables: the content hashes of the files their rows came from
    Content,      // everything else (small): a hash over the partition's rows
};

struct CatalogTable {
    const store::TableSpec* spec = nullptr;
    Layer layer = Layer::Ops;
    std::string writer;                 // the processor, or the command, that writes it
    std::vector<std::string> upstream;  // qualified tables it is computed from
    std::vector<std::string> readers;   // processors and commands that read it
    PartitionBy partition_by = PartitionBy::None;
    std::string date_column;            // the row's date (ledger date, range filters); "" when none
    ChangeSource changes = ChangeSource::Content;
    std::string processor;              // ledger name when changes == Ledger
    // Content: the columns whose hash stands for a row; empty = all. The ledger tables name their
    // key and run_id: every write of a ledger row is a new run.
    std::vector<std::string> change_columns;
    // SourceFiles: the ops.ingested_files source kinds that load the table. While none of them
    // gained a file, the table is unchanged and its rows need not be read at all.
    std::vector<std::string> source_kinds;
    bool staging = false;               // empty between transactions: documented, never exported

    std::string qualified() const { return spec->qualified(); }
};

// Every store table, raw first and in dependency order after.
const std::vector<CatalogTable>& store_tables();
// By qualified name (analytics.player_game_summary) or bare table name; nullptr when unknown.
const CatalogTable* find_table(std::string_view name);

// The tables --tables names: qualified or bare table names, or whole schemas ("raw", "ops").
// Empty names: every table `by_default` accepts. Staging tables are never selected. Throws
// std::invalid_argument naming an unknown name.
std::vector<const CatalogTable*> select_tables(const std::vector<std::string>& names,
                                               bool (*by_default)(const CatalogTable&));

}  // namespace courtside::export_
