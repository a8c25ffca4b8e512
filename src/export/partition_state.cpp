#include "export/partition_state.hpp"

#include "core/hash.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace courtside::export_ {

std::string DateRange::text() const {
    return (from ? core::format_date(*from) : std::string()) + ".." + (until ? core::format_date(*until) : std::string());
}

std::string spec_signature(const store::TableSpec& spec) {
    std::string s;
    for (const auto& c : spec.columns) s += c.name + ":" + store::sql_type(c.type) + (c.not_null ? "!" : "") + ",";
    s += "|";
    for (const auto& k : spec.primary_key) s += k + ",";
    return s;
}

std::string partition_name(const std::optional<int>& season) { return season ? fmt::format("season={}", *season) : ""; }

namespace {

std::string quoted(const std::string& column) { return "\"" + column + "\""; }
std::string date_literal(core::Date d) { return "DATE '" + core::format_date(d) + "'"; }

// Start year from the YY digits of 00TYYNNNNN (core::season_of_game_id, in SQL).
std::string game_id_season_sql() {
    return "(CASE WHEN CAST(substr(game_id, 4, 2) AS INTEGER) >= 46 THEN 1900 ELSE 2000 END + "
           "CAST(substr(game_id, 4, 2) AS INTEGER))";
}

std::optional<int> season_at(const store::Chunk& c, size_t r) {
    return c.is_null(0, r) ? std::nullopt : std::optional<int>(static_cast<int>(c.get_int(0, r)));
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

std::string PartitionSql::where(const std::optional<int>& season, const DateRange& range) const {
    std::vector<std::string> terms;
    if (season) {
        if (table_.partition_by == PartitionBy::DateSeason) {
            auto [lo, hi] = spans_.dates_of(*season);  // a plain range: zone maps and indexes apply
            terms.push_back(fmt::format("{} BETWEEN {} AND {}", quoted(table_.date_column), date_literal(lo), date_literal(hi)));
        } else {
            terms.push_back(fmt::format("{} = {}", season_expr_, *season));
        }
    }
    if (!table_.date_column.empty()) {
        if (range.from) terms.push_back(fmt::format("{} >= {}", quoted(table_.date_column), date_literal(*range.from)));
        if (range.until) terms.push_back(fmt::format("{} <= {}", quoted(table_.date_column), date_literal(*range.until)));
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

std::vector<PartitionState> partition_states(store::Connection& con, const CatalogTable& table, const SeasonSpans& spans,
                                             const DateRange& range) {
    const std::string header = spec_signature(*table.spec) + "|" + range.text() + "|";
    std::map<std::optional<int>, PartitionState> by_season;

    if (table.changes == ChangeSource::Ledger) {
        auto q = con.prepare("SELECT partition_date, status || '/' || coalesce(output_fingerprint, '') || '/' || rows, "
                             "CASE WHEN status IN ('complete', 'complete_empty') THEN rows ELSE 0 END, status = 'failed' "
                             "FROM ops.partition_ledger WHERE processor = ? AND partition_date BETWEEN ? AND ? "
                             "ORDER BY partition_date");
        q.bind(1, table.processor).bind_date(2, range.from.value_or(INT32_MIN / 2)).bind_date(3, range.until.value_or(INT32_MAX / 2));
        q.execute().for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) {
                core::Date d = c.get_date(0, r);
                auto& p = by_season[spans.season_of(d)];
                p.dates[d] = std::string(c.get_string(1, r));
                p.rows += c.get_int(2, r);
                // A failed partition keeps the rows of its last good run: the season may hold rows.
                if (c.get_bool(3, r)) p.rows = std::max<int64_t>(p.rows, 1);
            }
        });
        for (auto& [season, p] : by_season) {
            p.season = season;
            std::string all = header;
            for (const auto& [d, fp] : p.dates) all += core::format_date(d) + "=" + fp + ";";
            p.fingerprint = core::content_hash(all);
        }
    } else {
        const PartitionSql sql(table, spans);
        const std::string season = sql.season_expr().empty() ? "NULL::INTEGER" : sql.season_expr();
        // Raw rows are a function of their file's content; the other tables are small enough to hash.
        const std::string digest =
            table.changes == ChangeSource::SourceFiles ? "bit_xor(DISTINCT hash(source_hash))" : "bit_xor(hash(t))";
        con.query(fmt::format("SELECT {} AS s, count(*), coalesce({}, 0)::VARCHAR FROM {} t WHERE {} GROUP BY s ORDER BY s",
                              season, digest, table.qualified(), sql.where(std::nullopt, range)))
            .for_each_chunk([&](const store::Chunk& c) {
                for (size_t r = 0; r < c.size(); ++r) {
                    auto& p = by_season[season_at(c, r)];
                    p.season = season_at(c, r);
                    p.rows = c.get_int(1, r);
                    p.fingerprint = core::content_hash(header + std::to_string(p.rows) + "/" + std::string(c.get_string(2, r)));
                }
            });
    }

    std::vector<PartitionState> out;
    if (table.partition_by == PartitionBy::None) {  // always there, even empty: its schema is worth sharing
        auto& p = by_season[std::nullopt];
        if (p.fingerprint.empty()) p.fingerprint = core::content_hash(header + "0/0");
        out.push_back(std::move(p));
        return out;
    }
    for (auto& [season, p] : by_season)
        if (p.rows > 0) out.push_back(std::move(p));
    return out;
}

}  // namespace courtside::export_
