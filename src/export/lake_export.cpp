#include "export/lake_export.hpp"

#include "core/hash.hpp"
#include "core/version.hpp"
#include "export/manifest.hpp"
#include "export/store_columns.hpp"
#include "store/ledger.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <stdexcept>

namespace courtside::export_ {

namespace fs = std::filesystem;

LakeFormat parse_lake_format(const std::string& s) {
    if (s == "parquet") return LakeFormat::Parquet;
    if (s == "csv") return LakeFormat::Csv;
    throw std::invalid_argument("--format must be parquet or csv, not '" + s + "'");
}

size_t ExportSummary::written() const {
    size_t n = 0;
    for (const auto& t : tables) n += t.written;
    return n;
}
size_t ExportSummary::unchanged() const {
    size_t n = 0;
    for (const auto& t : tables) n += t.unchanged;
    return n;
}
size_t ExportSummary::removed() const {
    size_t n = 0;
    for (const auto& t : tables) n += t.removed;
    return n;
}
int64_t ExportSummary::rows() const {
    int64_t n = 0;
    for (const auto& t : tables) n += t.rows;
    return n;
}
int64_t ExportSummary::rows_written() const {
    int64_t n = 0;
    for (const auto& t : tables) n += t.rows_written;
    return n;
}
int64_t ExportSummary::bytes_written() const {
    int64_t n = 0;
    for (const auto& t : tables) n += t.bytes_written;
    return n;
}

namespace {

const char* format_name(LakeFormat f) { return f == LakeFormat::Parquet ? "parquet" : "csv"; }
const char* compression_name(LakeFormat f) { return f == LakeFormat::Parquet ? "zstd" : "gzip"; }
// zstd Parquet for the engines; gzip CSV because every CSV reader (BigQuery, Excel, pandas) takes it.
const char* copy_options(LakeFormat f) {
    return f == LakeFormat::Parquet ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER true, COMPRESSION gzip";
}

std::string sql_string(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

std::string file_hash(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw std::runtime_error("cannot read back " + file.string());
    return core::content_hash(bytes);
}

std::string partition_source(const CatalogTable& t) {
    switch (t.partition_by) {
        case PartitionBy::None: return "none";
        case PartitionBy::SeasonColumn: return "the table's season column";
        case PartitionBy::GameIdSeason: return "the season digits of game_id";
        case PartitionBy::DateSeason: return "the season " + t.date_column + " falls in (season calendar)";
    }
    return "";
}

// The columns a partition file holds, in table order: the partition key lives in the path only.
std::vector<const store::ColumnSpec*> file_columns(const CatalogTable& t) {
    std::vector<const store::ColumnSpec*> out;
    for (const auto& c : t.spec->columns)
        if (!(t.partition_by == PartitionBy::SeasonColumn && c.name == "season")) out.push_back(&c);
    return out;
}

// A column as a partition file holds it. The store's timestamps are UTC instants: in Parquet
// they are written as such (isAdjustedToUTC), whatever the session's time zone, so a reader
// does not take them for local times. CSV keeps the plain text.
std::string file_column(const store::ColumnSpec& c, LakeFormat f) {
    if (c.type == store::ColumnType::Timestamp && f == LakeFormat::Parquet)
        return fmt::format("timezone('UTC', \"{0}\") AS \"{0}\"", c.name);
    return fmt::format("CAST(\"{0}\" AS {1}) AS \"{0}\"", c.name, store::sql_type(c.type));
}

nlohmann::json table_schema(const CatalogTable& t, const DateRange& range) {
    nlohmann::ordered_json s;
    s["name"] = t.spec->name;
    s["schema"] = t.spec->schema;
    s["layer"] = std::string(layer_name(t.layer));
    s["description"] = t.spec->description;
    s["primary_key"] = t.spec->primary_key;
    s["partitioned_by"] = t.partition_by == PartitionBy::None ? nlohmann::ordered_json() : nlohmann::ordered_json("season");
    s["partition_source"] = partition_source(t);
    s["writer"] = t.writer;
    s["upstream"] = t.upstream;
    s["range"] = range.text();
    auto& cols = s["columns"] = nlohmann::ordered_json::array();
    for (const auto& c : t.spec->columns) {
        nlohmann::ordered_json jc;
        jc["name"] = c.name;
        jc["type"] = store::sql_type(c.type);
        jc["nullable"] = !c.not_null;
        if (c.type == store::ColumnType::Timestamp) jc["time_zone"] = "UTC";
        jc["description"] = c.description;
        if (!c.unit.empty()) jc["unit"] = c.unit;
        if (t.partition_by == PartitionBy::SeasonColumn && c.name == "season") jc["partition_key"] = true;
        cols.push_back(std::move(jc));
    }
    if (t.partition_by == PartitionBy::GameIdSeason || t.partition_by == PartitionBy::DateSeason)
        cols.push_back({{"name", "season"}, {"type", "INTEGER"}, {"nullable", false},
                        {"description", "season the row falls in (" + partition_source(t) + "): the Hive partition"},
                        {"partition_key", true}});
    return nlohmann::json::parse(s.dump());  // keep the column order
}

// Removes what a killed export left behind: its staging directories never became visible.
void remove_stale_staging(const fs::path& dir) {
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_directory() && e.path().filename().string().rfind("_staging-", 0) == 0) fs::remove_all(e.path());
}

// Removes the table's partition files the manifest no longer lists, and directories left empty.
size_t remove_unlisted(const fs::path& dir, const std::string& qualified, const ManifestTable& t) {
    std::set<fs::path> listed;
    for (const auto& p : t.partitions) listed.insert((dir / p.path).lexically_normal());
    const fs::path root = dir / fs::path(qualified.substr(0, qualified.find('.'))) / qualified.substr(qualified.find('.') + 1);
    if (!fs::exists(root)) return 0;
    size_t removed = 0;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file() && !listed.count(e.path().lexically_normal())) files.push_back(e.path());
    for (const auto& f : files) removed += fs::remove(f) ? 1 : 0;
    for (bool again = true; again;) {  // innermost empty directories first
        again = false;
        std::vector<fs::path> empty;
        for (const auto& e : fs::recursive_directory_iterator(root))
            if (e.is_directory() && fs::is_empty(e.path())) empty.push_back(e.path());
        for (const auto& d : empty) again |= fs::remove(d);
    }
    return removed;
}

// A range narrower than what the lake holds would drop the rest of it (partitions outside the
// range are no longer listed, and swept): refused before anything is written. Without a range an
// export is incremental already, and nothing is checked. Compared on what a range selects of the
// table's own rows: a bound beyond them selects nothing less, a table without dates is exported
// whole, and box scores (no date) by whole seasons.
void refuse_narrower_range(store::Connection& con, const SeasonSpans& spans, const std::vector<const CatalogTable*>& tables,
                           const Manifest& m, const ExportOptions& o) {
    if (o.range.all()) return;
    for (const CatalogTable* t : tables) {
        auto held = m.tables.find(t->qualified());
        if (held == m.tables.end() || held->second.partitions.empty() || t->partition_by == PartitionBy::None) continue;
        const DateRange before = DateRange::parse(held->second.schema.value("range", std::string("..")));
        std::optional<core::Date> first, last;  // the table's own dates, read once
        if (!t->date_column.empty()) {
            auto span = con.query(fmt::format("SELECT min(\"{0}\")::VARCHAR, max(\"{0}\")::VARCHAR FROM {1}", t->date_column,
                                              t->qualified()))
                            .rows_as_text();
            if (!span.empty() && span[0][0]) first = core::parse_date(*span[0][0]), last = core::parse_date(*span[0][1]);
        }
        auto selects = [&](DateRange r) {  // the range as it bears on the table's rows
            if (t->date_column.empty()) {  // game-id seasons: whole seasons
                try {
                    if (r.from) r.from = spans.dates_of(spans.season_of(*r.from)).first;
                    if (r.until) r.until = spans.dates_of(spans.season_of(*r.until)).second;
                } catch (const std::exception&) {  // a season the calendar lacks: compared as given
                }
                return r;
            }
            if (r.from && first && *r.from <= *first) r.from.reset();
            if (r.until && last && *r.until >= *last) r.until.reset();
            return r;
        };
        if (!selects(o.range).covers(selects(before)))
            throw std::invalid_argument(fmt::format(
                "{} holds {} over {}; exporting only {} would remove the rest of it from the lake. An export without "
                "--from/--until keeps the lake's range and rewrites only the partitions that changed; to keep a "
                "narrower range, export it to a new directory",
                o.dir.string(), t->qualified(), before.all() ? "all dates" : before.text(), o.range.text()));
    }
}

}  // namespace

