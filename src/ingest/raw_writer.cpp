#include "ingest/raw_writer.hpp"

#include "ingest/keyed_sources.hpp"
#include "ingest/keyed_tables.hpp"
#include "ingest/raw_rows.hpp"
#include "store/raw_tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <unordered_map>

namespace courtside::ingest {

RawWriter::RawWriter(store::Connection& con) : con_(con) {
    auto load = [&](const char* sql, std::set<std::string>& out) {
        con_.query(sql).for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) out.emplace(c.get_string(0, r));
        });
    };
    load("SELECT DISTINCT game_id FROM raw.boxscore_player", box_games_);
    load("SELECT DISTINCT game_id FROM raw.playbyplay", pbp_games_);
    load("SELECT DISTINCT game_id FROM raw.team_game_log", log_games_);
    load("SELECT DISTINCT source_file FROM ops.quarantine", quarantined_files_);
    con_.query("SELECT source_file, source_hash FROM ops.ingested_files ORDER BY ingested_at, source_hash")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) stored_.add(std::string(c.get_string(0, r)), std::string(c.get_string(1, r)));
        });
    // Content whose game's rows another file replaced since (write_batch notes it).
    con_.query("SELECT source_hash FROM ops.ingested_files WHERE starts_with(note, 'displaced by ')")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) stored_.displace(std::string(c.get_string(0, r)));
        });
}

bool StoredFiles::unchanged(const std::string& path, const std::string& hash) const {
    if (displaced_.count(hash)) return false;
    if (auto it = hash_by_path_.find(path); it != hash_by_path_.end()) return it->second == hash;
    auto owner = path_by_hash_.find(hash);
    if (owner == path_by_hash_.end()) return false;
    auto current = hash_by_path_.find(owner->second);
    return current != hash_by_path_.end() && current->second == hash;
}

void StoredFiles::add(const std::string& path, const std::string& hash) {
    hash_by_path_[path] = hash;
    path_by_hash_[hash] = path;
}

void StoredFiles::loaded(const std::string& path, const std::string& hash) {
    displaced_.erase(hash);
    // The writer deleted the rows of this path and of this hash: a path that held the hash before
    // (another copy) no longer has a record, and this path's older contents are gone.
    if (auto it = path_by_hash_.find(hash); it != path_by_hash_.end() && it->second != path) {
        if (auto h = hash_by_path_.find(it->second); h != hash_by_path_.end() && h->second == hash) hash_by_path_.erase(h);
    }
    if (auto it = hash_by_path_.find(path); it != hash_by_path_.end() && it->second != hash) path_by_hash_.erase(it->second);
    add(path, hash);
}

namespace {

std::string table_of(SourceKind k) {
    if (is_props_kind(k)) return "raw.prop_lines";
    if (is_player_log_kind(k)) return "raw.player_game_log";
    return "raw.player_directory";
}

std::string game_of(const ParsedFile& f) {
    if (!f.box.empty()) return f.box.front().game_id;
    if (!f.pbp.empty()) return f.pbp.front().game_id;
    return {};
}

}  // namespace

void RawWriter::resolve_quarantine(const std::vector<std::string>& paths) {
    std::optional<store::PreparedStatement> unq;
    auto resolve = [&](const std::string& p) {
        if (!unq) unq.emplace(con_.prepare("DELETE FROM ops.quarantine WHERE source_file = ?"));
        unq->bind(1, p).execute();
    };
    for (const auto& p : paths)
        if (quarantined_files_.erase(p)) resolve(p);
    // A quarantined file under a directory just listed that is no longer there was removed: its
    // entry goes too (it stayed in `status` for ever; audit).
    for (auto it = quarantined_files_.begin(); it != quarantined_files_.end();) {
        const bool under = std::any_of(paths.begin(), paths.end(), [&](const std::string& dir) {
            return it->size() > dir.size() && it->compare(0, dir.size(), dir) == 0 && (*it)[dir.size()] == '/';
        });
        std::error_code ec;  // the entry itself, not what it points to (a dangling link is still there)
        const auto st = std::filesystem::symlink_status(*it, ec);
        if (under && st.type() == std::filesystem::file_type::not_found) {
            resolve(*it);
            it = quarantined_files_.erase(it);
        } else {
            ++it;
        }
    }
}

