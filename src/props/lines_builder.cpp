#include "core/version.hpp"
#include "props/lines_builder.hpp"

#include "core/dates.hpp"
#include "core/game_id.hpp"
#include "core/teams.hpp"
#include "props/consensus_line.hpp"
#include "props/player_identity.hpp"
#include "props/props_tables.hpp"
#include "store/schema.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace courtside::props {

namespace {

// Source kinds (ops.ingested_files) whose content the props tables are derived from.
constexpr const char* kInputKinds =
    "boxscoretraditionalv2,boxscoretraditionalv3,cdn_boxscore,leaguegamelog_team,odds_api_props_snapshot,"
    "odds_api_props_daily,odds_api_odds,player_game_log,leaguegamelog_player,player_directory";

std::string inputs_fingerprint(store::Connection& con) {
    auto st = con.prepare(
        "SELECT count(*)::VARCHAR || ':' || coalesce(bit_xor(hash(source_hash)), 0)::VARCHAR FROM ops.ingested_files "
        "WHERE source_kind IN (SELECT unnest(string_split(?, ',')))");
    st.bind(1, kInputKinds);
    return st.execute().scalar_string().value_or("") + ":" + core::code_version();
}

struct RawLine {
    std::string kind, snapshot_id, player, market, bookmaker, game, away, home, skip;
    int64_t source_row = 0, tip_us = 0, snap_us = 0;
    std::optional<double> line, over, under;
    core::Date date = 0;
};

std::vector<RawLine> load_lines(store::Connection& con) {
    std::vector<RawLine> out;
    auto text = [](const store::Chunk& c, size_t col, size_t r) {
        return c.is_null(col, r) ? std::string() : std::string(c.get_string(col, r));
    };
    con.query("SELECT source_kind, snapshot_id, source_row, player, market, line, bookmaker, over_odds, under_odds, game, "
              "epoch_us(tipoff_at), epoch_us(snapshot_at), game_date, away_team, home_team, skip_reason "
              "FROM raw.prop_lines ORDER BY game_date, game, player, market, bookmaker, source_kind, snapshot_id, source_row")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r) {
                RawLine l;
                l.kind = text(c, 0, r), l.snapshot_id = text(c, 1, r), l.source_row = c.get_int(2, r);
                l.player = text(c, 3, r), l.market = text(c, 4, r), l.line = c.opt_double(5, r);
                l.bookmaker = text(c, 6, r), l.over = c.opt_double(7, r), l.under = c.opt_double(8, r);
                l.game = text(c, 9, r), l.tip_us = c.get_int(10, r), l.snap_us = c.get_int(11, r);
                l.date = c.get_date(12, r), l.away = text(c, 13, r), l.home = text(c, 14, r), l.skip = text(c, 15, r);
                out.push_back(std::move(l));
            }
        });
    return out;
}

// (date, lower team id, higher team id) -> GAME_ID, from the team log.
using GameKey = std::tuple<core::Date, int64_t, int64_t>;
std::map<GameKey, std::string> load_team_log_games(store::Connection& con) {
    std::map<std::string, std::vector<std::pair<core::Date, int64_t>>> teams_of;
    con.query("SELECT game_id, game_date, team_id FROM raw.team_game_log ORDER BY game_id, team_id")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r)
                teams_of[std::string(c.get_string(0, r))].emplace_back(c.get_date(1, r), c.get_int(2, r));
        });
    std::map<GameKey, std::string> out;
    for (const auto& [game_id, teams] : teams_of)
        if (teams.size() == 2) out[{teams[0].first, teams[0].second, teams[1].second}] = game_id;  // ids ascend
    return out;
}

struct GameInfo {
    std::string away, home, game_id, reason;
    int season = 0;
    int64_t tip_us = 0, latest_snap_us = 0;
    size_t rows = 0;
};

struct NameInfo {
    NameMatch match;
    size_t rows = 0;
    std::set<std::string> kinds;
};

std::string joined(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += (out.empty() ? "" : ",") + x;
    return out;
}

void append_opt_odds(store::Appender& a, const std::optional<double>& v) {
    if (v) a.append(static_cast<int64_t>(*v)); else a.append_null();
}

void append_text_or_null(store::Appender& a, const std::string& s) {
    if (s.empty()) a.append_null(); else a.append(s);
}

}  // namespace

bool lines_stale(store::Connection& con) {
    auto stored = con.query("SELECT max_by(inputs_fingerprint, build) FROM props.build_info").scalar_string();
    return !stored || *stored != inputs_fingerprint(con);
}

