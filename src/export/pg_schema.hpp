// The PostgreSQL side of publishing: courtside's bookkeeping schema (what was published from
// which state) and each catalog table's DDL, derived from its spec. A table whose spec changed is
// rebuilt beside the live one (<table>__next) and swapped in with one transaction, so readers keep
// the previous version until the new one is complete.
#pragma once

#include "export/catalog.hpp"

#include <pqxx/transaction_base>

#include <string>

namespace courtside::export_ {

inline constexpr int kPgMetaVersion = 1;
inline constexpr const char* kNextSuffix = "__next";

// CREATE SCHEMA courtside and its tables (IF NOT EXISTS); fails on a newer bookkeeping version.
void ensure_meta_schema(pqxx::transaction_base& tx);

std::string pg_type(store::ColumnType t);
// "schema"."name" for a catalog table, or its staging twin.
std::string pg_table_name(const CatalogTable& t, bool next = false);

// CREATE TABLE (types, NOT NULL, primary key), the date column's index and the comments.
void create_pg_table(pqxx::transaction_base& tx, const CatalogTable& t, bool next);
// Replaces the live table by its staging twin: drop, rename table, key and index.
void swap_in_next(pqxx::transaction_base& tx, const CatalogTable& t);
void comment_pg_table(pqxx::transaction_base& tx, const CatalogTable& t, bool next = false);

}  // namespace courtside::export_
