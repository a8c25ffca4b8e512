#include "ingest/keyed_tables.hpp"

#include "ingest/raw_rows.hpp"

#include <fmt/format.h>

#include <set>

namespace courtside::ingest {

namespace {

// One keyed table: where its rows live in a ParsedFile, each row's key (and the same key as SQL
// over the stored rows), its game (for the files' game counts) and how it is appended.
struct TableRows {
    const char* schema;
    const char* name;
    const char* key_sql;
    size_t (*count)(const ParsedFile&);
    std::string (*key)(const ParsedFile&, size_t);
    std::string (*game)(const ParsedFile&, size_t);
    void (*append)(store::Appender&, const ParsedFile&, size_t, const Provenance&);
};

const std::vector<TableRows>& tables() {
    static const std::vector<TableRows> t = {
        {"raw", "schedule", "game_id || '|' || source", [](const ParsedFile& f) { return f.schedule.size(); },
         [](const ParsedFile& f, size_t r) { return f.schedule[r].game_id + "|" + std::string(source_kind_name(f.kind)); },
         [](const ParsedFile& f, size_t r) { return f.schedule[r].game_id; },
         [](store::Appender& a, const ParsedFile& f, size_t r, const Provenance& p) {
             append_schedule(a, source_kind_name(f.kind), f.schedule[r], p);
         }},
        {"raw", "playbyplay_v3", "game_id", [](const ParsedFile& f) { return f.pbp_v3.size(); },
         [](const ParsedFile& f, size_t r) { return f.pbp_v3[r].game_id; },
         [](const ParsedFile& f, size_t r) { return f.pbp_v3[r].game_id; },
         [](store::Appender& a, const ParsedFile& f, size_t r, const Provenance& p) {
             append_pbp_v3(a, source_kind_name(f.kind), f.pbp_v3[r], p);
         }},
        {"raw", "odds_events", "snapshot_id || '|' || event_id", [](const ParsedFile& f) { return f.odds_events.size(); },
         [](const ParsedFile& f, size_t r) { return f.odds_events[r].snapshot_id + "|" + f.odds_events[r].event_id; },
         [](const ParsedFile& f, size_t r) { return f.odds_events[r].event_id; },
         [](store::Appender& a, const ParsedFile& f, size_t r, const Provenance& p) { append_odds_event(a, f.odds_events[r], p); }},
        // Requests may ask for some markets or books only: a (book, market) of an event is replaced whole.
        {"raw", "odds_game_lines", "snapshot_id || '|' || event_id || '|' || bookmaker || '|' || market",
         [](const ParsedFile& f) { return f.odds_lines.size(); },
         [](const ParsedFile& f, size_t r) {
             const auto& l = f.odds_lines[r];
             return l.snapshot_id + "|" + l.event_id + "|" + l.bookmaker + "|" + l.market;
         },
         [](const ParsedFile& f, size_t r) { return f.odds_lines[r].event_id; },
         [](store::Appender& a, const ParsedFile& f, size_t r, const Provenance& p) { append_odds_game_line(a, f.odds_lines[r], p); }},
        {"raw", "injury_report", "CAST(epoch_us(report_at) AS VARCHAR)", [](const ParsedFile& f) { return f.injuries.size(); },
         [](const ParsedFile& f, size_t r) { return std::to_string(f.injuries[r].report_us); },
         [](const ParsedFile& f, size_t r) { return f.injuries[r].matchup + "|" + core::format_date(f.injuries[r].game_date); },
         [](store::Appender& a, const ParsedFile& f, size_t r, const Provenance& p) { append_injury(a, f.injuries[r], p); }},
    };
    return t;
}

bool loadable(const ParsedFile& f) { return !f.unchanged && !f.error && f.skip_reason.empty(); }

}  // namespace

KeyedTables::KeyedTables(const std::vector<ParsedFile>& batch) : batch_(batch) {
    for (size_t i = 0; i < batch.size(); ++i) {
        if (!loadable(batch[i])) continue;
        for (size_t t = 0; t < tables().size(); ++t)
            for (size_t r = 0; r < tables()[t].count(batch[i]); ++r) winner_[{t, tables()[t].key(batch[i], r)}] = i;
    }
}

size_t KeyedTables::delete_replaced(store::Connection& con) const {
    size_t deleted = 0;
    for (size_t t = 0; t < tables().size(); ++t) {
        const auto& tr = tables()[t];
        // Keys and paths go in as one chr(31)-separated parameter, split in SQL: nothing is spliced.
        std::string keys, paths;
        for (const auto& [key, file] : winner_)
            if (key.first == t) keys += (keys.empty() ? "" : "\x1f") + key.second;
        for (const auto& f : batch_)
            if (loadable(f) && tr.count(f)) paths += (paths.empty() ? "" : "\x1f") + f.path;
        if (keys.empty() && paths.empty()) continue;
        auto st = con.prepare(fmt::format("DELETE FROM {}.{} WHERE {} IN (SELECT unnest(string_split(?, chr(31)))) "
                                          "OR source_file IN (SELECT unnest(string_split(?, chr(31))))",
                                          tr.schema, tr.name, tr.key_sql));
        deleted += st.bind(1, keys).bind(2, paths).execute().rows_changed();
    }
    return deleted;
}

KeyedTables::Appenders::Appenders(store::Connection& con) {
    for (const auto& t : tables()) appenders_.push_back(std::make_unique<store::Appender>(con, t.schema, t.name));
}

KeyedTables::Appenders::~Appenders() = default;

store::Appender& KeyedTables::Appenders::at(size_t table) { return *appenders_.at(table); }

void KeyedTables::Appenders::close() {
    for (auto& a : appenders_) a->close();
}

KeyedTables::Written KeyedTables::append(size_t i, Appenders& a, int64_t at) const {
    const ParsedFile& f = batch_[i];
    Written w;
    Provenance p{f.path, f.hash, at};
    std::set<std::string> games;
    size_t superseded = 0;
    for (size_t t = 0; t < tables().size(); ++t) {
        const auto& tr = tables()[t];
        for (size_t r = 0; r < tr.count(f); ++r) {
            if (winner_.at({t, tr.key(f, r)}) != i) {
                ++superseded;
                continue;
            }
            tr.append(a.at(t), f, r, p);
            ++w.rows;
            ++w.rows_by_table[fmt::format("{}.{}", tr.schema, tr.name)];
            games.insert(tr.game(f, r));
        }
    }
    w.games = games.size();
    if (superseded) w.note = fmt::format("{} rows superseded by later files", superseded);
    return w;
}

}  // namespace courtside::ingest
