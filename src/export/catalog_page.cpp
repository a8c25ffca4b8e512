#include "export/catalog_page.hpp"

#include "core/version.hpp"
#include "export/catalog.hpp"
#include "export/comments.hpp"
#include "export/store_columns.hpp"
#include "models/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace courtside::export_ {

using models::svg::escape;

size_t comment_store(store::Connection& con) {
    const StoreColumns columns(con);
    for (const auto& t : store_tables()) columns.require(con, t);
    store::Transaction tx(con);
    size_t n = 0;
    for (const auto& t : store_tables())
        for (const auto& s : comment_statements(t, fmt::format("\"{}\".\"{}\"", t.spec->schema, t.spec->name), t.spec->is_view())) {
            con.execute(s);
            ++n;
        }
    tx.commit();
    return n;
}

namespace {

// Columns of the lineage graph: raw -> Phase 3 -> Phase 4 -> features -> models -> grades, with
// props (lines resolved to players) beside Phase 3. Ops tables are bookkeeping, not lineage.
int graph_column(Layer l) {
    switch (l) {
        case Layer::Raw: return 0;
        case Layer::Analytics: case Layer::Props: return 1;
        case Layer::Precompute: return 2;
        case Layer::Features: return 3;
        case Layer::Models: return 4;
        case Layer::Grades: return 5;
        case Layer::Ops: return -1;
    }
    return -1;
}

const char* layer_color(Layer l) {
    switch (l) {
        case Layer::Raw: return "#e8e8e8";
        case Layer::Props: return "#f6e3c6";
        case Layer::Analytics: return "#cfe3f7";
        case Layer::Precompute: return "#d6efd5";
        case Layer::Features: return "#e6dcf5";
        case Layer::Models: return "#f7d7d7";
        case Layer::Grades: return "#f5f0c4";
        case Layer::Ops: return "#ffffff";
    }
    return "#ffffff";
}

std::string lineage_svg() {
    constexpr int kW = 230, kH = 26, kGapX = 60, kGapY = 10, kTop = 30;
    const char* headers[] = {"raw (ingest)", "Phase 3 analytics / props", "Phase 4 precompute", "features", "models", "grades"};
    std::map<std::string, std::pair<int, int>> pos;  // table -> (x, y) of its box
    std::map<int, int> filled;
    std::vector<const CatalogTable*> nodes;
    for (const auto& t : store_tables()) {
        int col = graph_column(t.layer);
        if (col < 0 || t.staging) continue;
        int row = filled[col]++;
        pos[t.qualified()] = {10 + col * (kW + kGapX), kTop + row * (kH + kGapY)};
        nodes.push_back(&t);
    }
    int rows = 0;
    for (const auto& [c, n] : filled) rows = std::max(rows, n);
    const int width = 10 + 6 * (kW + kGapX) + 30, height = kTop + rows * (kH + kGapY) + 10;
    std::string s = fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" font-family="sans-serif" font-size="11">)",
                                width, height);
    s += R"(<defs><marker id="arrow" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto">)"
         R"(<path d="M0 0 L6 3 L0 6 z" fill="#778"/></marker></defs>)";
    for (int c = 0; c < 6; ++c) s += fmt::format(R"(<text x="{}" y="16" font-weight="bold">{}</text>)", 10 + c * (kW + kGapX), headers[c]);
    for (const CatalogTable* t : nodes) {
        auto [x2, y2] = pos.at(t->qualified());
        for (const auto& u : t->upstream) {
            auto it = pos.find(u);
            if (it == pos.end()) continue;
            auto [x1, y1] = it->second;
            const int ax = x1 + kW, ay = y1 + kH / 2, by = y2 + kH / 2;
            if (x1 == x2)  // within a column (Phase 4's declared order): a loop on the right-hand side
                s += fmt::format(R"(<path d="M{0} {1} C{2} {1} {2} {3} {0} {3}" fill="none" stroke="#aa7755" )"
                                 R"svg(stroke-opacity="0.7" marker-end="url(#arrow)"/>)svg",
                                 ax, ay, ax + 28, by);
            else
                s += fmt::format(R"(<path d="M{} {} C{} {} {} {} {} {}" fill="none" stroke="#8899aa" stroke-opacity="0.55" )"
                                 R"svg(marker-end="url(#arrow)"/>)svg",
                                 ax, ay, ax + kGapX / 2 + 20, ay, x2 - kGapX / 2 - 20, by, x2, by);
        }
    }
    for (const CatalogTable* t : nodes) {
        auto [x, y] = pos.at(t->qualified());
        s += fmt::format(R"(<a href="#{0}"><rect x="{1}" y="{2}" width="{3}" height="{4}" rx="4" fill="{5}" stroke="#667"/>)"
                         R"(<text x="{6}" y="{7}">{0}</text></a>)",
                         escape(t->qualified()), x, y, kW, kH, layer_color(t->layer), x + 6, y + 17);
    }
    return s + "</svg>";
}

struct LedgerSummary {
    std::map<std::string, int64_t> by_status;
    std::string first, last, last_run;
    int64_t rows = 0;
};

std::map<std::string, LedgerSummary> ledger_summary(store::Connection& con) {
    std::map<std::string, LedgerSummary> out;
    con.query("SELECT processor, status, count(*), sum(rows)::BIGINT, min(partition_date)::VARCHAR, max(partition_date)::VARCHAR, "
              "strftime(max(started_at), '%Y-%m-%d %H:%M') FROM ops.partition_ledger GROUP BY ALL ORDER BY ALL")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) {
                auto& s = out[std::string(c.get_string(0, r))];
                s.by_status[std::string(c.get_string(1, r))] = c.get_int(2, r);
                s.rows += c.get_int(3, r);
                std::string first(c.get_string(4, r)), last(c.get_string(5, r)), run(c.get_string(6, r));
                if (s.first.empty() || first < s.first) s.first = first;
                if (last > s.last) s.last = last;
                if (run > s.last_run) s.last_run = run;
            }
        });
    return out;
}