LinesReport rebuild_lines(store::Connection& con) {
    const auto index = PlayerIdentityIndex::load(con);
    const auto team_log_games = load_team_log_games(con);
    const auto lines = load_lines(con);

    // Games: GAME_ID from the team log by (US/Eastern date, both teams); the tip-off as the latest capture saw it.
    std::map<std::pair<core::Date, std::string>, GameInfo> games;
    for (const auto& l : lines) {
        auto& g = games[{l.date, l.game}];
        if (g.rows++ == 0) {
            g.away = l.away, g.home = l.home, g.reason = l.skip;
            const auto *a = core::team_by_tricode(l.away), *h = core::team_by_tricode(l.home);
            if (a && h) {
                auto it = team_log_games.find({l.date, std::min(a->team_id, h->team_id), std::max(a->team_id, h->team_id)});
                if (it != team_log_games.end()) g.game_id = it->second;
                else g.reason = fmt::format("no team-log game of {} and {} on {}", l.away, l.home, core::format_date(l.date));
            }
            g.season = g.game_id.empty() ? core::season_of_date(l.date) : core::season_of_game_id(g.game_id);
        }
        if (l.snap_us >= g.latest_snap_us) g.latest_snap_us = l.snap_us, g.tip_us = l.tip_us;
    }

    // Names, per season (folded suffixes make a father and a son one key; the season tells them apart).
    std::map<std::pair<std::string, int>, NameInfo> names;
    for (const auto& l : lines) {
        int season = games.at({l.date, l.game}).season;
        auto [it, fresh] = names.try_emplace({l.player, season});
        if (fresh) it->second.match = index.resolve(l.player, season);
        ++it->second.rows;
        it->second.kinds.insert(l.kind);
    }

    // Quotes per (date, game, player, market), matched players with a line only.
    using LineKey = std::tuple<core::Date, std::string, int64_t, std::string>;
    std::map<LineKey, std::vector<Quote>> quotes;
    for (size_t i = 0; i < lines.size(); ++i) {
        const auto& l = lines[i];
        const auto& m = names.at({l.player, games.at({l.date, l.game}).season}).match;
        if (!m.player_id || !l.line) continue;
        quotes[{l.date, l.game, *m.player_id, l.market}].push_back(
            {l.bookmaker, l.kind + "|" + l.snapshot_id, l.snap_us, *l.line, l.over, l.under, i});
    }

    store::Transaction tx(con);
    for (const auto* t : props_tables()) con.execute("DELETE FROM " + t->qualified());
    {
        store::Appender ident(con, "props", "player_identity");
        for (const auto& [key, list] : index.entries())
            for (const auto& e : list) {
                ident.append(key).append(e.player_id).append(e.display_name).append(static_cast<int64_t>(e.first_season))
                    .append(static_cast<int64_t>(e.last_season)).append(e.games).append(e.sources)
                    .append(static_cast<int64_t>(list.size()));
                ident.end_row();
            }
        ident.close();

        store::Appender nm(con, "props", "player_name_matches");
        for (const auto& [key, n] : names) {
            nm.append(key.first).append(static_cast<int64_t>(key.second)).append(n.match.key).append(n.match.player_id)
                .append(match_kind_name(n.match.kind)).append(static_cast<int64_t>(n.match.candidates))
                .append(static_cast<int64_t>(n.rows)).append(joined(n.kinds));
            nm.end_row();
        }
        nm.close();

        store::Appender pg(con, "props", "prop_games");
        for (const auto& [key, g] : games) {
            pg.append_date(key.first).append(key.second);
            append_text_or_null(pg, g.away);
            append_text_or_null(pg, g.home);
            append_text_or_null(pg, g.game_id);
            pg.append(static_cast<int64_t>(g.season)).append_timestamp_us(g.tip_us).append(static_cast<int64_t>(g.rows));
            append_text_or_null(pg, g.game_id.empty() ? g.reason : std::string());
            pg.end_row();
        }
        pg.close();

        store::Appender bl(con, "props", "book_lines");
        store::Appender cl(con, "props", "consensus_lines");
        for (const auto& [key, qs] : quotes) {
            const auto& [date, game, player_id, market] = key;
            const GameInfo& g = games.at({date, game});
            auto books = select_book_lines(qs, g.tip_us);
            auto c = consensus_line(books);
            if (!c) continue;  // every quote came after tip-off
            int64_t latest = 0;
            for (const auto& b : books) {
                const RawLine& l = lines[b.quote.ref];
                latest = std::max(latest, b.quote.snapshot_us);
                bl.append_date(date).append(game).append(player_id).append(market).append(l.bookmaker);
                append_text_or_null(bl, g.game_id);
                bl.append(l.player).append(b.quote.line);
                append_opt_odds(bl, b.quote.over_odds);
                append_opt_odds(bl, b.quote.under_odds);
                bl.append(static_cast<int64_t>(b.lines_posted)).append_timestamp_us(b.quote.snapshot_us)
                    .append_timestamp_us(g.tip_us).append(l.kind).append(l.snapshot_id).append(l.source_row);
                bl.end_row();
            }
            cl.append_date(date).append(game).append(player_id).append(market);
            append_text_or_null(cl, g.game_id);
            append_text_or_null(cl, g.away);
            append_text_or_null(cl, g.home);
            cl.append(lines[books.front().quote.ref].player).append_timestamp_us(g.tip_us).append(c->line)
                .append(static_cast<int64_t>(c->books)).append(c->min_line).append(c->max_line)
                .append(static_cast<int64_t>(c->books_at_line));
            append_opt_odds(cl, c->over_odds);
            append_opt_odds(cl, c->under_odds);
            cl.append_timestamp_us(latest);
            cl.end_row();
        }
        bl.close();
        cl.close();
    }
    auto info = con.prepare("INSERT INTO props.build_info VALUES (1, ?, ?, make_timestamp(?))");
    info.bind(1, inputs_fingerprint(con)).bind(2, core::code_version()).bind(3, core::now_micros()).execute();
    tx.commit();
    return read_lines_report(con);
}

