#include "export/partition_state.hpp"

#include "core/hash.hpp"

#include <date/date.h>
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace courtside::export_ {

std::string DateRange::text() const {
    return (from ? core::format_date(*from) : std::string()) + ".." + (until ? core::format_date(*until) : std::string());
}

DateRange DateRange::parse(const std::string& text) {
    const auto dots = text.find("..");
    if (dots == std::string::npos) throw std::invalid_argument(fmt::format("'{}' is not a date range (FROM..UNTIL)", text));
    auto date = [&](const std::string& s) -> std::optional<core::Date> {
        if (s.empty()) return std::nullopt;
        auto d = core::parse_date(s);
        if (!d) throw std::invalid_argument(fmt::format("'{}' is not a date range (FROM..UNTIL)", text));
        return d;
    };
    return {date(text.substr(0, dots)), date(text.substr(dots + 2))};
}

bool DateRange::covers(const DateRange& other) const {
    const bool starts = !from || (other.from && *other.from >= *from);
    const bool ends = !until || (other.until && *other.until <= *until);
    return starts && ends;
}

std::string PartitionKey::month_text() const { return month ? core::format_date(*month).substr(0, 7) : ""; }

std::string PartitionKey::text() const {
    if (!season) return "";
    return fmt::format("season={}", *season) + (month ? "/" + month_text() : "");
}

PartitionKey PartitionKey::parse(const std::string& text) {
    PartitionKey k;
    if (text.empty()) return k;
    const auto slash = text.find('/');
    k.season = std::stoi(text.substr(text.find('=') + 1, slash == std::string::npos ? std::string::npos : slash - text.find('=') - 1));
    if (slash != std::string::npos) k.month = core::parse_date(text.substr(slash + 1) + "-01");
    return k;
}

std::string spec_signature(const store::TableSpec& spec) {
    std::string s;
    for (const auto& c : spec.columns) s += c.name + ":" + store::sql_type(c.type) + (c.not_null ? "!" : "") + ",";
    s += "|";
    for (const auto& k : spec.primary_key) s += k + ",";
    return s;
}

namespace {

std::string quoted(const std::string& column) { return "\"" + column + "\""; }
std::string date_literal(core::Date d) { return "DATE '" + core::format_date(d) + "'"; }

core::Date days(date::sys_days d) { return static_cast<core::Date>(d.time_since_epoch().count()); }
core::Date month_start(core::Date d) {
    auto ymd = date::year_month_day{date::sys_days{date::days{d}}};
    return days(date::sys_days{ymd.year() / ymd.month() / date::day{1}});
}
core::Date month_end(core::Date first) {
    auto ymd = date::year_month_day{date::sys_days{date::days{first}}};
    return days(date::sys_days{ymd.year() / ymd.month() / date::last});
}

// Start year from the YY digits of 00TYYNNNNN (core::season_of_game_id, in SQL).
std::string game_id_season_sql() {
    return "(CASE WHEN CAST(substr(game_id, 4, 2) AS INTEGER) >= 46 THEN 1900 ELSE 2000 END + "
           "CAST(substr(game_id, 4, 2) AS INTEGER))";
}

}  // namespace

PartitionSql::PartitionSql(const CatalogTable& table, const SeasonSpans& spans) : table_(table), spans_(spans) {
    switch (table.partition_by) {
        case PartitionBy::None: break;
        case PartitionBy::SeasonColumn: season_expr_ = "season"; break;
        case PartitionBy::GameIdSeason: season_expr_ = game_id_season_sql(); break;
        case PartitionBy::DateSeason: season_expr_ = spans.season_sql(quoted(table.date_column)); break;
    }
}

PartitionKey PartitionSql::key_of(core::Date d) const {
    PartitionKey k;
    if (table_.partition_by == PartitionBy::None) return k;
    k.season = spans_.season_of(d);
    if (!table_.date_column.empty()) k.month = month_start(d);
    return k;
}

std::string PartitionSql::where(const PartitionKey& key, const DateRange& range) const {
    std::vector<std::string> terms;
    const std::string date = quoted(table_.date_column);
    if (key.season) {
        if (table_.partition_by == PartitionBy::DateSeason && !key.month) {
            auto [lo, hi] = spans_.dates_of(*key.season);  // a plain range: zone maps and indexes apply
            terms.push_back(fmt::format("{} BETWEEN {} AND {}", date, date_literal(lo), date_literal(hi)));
        } else if (table_.partition_by != PartitionBy::DateSeason) {
            terms.push_back(fmt::format("{} = {}", season_expr_, *key.season));
        }
        if (key.month) {  // the month within the season (a month can straddle two seasons' spans)
            core::Date lo = *key.month, hi = month_end(*key.month);
            if (table_.partition_by == PartitionBy::DateSeason) {
                auto [slo, shi] = spans_.dates_of(*key.season);
                lo = std::max(lo, slo), hi = std::min(hi, shi);
            }
            terms.push_back(fmt::format("{} BETWEEN {} AND {}", date, date_literal(lo), date_literal(hi)));
        }
    }
    if (!table_.date_column.empty()) {
        if (range.from) terms.push_back(fmt::format("{} >= {}", date, date_literal(*range.from)));
        if (range.until) terms.push_back(fmt::format("{} <= {}", date, date_literal(*range.until)));
    } else if (table_.partition_by == PartitionBy::GameIdSeason) {  // no date: whole seasons of the range
        if (range.from) terms.push_back(fmt::format("{} >= {}", season_expr_, spans_.season_of(*range.from)));
        if (range.until) terms.push_back(fmt::format("{} <= {}", season_expr_, spans_.season_of(*range.until)));
    }
    if (terms.empty()) return "TRUE";
    std::string out;
    for (const auto& t : terms) out += (out.empty() ? "" : " AND ") + t;
    return out;
}

std::string PartitionSql::where_dates(const std::vector<core::Date>& dates) const {
    if (dates.empty()) return "FALSE";
    std::string list;
    for (core::Date d : dates) list += (list.empty() ? "" : ", ") + date_literal(d);
    return fmt::format("{} IN ({})", quoted(table_.date_column), list);
}

SourceGates::SourceGates(store::Connection& con) {
    con.query("SELECT source_kind, count(*)::VARCHAR || '/' || bit_xor(hash(source_hash))::VARCHAR FROM ops.ingested_files GROUP BY 1")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) by_kind_[std::string(c.get_string(0, r))] = std::string(c.get_string(1, r));
        });
}

