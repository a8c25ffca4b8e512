// `courtside publish`: the analytics, feature, prediction, grade and ops tables into PostgreSQL,
// for the website, notebooks and BI to read while the pipeline runs. Each changed season
// partition is replaced in one transaction (DELETE its rows, COPY the new ones, record its state),
// so readers see the previous version until it commits; processor outputs reload only the ledger
// dates that changed. An unchanged partition is not touched, so a rerun changes nothing; a killed
// publish rolls back its open transaction and the rerun picks up from the recorded states.
#pragma once

#include "export/catalog.hpp"
#include "export/pg_target.hpp"
#include "store/database.hpp"

#include <functional>
#include <string>
#include <vector>

namespace courtside::export_ {

struct PublishOptions {
    PgTarget target;
    std::vector<std::string> tables;  // --tables; empty = analytics, precompute, features, models, grades, ops
};

struct TablePublish {
    std::string table;
    size_t loaded = 0, unchanged = 0, removed = 0;
    int64_t rows = 0, rows_loaded = 0;
    bool created = false;  // created or rebuilt from its spec (then swapped in)
};

struct PublishSummary {
    std::vector<TablePublish> tables;
    size_t loaded() const, unchanged() const;
    int64_t rows() const, rows_loaded() const;
};

using PublishProgress = std::function<void(const TablePublish&)>;

// Throws with every secret of the target redacted.
PublishSummary publish(store::Connection& duck, const PublishOptions& options, const PublishProgress& progress = {});

// The tables publish selects by default.
bool published_by_default(const CatalogTable& t);

}  // namespace courtside::export_