std::string status_bar(const LedgerSummary& s) {
    static const std::vector<std::pair<std::string, const char*>> kColors = {
        {"complete", "#4caf50"}, {"complete_empty", "#b0bec5"}, {"skipped_bootstrap", "#90caf9"}, {"failed", "#e53935"}};
    int64_t total = 0;
    for (const auto& [k, n] : s.by_status) total += n;
    std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" width="200" height="12">)";
    double x = 0;
    for (const auto& [status, color] : kColors) {
        auto it = s.by_status.find(status);
        if (it == s.by_status.end() || total == 0) continue;
        double w = 200.0 * static_cast<double>(it->second) / static_cast<double>(total);
        svg += fmt::format(R"(<rect x="{:.1f}" y="0" width="{:.1f}" height="12" fill="{}"><title>{} {}</title></rect>)", x, w, color,
                           status, it->second);
        x += w;
    }
    return svg + "</svg>";
}

std::string join(const std::vector<std::string>& v, bool links) {
    std::string s;
    for (const auto& x : v) {
        if (!s.empty()) s += ", ";
        s += links && find_table(x) ? fmt::format(R"(<a href="#{0}">{0}</a>)", escape(x)) : escape(x);
    }
    return s.empty() ? "-" : s;
}

std::map<std::string, int64_t> row_counts(store::Connection& con) {
    std::map<std::string, int64_t> out;
    con.query("SELECT schema_name || '.' || table_name, estimated_size FROM duckdb_tables()").for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) out[std::string(c.get_string(0, r))] = c.get_int(1, r);
    });
    // A cut feature version is a view: counted (its source's rows), as no size is stored for it.
    for (const auto& t : store_tables())
        if (t.spec->is_view())
            out[t.qualified()] = con.query(fmt::format("SELECT count(*) FROM {}", t.qualified())).scalar_int().value_or(0);
    return out;
}

const char* partitioning(const CatalogTable& t) {
    switch (t.partition_by) {
        case PartitionBy::None: return "one partition";
        case PartitionBy::SeasonColumn: return "season (its column)";
        case PartitionBy::GameIdSeason: return "season (from game_id)";
        case PartitionBy::DateSeason: return "season (of its date, by the calendar)";
    }
    return "";
}

}  // namespace

