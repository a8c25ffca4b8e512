#include "ingest/keyed_sources.hpp"

#include "ingest/raw_rows.hpp"

#include <fmt/format.h>

#include <set>

namespace courtside::ingest {

bool is_props_kind(SourceKind k) {
    return k == SourceKind::OddsPropsSnapshot || k == SourceKind::OddsPropsDaily || k == SourceKind::OddsApiOdds;
}

static bool loadable(const ParsedFile& f) { return !f.unchanged && !f.error && f.skip_reason.empty(); }

KeyedSources::KeyedSources(const std::vector<ParsedFile>& batch) : batch_(batch) {
    for (size_t i = 0; i < batch.size(); ++i) {
        const auto& f = batch[i];
        if (!loadable(f)) continue;
        // A CSV file is one snapshot; an Odds API response one per (event, book, market).
        if (is_props_kind(f.kind))
            for (const auto& l : f.props) last_snapshot_[{f.kind, l.snapshot_id}] = i;
        if (is_player_log_kind(f.kind))
            for (size_t k = 0; k < f.player_logs.size(); ++k)
                log_rows_[{f.player_logs[k].player_id, f.player_logs[k].game_date}] = {i, k};
        if (f.kind == SourceKind::PlayerDirectory)
            for (size_t k = 0; k < f.directory.size(); ++k) person_rows_[f.directory[k].person_id] = {i, k};
    }
}

size_t KeyedSources::delete_replaced(store::Connection& con) const {
    size_t deleted = 0;
    if (!any()) return 0;
    auto run = [&](store::PreparedStatement& st) { deleted += st.execute().rows_changed(); };
    auto del_snapshot = con.prepare("DELETE FROM raw.prop_lines WHERE source_kind = ? AND snapshot_id = ?");
    for (const auto& [key, i] : last_snapshot_)
        run(del_snapshot.bind(1, std::string(source_kind_name(key.first))).bind(2, key.second));

    auto del_log_file = con.prepare("DELETE FROM raw.player_game_log WHERE source_file = ?");
    auto del_dir_file = con.prepare("DELETE FROM raw.player_directory WHERE source_file = ?");
    for (const auto& f : batch_) {
        if (!loadable(f)) continue;
        if (is_player_log_kind(f.kind)) run(del_log_file.bind(1, f.path));
        if (f.kind == SourceKind::PlayerDirectory) run(del_dir_file.bind(1, f.path));
    }
    // Keys go in as one comma-separated parameter, split in SQL: one statement, nothing spliced.
    std::string log_keys, person_keys;
    for (const auto& [key, where] : log_rows_)
        log_keys += fmt::format("{}{}|{}", log_keys.empty() ? "" : ",", key.first, core::format_date(key.second));
    for (const auto& [id, where] : person_rows_) person_keys += fmt::format("{}{}", person_keys.empty() ? "" : ",", id);
    if (!log_keys.empty()) {
        auto st = con.prepare("DELETE FROM raw.player_game_log WHERE concat(player_id, '|', strftime(game_date, '%Y-%m-%d')) "
                              "IN (SELECT unnest(string_split(?, ',')))");
        run(st.bind(1, log_keys));
    }
    if (!person_keys.empty()) {
        auto st = con.prepare("DELETE FROM raw.player_directory WHERE person_id IN "
                              "(SELECT CAST(unnest(string_split(?, ',')) AS BIGINT))");
        run(st.bind(1, person_keys));
    }
    return deleted;
}

KeyedSources::Appenders::Appenders(store::Connection& con)
    : props(con, "raw", "prop_lines"), player_log(con, "raw", "player_game_log"), directory(con, "raw", "player_directory") {}

void KeyedSources::Appenders::close() {
    props.close();
    player_log.close();
    directory.close();
}

KeyedSources::Written KeyedSources::append(size_t i, Appenders& a, int64_t at) const {
    const ParsedFile& f = batch_[i];
    Provenance p{f.path, f.hash, at};
    Written w;
    if (is_props_kind(f.kind)) {
        if (f.props.empty()) return w;  // an Odds API response with game lines only
        std::set<std::pair<std::string_view, std::string_view>> games;  // (game, tip-off)
        auto kind = source_kind_name(f.kind);
        size_t skipped = 0, superseded = 0;
        std::string by;
        for (const auto& l : f.props) {
            size_t winner = last_snapshot_.at({f.kind, l.snapshot_id});
            if (winner != i) {
                if (!superseded++) by = fmt::format("{} (same snapshot {})", batch_[winner].path, l.snapshot_id);
                continue;
            }
            append_prop_line(a.props, kind, l, p);
            games.emplace(l.game, l.game_time);
            ++w.rows;
            skipped += l.skip_reason.empty() ? 0 : 1;
        }
        w.games = games.size();
        if (superseded == f.props.size()) {
            w.superseded = true;
            w.note = "superseded by " + by;
            return w;
        }
        if (superseded) w.note = fmt::format("{} rows superseded by {}", superseded, by);
        if (skipped) w.note += fmt::format("{}{} rows name a team outside the NBA: kept with skip_reason", w.note.empty() ? "" : "; ", skipped);
    } else if (is_player_log_kind(f.kind)) {
        std::set<std::pair<core::Date, int64_t>> games;  // (date, team)
        for (size_t k = 0; k < f.player_logs.size(); ++k) {
            const auto& g = f.player_logs[k];
            if (log_rows_.at({g.player_id, g.game_date}) != std::make_pair(i, k)) continue;
            append_player_log(a.player_log, g, p);
            games.emplace(g.game_date, g.team_id);
            ++w.rows;
        }
        w.games = games.size();
        if (w.rows < f.player_logs.size()) w.note = fmt::format("{} rows superseded by later files", f.player_logs.size() - w.rows);
    } else if (f.kind == SourceKind::PlayerDirectory) {
        for (size_t k = 0; k < f.directory.size(); ++k) {
            if (person_rows_.at(f.directory[k].person_id) != std::make_pair(i, k)) continue;
            append_directory(a.directory, f.directory[k], p);
            ++w.rows;
        }
        if (w.rows < f.directory.size()) w.note = fmt::format("{} rows superseded by later files", f.directory.size() - w.rows);
    }
    return w;
}

}  // namespace courtside::ingest