BatchResult RawWriter::write_batch(std::vector<ParsedFile>& batch, int64_t at) {
    BatchResult r;
    // Within a batch the last file (path order) carrying a game wins; earlier ones are superseded.
    std::unordered_map<std::string, size_t> last_box, last_pbp;
    std::map<std::pair<std::string, int64_t>, std::pair<size_t, size_t>> log_rows;  // (game, team) -> (file, row)
    // Two lines files of one market in a batch (a second download beside the first) wrote the
    // same line twice, and the batch failed on the store's key: the later file (path order) holds
    // a line both carry; each file's other lines load.
    std::map<std::pair<std::string, std::string>, size_t> last_line;  // (line key, bet type) -> file
    for (size_t i = 0; i < batch.size(); ++i) {
        const auto& f = batch[i];
        if (f.unchanged || f.error || !f.skip_reason.empty()) continue;
        if (is_box_kind(f.kind)) last_box[game_of(f)] = i;
        if (f.kind == SourceKind::PlayByPlayV2) last_pbp[game_of(f)] = i;
        if (f.kind == SourceKind::LeagueGameLogTeam)
            for (size_t k = 0; k < f.team_log.size(); ++k) log_rows[{f.team_log[k].game_id, f.team_log[k].team_id}] = {i, k};
        if (f.kind == SourceKind::GameLines)
            for (const auto& g : f.lines) last_line[{g.line_key, g.bet_type}] = i;
    }

    KeyedSources keyed(batch);
    KeyedTables keyed_tables(batch);

    store::Transaction tx(con_);
    auto del_box = con_.prepare("DELETE FROM raw.boxscore_player WHERE game_id = ?");
    auto del_pbp = con_.prepare("DELETE FROM raw.playbyplay WHERE game_id = ?");
    // Team-game by team-game: a file holding one conference or one team (leaguegamefinder by
    // conference) replaces its teams' rows of a game, never the other team's (review).
    auto del_log = con_.prepare("DELETE FROM raw.team_game_log WHERE game_id = ? AND team_id = ?");
    auto del_log_file = con_.prepare("DELETE FROM raw.team_game_log WHERE source_file = ?");
    // A new version of a lines file replaces its own rows (a line it no longer lists goes) and, line
    // by line, what other files said of the lines it lists. Another file's other lines stay: a
    // market's whole rows went, and a partial download beside the full history erased the history.
    auto del_lines_file = con_.prepare("DELETE FROM raw.game_lines WHERE source_file = ?");
    auto del_lines_keys = con_.prepare("DELETE FROM raw.game_lines WHERE line_key || chr(31) || bet_type IN "
                                       "(SELECT unnest(string_split(?, chr(30))))");
    auto quarantine = con_.prepare("INSERT OR REPLACE INTO ops.quarantine VALUES (?, ?, ?, ?, ?, make_timestamp(?))");

    std::set<std::string> replaced;
    // The content a replaced game's rows came from no longer backs them (one game per file): a
    // later ingest of it, in this run or another, loads it again.
    // Said in its ops.ingested_files row, in this transaction: which file holds the game now.
    auto box_hashes = con_.prepare("SELECT DISTINCT source_hash FROM raw.boxscore_player WHERE game_id = ?");
    auto pbp_hashes = con_.prepare("SELECT DISTINCT source_hash FROM raw.playbyplay WHERE game_id = ?");
    auto note = con_.prepare("UPDATE ops.ingested_files SET note = 'displaced by ' || ? || coalesce('; ' || note, '') "
                             "WHERE source_hash = ?");
    auto displace = [&](store::PreparedStatement& hashes, const std::string& game, const ParsedFile& by) {
        for (const auto& row : hashes.bind(1, game).execute().rows_as_text())
            if (row[0] && *row[0] != by.hash) {
                stored_.displace(*row[0]);
                note.bind(1, by.path).bind(2, *row[0]).execute();
            }
    };
    for (const auto& [game, i] : last_box)
        if (box_games_.count(game)) {
            displace(box_hashes, game, batch[i]);
            del_box.bind(1, game).execute();
            replaced.insert(game);
        }
    for (const auto& [game, i] : last_pbp)
        if (pbp_games_.count(game)) {
            displace(pbp_hashes, game, batch[i]);
            del_pbp.bind(1, game).execute();
            replaced.insert(game);
        }
    for (const auto& f : batch)
        if (f.kind == SourceKind::LeagueGameLogTeam && !f.unchanged && !f.error) del_log_file.bind(1, f.path).execute();
    for (const auto& f : batch)
        if (f.kind == SourceKind::GameLines && !f.unchanged && !f.error) {
            del_lines_file.bind(1, f.path).execute();
            std::string keys;
            for (const auto& g : f.lines) keys += (keys.empty() ? "" : "\x1e") + g.line_key + '\x1f' + g.bet_type;
            del_lines_keys.bind(1, keys).execute();
        }
    for (const auto& [key, where] : log_rows)
        if (log_games_.count(key.first)) {
            del_log.bind(1, key.first).bind(2, key.second).execute();
            replaced.insert(key.first);
        }
    r.games_replaced = replaced.size();
    r.keyed_rows_replaced = keyed.delete_replaced(con_) + keyed_tables.delete_replaced(con_);

    // A path loaded again (changed, or restored to an earlier version) and content loaded again
    // under another path keep one ops.ingested_files row: their current one. Their dropped-row
    // records are rewritten below.
    {
        std::string paths, hashes;
        for (const auto& f : batch) {
            if (f.unchanged || f.error || !f.skip_reason.empty() || !stored_.recorded(f.path, f.hash)) continue;
            paths += (paths.empty() ? "" : "\x1f") + f.path;
            hashes += (hashes.empty() ? "" : "\x1f") + f.hash;
        }
        if (!paths.empty()) {
            for (const char* table : {"ops.ingested_files", "ops.dropped_rows"}) {
                auto del = con_.prepare(fmt::format("DELETE FROM {} WHERE source_file IN (SELECT unnest(string_split(?, chr(31)))) "
                                                    "OR source_hash IN (SELECT unnest(string_split(?, chr(31))))",
                                                    table));
                del.bind(1, paths).bind(2, hashes).execute();
            }
        }
    }

    {
        store::Appender box(con_, "raw", "boxscore_player");
        store::ChunkAppender pbp(con_, store::raw_playbyplay_spec());
        store::Appender log(con_, "raw", "team_game_log");
        store::Appender files(con_, "ops", "ingested_files");
        store::Appender dropped(con_, "ops", "dropped_rows");
        store::Appender lines(con_, "raw", "game_lines");
        std::optional<KeyedSources::Appenders> keyed_out;
        if (keyed.any()) keyed_out.emplace(con_);
        std::optional<KeyedTables::Appenders> tables_out;
        if (keyed_tables.any()) tables_out.emplace(con_);
        for (size_t i = 0; i < batch.size(); ++i) {
            auto& f = batch[i];
            if (f.error) {
                quarantine.bind(1, f.path).bind(2, f.hash.empty() ? std::string("unreadable") : f.hash)
                    .bind(3, std::string(source_kind_name(f.kind))).bind(4, static_cast<int64_t>(f.error->row))
                    .bind(5, f.error->reason).bind(6, at).execute();
                continue;
            }
            if (f.unchanged || !f.skip_reason.empty()) continue;
            size_t rows = 0, games = 0;
            std::string note;
            if (is_box_kind(f.kind) || f.kind == SourceKind::PlayByPlayV2) {
                auto& winners = is_box_kind(f.kind) ? last_box : last_pbp;
                std::string game = game_of(f);
                if (winners.at(game) != i) {
                    note = fmt::format("superseded by {}", batch[winners.at(game)].path);
                    ++r.files_superseded;
                } else if (is_box_kind(f.kind)) {
                    for (const auto& b : f.box) append_box(box, b, {f.path, f.hash, at});
                    rows = f.box.size(); games = 1;
                    r.rows_by_table["raw.boxscore_player"] += rows;
                    box_games_.insert(game);
                } else {
                    for (const auto& e : f.pbp) append_pbp(pbp, e, {f.path, f.hash, at});
                    rows = f.pbp.size(); games = 1;
                    r.rows_by_table["raw.playbyplay"] += rows;
                    pbp_games_.insert(game);
                }
            } else if (f.kind == SourceKind::GameLines) {
                size_t skipped = 0;
                std::map<std::string, size_t> superseded;  // later file -> rows
                for (const auto& g : f.lines) {
                    if (size_t later = last_line.at({g.line_key, g.bet_type}); later != i) {
                        ++superseded[batch[later].path];
                        continue;
                    }
                    append_line(lines, g, {f.path, f.hash, at});
                    ++rows;
                    skipped += g.skip_reason.empty() ? 0 : 1;
                }
                if (skipped) note = fmt::format("{} rows are not NBA games (exhibition or All-Star teams): kept with skip_reason", skipped);
                for (const auto& [later, n] : superseded)
                    note += fmt::format("{}{} rows superseded by {} (a later file with the same lines)", note.empty() ? "" : "; ", n, later);
                r.rows_by_table["raw.game_lines"] += rows;
            } else if (f.kind == SourceKind::LeagueGameLogTeam) {
                std::set<std::string> gs;
                for (size_t k = 0; k < f.team_log.size(); ++k) {
                    const auto& g = f.team_log[k];
                    if (log_rows.at({g.game_id, g.team_id}) != std::make_pair(i, k)) continue;
                    append_team_log(log, g, {f.path, f.hash, at});
                    ++rows;
                    gs.insert(g.game_id);
                    log_games_.insert(g.game_id);
                }
                games = gs.size();
                if (rows < f.team_log.size()) note = fmt::format("{} rows superseded by later files", f.team_log.size() - rows);
                r.rows_by_table["raw.team_game_log"] += rows;
            } else if (keyed_out && (is_props_kind(f.kind) || is_player_log_kind(f.kind) || f.kind == SourceKind::PlayerDirectory)) {
                auto w = keyed.append(i, *keyed_out, at);
                rows = w.rows, games = w.games, note = w.note;
                if (w.superseded) ++r.files_superseded;
                if (rows) r.rows_by_table[table_of(f.kind)] += rows;
            }
            // The keyed tables of the fetched sources (a live box score also records its game's status).
            if (tables_out) {
                auto w = keyed_tables.append(i, *tables_out, at);
                rows += w.rows;
                games = std::max(games, w.games);
                if (!w.note.empty()) note += (note.empty() ? "" : "; ") + w.note;
                for (const auto& [t, n] : w.rows_by_table) r.rows_by_table[t] += n;
            }
            for (const auto& d : f.dropped) {
                dropped.append(f.hash).append(static_cast<int64_t>(d.row)).append(f.path).append(d.reason).end_row();
                ++r.rows_dropped;
            }
            if (!f.note.empty()) note += (note.empty() ? "" : "; ") + f.note;
            files.append(f.hash).append(f.path).append(std::string(source_kind_name(f.kind)))
                .append(static_cast<int64_t>(rows)).append(static_cast<int64_t>(games));
            if (note.empty()) files.append_null(); else files.append(note);
            files.append_timestamp_us(at);
            files.end_row();
            stored_.loaded(f.path, f.hash);
            ++r.files_loaded;
        }
        box.close(); pbp.close(); log.close(); files.close(); dropped.close(); lines.close();
        if (keyed_out) keyed_out->close();
        if (tables_out) tables_out->close();
    }
    // A quarantined file that now loads cleanly, or is back to the content the store holds, is no
    // longer quarantined.
    auto unq = con_.prepare("DELETE FROM ops.quarantine WHERE source_file = ?");
    for (const auto& f : batch)
        if (!f.error && (f.unchanged || f.skip_reason.empty()) && quarantined_files_.erase(f.path)) unq.bind(1, f.path).execute();
    for (const auto& f : batch)
        if (f.error) quarantined_files_.insert(f.path);
    tx.commit();
    return r;
}

store::Result ingest_totals(store::Connection& con) {
    return con.query("SELECT (SELECT count(*) FROM ops.ingested_files) AS files_ingested, "
                     "(SELECT count(*) FROM ops.quarantine) AS files_quarantined");
}

store::Result quarantined_files(store::Connection& con, size_t limit) {
    auto q = con.prepare("SELECT source_file, row_number, reason FROM ops.quarantine ORDER BY source_file LIMIT ?");
    q.bind(1, static_cast<int64_t>(limit));
    return q.execute();
}

}  // namespace courtside::ingest