std::string SourceGates::gate(const CatalogTable& table, const DateRange& range) const {
    std::string all = spec_signature(*table.spec) + "|" + range.text() + "|";
    for (const auto& k : table.source_kinds) {
        auto it = by_kind_.find(k);
        all += k + "=" + (it == by_kind_.end() ? "none" : it->second) + ";";
    }
    return core::content_hash(all);
}

LedgerFingerprints::LedgerFingerprints(store::Connection& con) {
    con.query("SELECT processor, partition_date, status || '/' || coalesce(output_fingerprint, '') || '/' || rows, "
              "CASE WHEN status = 'failed' THEN 1 ELSE rows END FROM ops.partition_ledger "
              "WHERE rows > 0 OR status = 'failed' ORDER BY processor, partition_date")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r)
                by_processor_[std::string(c.get_string(0, r))].push_back(
                    {c.get_date(1, r), std::string(c.get_string(2, r)), c.get_int(3, r)});
        });
}

const std::vector<LedgerFingerprints::Entry>& LedgerFingerprints::of(const std::string& processor) const {
    static const std::vector<Entry> none;
    auto it = by_processor_.find(processor);
    return it == by_processor_.end() ? none : it->second;
}

std::vector<PartitionState> partition_states(store::Connection& con, const CatalogTable& table, const SeasonSpans& spans,
                                             const LedgerFingerprints& ledger, const DateRange& range) {
    // Not the range itself: a partition's fingerprint is its content, which the range already
    // selects (the dates of a cut month, its rows). So a partition wholly inside two ranges is the
    // same under both, and an export without a range after a ranged one rewrites only what the
    // range had cut or left out (it rewrote every partition).
    const std::string header = spec_signature(*table.spec) + "|";
    const PartitionSql sql(table, spans);
    std::map<PartitionKey, PartitionState> parts;

    if (table.changes == ChangeSource::Ledger) {
        for (const auto& e : ledger.of(table.processor)) {
            if ((range.from && e.date < *range.from) || (range.until && e.date > *range.until)) continue;
            auto& p = parts[sql.key_of(e.date)];
            p.dates[e.date] = e.fingerprint;
            p.rows += e.rows;
        }
        for (auto& [key, p] : parts) {
            p.key = key;
            std::string all = header;
            for (const auto& [d, fp] : p.dates) all += core::format_date(d) + "=" + fp + ";";
            p.fingerprint = core::content_hash(all);
        }
    } else {
        const std::string season = sql.season_expr().empty() ? "NULL::INTEGER" : sql.season_expr();
        const std::string month = table.date_column.empty() || table.partition_by == PartitionBy::None
                                      ? "NULL::DATE"
                                      : "date_trunc('month', " + quoted(table.date_column) + ")::DATE";
        std::string query;
        if (table.changes == ChangeSource::SourceFiles) {
            // Raw rows are a function of their file's content: the files' hashes per partition.
            // Grouped by file and date (or game-id year) first, so the season expression runs
            // on thousands of groups, not on millions of rows.
            const bool by_game = table.partition_by == PartitionBy::GameIdSeason;
            const std::string key = by_game ? "substr(game_id, 4, 2)" : table.date_column.empty() ? "NULL" : quoted(table.date_column);
            const std::string s = by_game ? "(CASE WHEN CAST(k AS INTEGER) >= 46 THEN 1900 ELSE 2000 END + CAST(k AS INTEGER))"
                                          : (table.partition_by == PartitionBy::None ? "NULL::INTEGER" : spans.season_sql("k"));
            const std::string m = by_game || table.date_column.empty() || table.partition_by == PartitionBy::None
                                      ? "NULL::DATE"
                                      : "date_trunc('month', k)::DATE";
            query = fmt::format("SELECT {} AS s, {} AS m, sum(n)::BIGINT, coalesce(bit_xor(DISTINCT hash(source_hash)), 0)::VARCHAR "
                                "FROM (SELECT {} AS k, source_hash, count(*) AS n FROM {} WHERE {} GROUP BY ALL) GROUP BY s, m ORDER BY s, m",
                                s, m, key, table.qualified(), sql.where(PartitionKey{}, range));
        } else {
            // The other tables are small enough to hash (all columns, or those that stand for a row).
            std::string row = "t";
            if (!table.change_columns.empty()) {
                row.clear();
                for (const auto& c : table.change_columns) row += (row.empty() ? "" : ", ") + quoted(c);
            }
            query = fmt::format("SELECT {} AS s, {} AS m, count(*), coalesce(bit_xor(hash({})), 0)::VARCHAR FROM {} t WHERE {} "
                                "GROUP BY s, m ORDER BY s, m",
                                season, month, row, table.qualified(), sql.where(PartitionKey{}, range));
        }
        con.query(query)
            .for_each_chunk([&](const store::Chunk& c) {
                for (size_t r = 0; r < c.size(); ++r) {
                    PartitionKey key;
                    if (!c.is_null(0, r)) key.season = static_cast<int>(c.get_int(0, r));
                    if (!c.is_null(1, r)) key.month = c.get_date(1, r);
                    auto& p = parts[key];
                    p.key = key;
                    p.rows = c.get_int(2, r);
                    p.fingerprint = core::content_hash(header + std::to_string(p.rows) + "/" + std::string(c.get_string(3, r)));
                }
            });
    }

    std::vector<PartitionState> out;
    if (table.partition_by == PartitionBy::None) {  // always there, even empty: its schema is worth sharing
        auto& p = parts[PartitionKey{}];
        if (p.fingerprint.empty()) p.fingerprint = core::content_hash(header + "0/0");
        out.push_back(std::move(p));
        return out;
    }
    for (auto& [key, p] : parts)
        if (p.rows > 0) out.push_back(std::move(p));
    return out;
}

}  // namespace courtside::export_