std::string catalog_html(store::Connection& con, const std::string& store_path) {
    const auto ledger = ledger_summary(con);
    const auto counts = row_counts(con);
    std::string h = R"(<!doctype html><html><head><meta charset="utf-8"><title>courtside catalog</title><style>
body{font-family:sans-serif;margin:24px;color:#222;max-width:1800px}h1{margin-bottom:4px}h2{margin-top:36px;border-bottom:1px solid #ccc}
h3{margin:28px 0 4px}table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;font-size:13px;vertical-align:top}
th{background:#f3f3f3;text-align:left}.meta{color:#555;font-size:13px}.scroll{overflow-x:auto}code{background:#f4f4f4;padding:0 3px}
.layer{display:inline-block;padding:0 6px;border:1px solid #999;border-radius:3px;font-size:12px}
</style></head><body>)";
    h += fmt::format("<h1>courtside catalog</h1><p class=\"meta\">store <code>{}</code> &middot; code {} &middot; {} tables. "
                     "Generated by <code>courtside docs</code> from the processor registry and the table specs; the same "
                     "descriptions are stored as <code>COMMENT ON</code> in the store and in published PostgreSQL tables.</p>",
                     escape(store_path), escape(core::code_version()), store_tables().size());

    h += "<h2>Lineage</h2><p class=\"meta\">Each arrow is a declared upstream table (processors) or a command's input. "
         "Click a box for its columns.</p><div class=\"scroll\">" + lineage_svg() + "</div>";

    h += "<h2>Partition status per processor</h2><table><tr><th>processor</th><th>table</th><th>partitions</th>"
         "<th>complete</th><th>empty</th><th>bootstrap</th><th>failed</th><th>status</th><th>rows</th><th>dates</th><th>last run</th></tr>";
    for (const auto& t : store_tables()) {
        if (t.changes != ChangeSource::Ledger) continue;
        auto it = ledger.find(t.processor);
        LedgerSummary s = it == ledger.end() ? LedgerSummary{} : it->second;
        int64_t total = 0;
        for (const auto& [k, n] : s.by_status) total += n;
        auto n = [&](const char* k) { return s.by_status.count(k) ? s.by_status.at(k) : 0; };
        h += fmt::format("<tr><td>{0}</td><td><a href=\"#{1}\">{1}</a></td><td>{2}</td><td>{3}</td><td>{4}</td><td>{5}</td><td>{6}</td>"
                         "<td>{7}</td><td>{8}</td><td>{9}</td><td>{10}</td></tr>",
                         escape(t.processor), escape(t.qualified()), total, n("complete"), n("complete_empty"),
                         n("skipped_bootstrap"), n("failed"), total ? status_bar(s) : "never run", s.rows,
                         total ? s.first + " .. " + s.last : "-", escape(s.last_run));
    }
    h += "</table>";

    h += "<h2>Tables</h2><table><tr><th>table</th><th>layer</th><th>what one row is</th><th>key</th><th>rows</th><th>written by</th>"
         "<th>upstream</th><th>read by</th><th>partitioned by</th></tr>";
    for (const auto& t : store_tables()) {
        auto c = counts.find(t.qualified());
        h += fmt::format("<tr><td><a href=\"#{0}\">{0}</a></td><td><span class=\"layer\" style=\"background:{1}\">{2}</span></td>"
                         "<td>{3}</td><td>{4}</td><td>{5}</td><td>{6}</td><td>{7}</td><td>{8}</td><td>{9}</td></tr>",
                         escape(t.qualified()), layer_color(t.layer), layer_name(t.layer), escape(t.spec->description),
                         join(t.spec->primary_key, false), c == counts.end() ? "-" : std::to_string(c->second), escape(t.writer),
                         join(t.upstream, true), join(t.readers, false), t.staging ? "staging (never exported)" : partitioning(t));
    }
    h += "</table>";

    h += "<h2>Columns</h2>";
    for (const auto& t : store_tables()) {
        h += fmt::format("<h3 id=\"{0}\">{0}</h3><p class=\"meta\">{1} Key ({2}). Written by {3}; read by {4}.</p>", escape(t.qualified()),
                         escape(t.spec->description), join(t.spec->primary_key, false), escape(t.writer), join(t.readers, false));
        h += "<table><tr><th>column</th><th>type</th><th>null</th><th>unit</th><th>meaning</th></tr>";
        for (const auto& c : t.spec->columns) {
            const bool key = std::find(t.spec->primary_key.begin(), t.spec->primary_key.end(), c.name) != t.spec->primary_key.end();
            h += fmt::format("<tr><td><code>{}</code>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", escape(c.name),
                             key ? " &#128273;" : "", store::sql_type(c.type), c.not_null ? "no" : "yes", escape(c.unit),
                             escape(c.description));
        }
        h += "</table>";
    }
    return h + "</body></html>\n";
}

}  // namespace courtside::export_