std::string partition_path(const std::string& qualified_table, const PartitionKey& key, LakeFormat format) {
    const auto dot = qualified_table.find('.');
    std::string path = qualified_table.substr(0, dot) + "/" + qualified_table.substr(dot + 1) + "/";
    if (key.season) path += fmt::format("season={}/", *key.season);
    return path + "part-" + (key.month ? key.month_text() : "0") + (format == LakeFormat::Parquet ? ".parquet" : ".csv.gz");
}

ExportSummary export_lake(store::Connection& con, const std::string& store_path, const ExportOptions& asked,
                          const ExportProgress& progress) {
    ExportOptions o = asked;
    const auto tables = select_tables(o.tables, [](const CatalogTable&) { return true; });
    const bool new_dir = !fs::exists(o.dir);
    // A directory this export made stays only if it holds a lake (its manifest): nothing selected,
    // or a failure, leaves no half-made lake behind.
    struct RemoveUnlessLake {
        const fs::path& dir;
        bool made, lake = false;
        ~RemoveUnlessLake() {
            std::error_code ec;
            if (made && !lake) fs::remove_all(dir, ec);
        }
    } made_dir{o.dir, new_dir};
    fs::create_directories(o.dir);
    Manifest m;
    const auto previous_manifest = read_manifest(o.dir);
    if (previous_manifest) {
        if (previous_manifest->format != format_name(o.format))
            throw std::invalid_argument(fmt::format("{} holds a {} lake: export {} to another directory", o.dir.string(),
                                                    previous_manifest->format, format_name(o.format)));
        m = *previous_manifest;
    }
    const auto spans = SeasonSpans::load(con);
    refuse_narrower_range(con, spans, tables, m, o);
    // A range none of the selected dated tables has a row in selects nothing, whatever the undated
    // tables (directory, identities, ops) hold: no lake, and the caller says so. Such an export wrote
    // a lake of undated tables and exited 0 (audit). A table the store does not have yet (models.*
    // before their first write) holds no row. A selection of undated tables only takes no range.
    {
        const StoreColumns existing(con);
        auto dated = [](const CatalogTable* t) { return !t->date_column.empty() || t->partition_by == PartitionBy::GameIdSeason; };
        const bool any_dated = std::any_of(tables.begin(), tables.end(), dated);
        if (!o.range.all() && any_dated && std::none_of(tables.begin(), tables.end(), [&](const CatalogTable* t) {
                if (!dated(t) || !existing.has(*t)) return false;
                return con.query(fmt::format("SELECT count(*) FROM {} WHERE {}", t->qualified(),
                                             PartitionSql(*t, spans).where(PartitionKey{}, o.range)))
                           .scalar_int()
                           .value_or(0) > 0;
            }))
            return {};
    }
    remove_stale_staging(o.dir);
    const fs::path staging = o.dir / ("_staging-" + store::new_run_id());
    const SourceGates gates(con);
    const StoreColumns store_columns(con);
    const LedgerFingerprints ledger(con);
    // COURTSIDE_TRACE=1 prints where the export spends its time (states, files, manifest).
    const bool trace = std::getenv("COURTSIDE_TRACE") != nullptr;
    auto clock = std::chrono::steady_clock::now();
    auto lap = [&](const std::string& what) {
        if (!trace) return;
        auto now = std::chrono::steady_clock::now();
        fmt::print(stderr, "trace: {:<48} {:7.1f} ms\n", what, std::chrono::duration<double, std::milli>(now - clock).count());
        clock = now;
    };
    lap("manifest read, calendar");

    ExportSummary summary;
    std::vector<std::string> swept;
    for (const CatalogTable* t : tables) {
        store_columns.require(con, *t);
        TableExport te;
        te.table = t->qualified();
        const PartitionSql sql(*t, spans);
        ManifestTable previous = m.tables.count(te.table) ? m.tables.at(te.table) : ManifestTable{};
        // Without --from/--until each table keeps the range it was exported with (the update of a
        // November lake added October; audit); a table new to the lake is exported whole.
        o.range = asked.range.all() && !previous.schema.is_null() ? DateRange::parse(previous.schema.value("range", std::string("..")))
                                                                  : asked.range;
        ManifestTable now;
        now.schema = table_schema(*t, o.range);
        std::string columns, order;
        for (const auto* c : file_columns(*t)) columns += (columns.empty() ? "" : ", ") + file_column(*c, o.format);
        for (const auto& k : t->spec->primary_key) order += (order.empty() ? "" : ", ") + fmt::format("\"{}\"", k);

        // A raw table none of whose sources gained a file since: its recorded states stand.
        std::vector<PartitionState> states;
        if (t->changes == ChangeSource::SourceFiles) now.source_gate = gates.gate(*t, o.range);
        if (!now.source_gate.empty() && now.source_gate == previous.source_gate && previous.schema == now.schema) {
            for (const auto& p : previous.partitions) states.push_back({p.key, p.state, p.rows, {}});
        } else {
            states = partition_states(con, *t, spans, ledger, o.range);
        }
        lap(te.table + " state");
        for (const auto& state : states) {
            const std::string rel = partition_path(te.table, state.key, o.format);
            auto same = std::find_if(previous.partitions.begin(), previous.partitions.end(),
                                     [&](const ManifestPartition& p) { return p.key == state.key; });
            std::error_code ec;
            if (same != previous.partitions.end() && same->state == state.fingerprint && same->path == rel &&
                static_cast<int64_t>(fs::file_size(o.dir / rel, ec)) == same->bytes && !ec) {
                now.partitions.push_back(*same);
                ++te.unchanged;
                te.rows += same->rows;
                continue;
            }
            const fs::path staged = staging / rel;
            fs::create_directories(staged.parent_path());
            auto result = con.query(fmt::format("COPY (SELECT {} FROM {} WHERE {} ORDER BY {}) TO {} ({})", columns,
                                                te.table, sql.where(state.key, o.range), order,
                                                sql_string(staged.string()), copy_options(o.format)));
            ManifestPartition p;
            p.key = state.key;
            p.path = rel;
            p.rows = static_cast<int64_t>(result.rows_changed());
            p.bytes = static_cast<int64_t>(fs::file_size(staged));
            p.file_hash = file_hash(staged);
            p.state = state.fingerprint;
            p.written_at = core::format_utc_micros(core::now_micros());
            fs::create_directories((o.dir / rel).parent_path());
            fs::rename(staged, o.dir / rel);  // atomic: readers see the old file or the new one
            now.partitions.push_back(p);
            ++te.written;
            te.rows += p.rows;
            te.rows_written += p.rows;
            te.bytes_written += p.bytes;
        }
        for (const auto& p : previous.partitions)
            if (std::none_of(now.partitions.begin(), now.partitions.end(),
                             [&](const ManifestPartition& q) { return q.key == p.key; }))
                ++te.removed;
        // Every row of the table (in the range) is in exactly one partition: a row whose season
        // disagrees with the calendar, or rows the ledger does not account for, would be lost.
        const int64_t in_store = te.written == 0 ? te.rows : con.query(fmt::format("SELECT count(*) FROM {} WHERE {}", te.table,
                                                       sql.where(PartitionKey{}, o.range)))
                                     .scalar_int()
                                     .value_or(-1);
        if (in_store != te.rows)
            throw std::runtime_error(fmt::format("{}: {} rows in the store but {} in its partitions (rows outside their "
                                                 "calendar season, or without a ledger entry); the manifest was not updated",
                                                 te.table, in_store, te.rows));
        // Files to sweep: partitions that left, or a table the manifest did not list (files a
        // killed run renamed in before it could record them).
        if (te.removed || !m.tables.count(te.table)) swept.push_back(te.table);
        m.tables[te.table] = std::move(now);
        if (te.written) lap(te.table + " files");
        if (progress) progress(te);
        summary.tables.push_back(std::move(te));
    }

    m.format = format_name(o.format);
    m.compression = compression_name(o.format);
    m.code_version = core::code_version();
    m.exported_at = core::format_utc_micros(core::now_micros());
    m.store = store_path;
    if (!asked.range.all() || !previous_manifest) m.range = asked.range.text();  // else each table kept its own
    if (summary.rows() == 0) {  // nothing exported is not a lake: no manifest to say otherwise (audit)
        fs::remove_all(staging);
        int64_t held = 0;
        if (previous_manifest)
            for (const auto& [name, table] : previous_manifest->tables) held += table.rows();
        // A store that selects nothing (the wrong --db) does not empty a lake that holds rows.
        if (held > 0)
            throw std::runtime_error(fmt::format("{} holds {} rows, and this export selects none: the lake was left as it was "
                                                 "(another store, or a range without rows?)",
                                                 o.dir.string(), held));
        return summary;
    }
    write_manifest(o.dir, m);  // last: the lake's new state becomes the recorded one
    made_dir.lake = true;
    lap("manifest write");
    for (const auto& name : swept) remove_unlisted(o.dir, name, m.tables.at(name));
    fs::remove_all(staging);
    lap("cleanup");
    return summary;
}

}  // namespace courtside::export_
