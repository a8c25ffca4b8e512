// `courtside export`: the store's tables as a Hive-style lake of Parquet (zstd) or CSV (gzip)
// files by season, one file per month for tables with a date
// (schema/table/season=2021/part-2021-11.parquet), with a _manifest.json. Incremental: a partition is rewritten only when its state (the ledger, the
// source files or the rows) changed since the manifest recorded it. Each file is written under a
// staging directory and renamed into place, and the manifest last, so a killed export never
// leaves a half-written partition visible; the next run cleans its staging directory up.
#pragma once

#include "export/partition_state.hpp"
#include "store/database.hpp"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace courtside::export_ {

enum class LakeFormat { Parquet, Csv };
LakeFormat parse_lake_format(const std::string& s);  // parquet | csv; throws std::invalid_argument

struct ExportOptions {
    std::filesystem::path dir;
    LakeFormat format = LakeFormat::Parquet;
    std::vector<std::string> tables;  // --tables: names or schemas; empty = every table
    DateRange range;
};

struct TableExport {
    std::string table;
    size_t written = 0, unchanged = 0, removed = 0;
    int64_t rows = 0, rows_written = 0, bytes_written = 0;
};

struct ExportSummary {
    std::vector<TableExport> tables;
    size_t written() const, unchanged() const, removed() const;
    int64_t rows() const, rows_written() const, bytes_written() const;
};

// Reports each table as it is done.
using ExportProgress = std::function<void(const TableExport&)>;

ExportSummary export_lake(store::Connection& con, const std::string& store_path, const ExportOptions& options,
                          const ExportProgress& progress = {});

// The file of one partition, relative to the lake root: analytics/player_game_summary/season=2021/part-2021-11.parquet.
std::string partition_path(const std::string& qualified_table, const PartitionKey& key, LakeFormat format);

}  // namespace courtside::export_