std::optional<LinesReport> refresh_lines(store::Connection& con) {
    if (!store::table_exists(con, "props.build_info") || !lines_stale(con)) return std::nullopt;
    return rebuild_lines(con);
}

LinesReport read_lines_report(store::Connection& con) {
    LinesReport r;
    con.query("SELECT source_kind, rows, rows_matched, names, names_matched FROM props.match_rates ORDER BY source_kind")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t i = 0; i < c.size(); ++i)
                r.sources.push_back({std::string(c.get_string(0, i)), static_cast<size_t>(c.get_int(1, i)),
                                     static_cast<size_t>(c.get_int(2, i)), static_cast<size_t>(c.get_int(3, i)),
                                     static_cast<size_t>(c.get_int(4, i))});
        });
    con.query("SELECT player, match_kind, sum(rows)::BIGINT FROM props.player_name_matches WHERE player_id IS NULL "
              "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t i = 0; i < c.size(); ++i)
                r.unmatched.push_back({std::string(c.get_string(0, i)), std::string(c.get_string(1, i)),
                                       static_cast<size_t>(c.get_int(2, i))});
        });
    con.query("SELECT strftime(game_date, '%Y-%m-%d'), game, coalesce(unresolved_reason, ''), rows FROM props.prop_games "
              "WHERE game_id IS NULL ORDER BY game_date, game")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t i = 0; i < c.size(); ++i)
                r.unresolved_games.push_back({std::string(c.get_string(0, i)), std::string(c.get_string(1, i)),
                                              std::string(c.get_string(2, i)), static_cast<size_t>(c.get_int(3, i))});
        });
    auto n = [&](const char* sql) { return static_cast<size_t>(con.query(sql).scalar_int().value_or(0)); };
    r.identity_keys = n("SELECT count(DISTINCT name_key) FROM props.player_identity");
    r.book_lines = n("SELECT count(*) FROM props.book_lines");
    r.consensus_lines = n("SELECT count(*) FROM props.consensus_lines");
    r.games = n("SELECT count(*) FROM props.prop_games");
    r.games_with_id = n("SELECT count(game_id) FROM props.prop_games");
    r.player_log_rows = n("SELECT count(*) FROM raw.player_game_log_games");
    r.player_log_rows_without_game = n("SELECT count(*) FROM raw.player_game_log_games WHERE game_id IS NULL");
    return r;
}

std::string LinesReport::summary(size_t max_unmatched) const {
    std::string s = fmt::format("props lines: {} games ({} with a GAME_ID), {} book lines, {} consensus lines; "
                                "identity index: {} names",
                                games, games_with_id, book_lines, consensus_lines, identity_keys);
    for (const auto& m : sources)
        s += fmt::format("\n  {:<26} rows {:>7}/{:<7} matched {:6.2f}%   names {:>4}/{:<4} matched {:6.2f}%", m.source_kind,
                         m.rows_matched, m.rows, 100.0 * m.row_rate(), m.names_matched, m.names, 100.0 * m.name_rate());
    if (!unmatched.empty()) {
        s += fmt::format("\n  unmatched names ({}):", unmatched.size());
        for (size_t i = 0; i < unmatched.size() && i < max_unmatched; ++i)
            s += fmt::format("\n    {:<32} {:>6} rows  ({})", unmatched[i].player, unmatched[i].rows, unmatched[i].match_kind);
        if (unmatched.size() > max_unmatched) s += fmt::format("\n    ... and {} more", unmatched.size() - max_unmatched);
    }
    if (!unresolved_games.empty()) {
        s += fmt::format("\n  games without a GAME_ID ({}; their lines keep date + teams as the key):", unresolved_games.size());
        for (size_t i = 0; i < unresolved_games.size() && i < max_unmatched; ++i)
            s += fmt::format("\n    {} {:<44} {:>6} rows  ({})", unresolved_games[i].game_date, unresolved_games[i].game,
                             unresolved_games[i].rows, unresolved_games[i].reason);
        if (unresolved_games.size() > max_unmatched)
            s += fmt::format("\n    ... and {} more", unresolved_games.size() - max_unmatched);
    }
    if (player_log_rows)
        s += fmt::format("\n  player game logs: {} rows, {} without a team-log game (not in Phase 3)", player_log_rows,
                         player_log_rows_without_game);
    return s;
}

}  // namespace courtside::props
