#include "export/pg_schema.hpp"

#include "export/comments.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace courtside::export_ {

namespace {

std::string quoted(const std::string& id) { return "\"" + id + "\""; }
std::string key_name(const CatalogTable& t, bool next) { return t.spec->name + (next ? kNextSuffix : "") + "_pkey"; }
std::string index_name(const CatalogTable& t, bool next) {
    return t.spec->name + (next ? kNextSuffix : "") + "_" + t.date_column + "_idx";
}

}  // namespace

void ensure_meta_schema(pqxx::transaction_base& tx) {
    tx.exec("CREATE SCHEMA IF NOT EXISTS courtside");
    tx.exec("CREATE TABLE IF NOT EXISTS courtside.meta_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)");
    auto v = tx.exec("SELECT coalesce(max(version), 0) FROM courtside.meta_version")[0][0].as<int>();
    if (v > kPgMetaVersion)
        throw std::runtime_error(fmt::format("the database was published by a newer courtside (bookkeeping version {}, this "
                                             "one knows {}): upgrade courtside",
                                             v, kPgMetaVersion));
    // What each table was created from (its spec and comments), and which state every
    // partition (and, for processor outputs, every date) was loaded from.
    tx.exec("CREATE TABLE IF NOT EXISTS courtside.published_tables (table_name text PRIMARY KEY, spec_signature text NOT NULL, "
            "comments_hash text NOT NULL, updated_at timestamptz NOT NULL)");
    tx.exec("CREATE TABLE IF NOT EXISTS courtside.published_partitions (table_name text NOT NULL, partition_key text NOT NULL, "
            "state text NOT NULL, rows bigint NOT NULL, published_at timestamptz NOT NULL, code_version text NOT NULL, "
            "PRIMARY KEY (table_name, partition_key))");
    tx.exec("CREATE TABLE IF NOT EXISTS courtside.published_dates (table_name text NOT NULL, partition_date date NOT NULL, "
            "fingerprint text NOT NULL, PRIMARY KEY (table_name, partition_date))");
    if (v < kPgMetaVersion)
        tx.exec(fmt::format("INSERT INTO courtside.meta_version VALUES ({}, now()) ON CONFLICT DO NOTHING", kPgMetaVersion));
}

std::string pg_type(store::ColumnType t) {
    switch (t) {
        case store::ColumnType::Integer: return "integer";
        case store::ColumnType::BigInt: return "bigint";
        case store::ColumnType::Double: return "double precision";
        case store::ColumnType::Boolean: return "boolean";
        case store::ColumnType::Text: return "text";
        case store::ColumnType::Date: return "date";
        case store::ColumnType::Timestamp: return "timestamp";  // UTC instants, as in the store
    }
    return "text";
}

std::string pg_table_name(const CatalogTable& t, bool next) {
    return quoted(t.spec->schema) + "." + quoted(t.spec->name + (next ? kNextSuffix : ""));
}

void create_pg_table(pqxx::transaction_base& tx, const CatalogTable& t, bool next) {
    const auto& spec = *t.spec;
    tx.exec("CREATE SCHEMA IF NOT EXISTS " + quoted(spec.schema));
    std::string cols, key;
    for (const auto& c : spec.columns)
        cols += fmt::format("  {} {}{},\n", quoted(c.name), pg_type(c.type), c.not_null ? " NOT NULL" : "");
    for (const auto& k : spec.primary_key) key += (key.empty() ? "" : ", ") + quoted(k);
    tx.exec(fmt::format("CREATE TABLE {} (\n{}  CONSTRAINT {} PRIMARY KEY ({})\n)", pg_table_name(t, next), cols,
                        quoted(key_name(t, next)), key));
    // Partitions are replaced by date (processor outputs) or date range: index the date.
    if (!t.date_column.empty() && spec.primary_key.front() != t.date_column)
        tx.exec(fmt::format("CREATE INDEX {} ON {} ({})", quoted(index_name(t, next)), pg_table_name(t, next),
                            quoted(t.date_column)));
    comment_pg_table(tx, t, next);
}

void swap_in_next(pqxx::transaction_base& tx, const CatalogTable& t) {
    const std::string schema = quoted(t.spec->schema);
    tx.exec("DROP TABLE IF EXISTS " + pg_table_name(t));
    tx.exec(fmt::format("ALTER TABLE {} RENAME TO {}", pg_table_name(t, true), quoted(t.spec->name)));
    tx.exec(fmt::format("ALTER TABLE {} RENAME CONSTRAINT {} TO {}", pg_table_name(t), quoted(key_name(t, true)),
                        quoted(key_name(t, false))));
    if (!t.date_column.empty() && t.spec->primary_key.front() != t.date_column)
        tx.exec(fmt::format("ALTER INDEX {}.{} RENAME TO {}", schema, quoted(index_name(t, true)), quoted(index_name(t, false))));
}

void comment_pg_table(pqxx::transaction_base& tx, const CatalogTable& t, bool next) {
    std::string batch;  // one round trip for the table's hundred-odd comments
    for (const auto& s : comment_statements(t, pg_table_name(t, next))) batch += s + ";\n";
    tx.exec(batch);
}

}  // namespace courtside::export_
