// Odds API player props. Two layouts are recorded, told apart by their headers:
//  - snapshots (with event_id): raw_<YYYYMMDD>_<HHMMSS>.csv, one 17:00 UTC capture per day;
//  - per-date files (no event_id): props_<YYYY-MM-DD>_<market>.csv, the pre-game lines of the
//    games of that US/Eastern date. Some carry bookmaker_last_update / market_last_update.
// Odds columns come in either order (over_odds, under_odds or the reverse): read by name.
//
// When a line was current (snapshot_at), in order of preference:
//  1. a capture time in the file name (raw_20251021_170000 -> 2025-10-21T17:00:00Z, UTC);
//  2. the row's market_last_update, else its bookmaker_last_update (the book's own timestamps);
//  3. the file name's date D: the capture time was not recorded, only that the lines are pre-game
//     lines for the games of D. snapshot_at is then D 00:00 US/Eastern, the earliest instant the
//     capture can have happened; every tip-off of D comes after it, and any timed capture of the
//     same day sorts after it.
#include "core/dates.hpp"
#include "core/teams.hpp"
#include "core/vocabulary.hpp"
#include "ingest/column_reader.hpp"
#include "ingest/sources.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <tuple>

namespace courtside::ingest {

namespace {

bool digits(std::string_view s) {
    for (char c : s)
        if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    return !s.empty();
}

}  // namespace

std::optional<SnapshotName> snapshot_from_file_name(std::string_view file_name) {
    std::string base = std::filesystem::path(std::string(file_name)).filename().string();
    std::string_view b = base;
    // YYYYMMDD_HHMMSS
    for (size_t i = 0; i + 15 <= b.size(); ++i) {
        auto ymd = b.substr(i, 8), hms = b.substr(i + 9, 6);
        if (b[i + 8] != '_' || !digits(ymd) || !digits(hms)) continue;
        if (i > 0 && std::isdigit(static_cast<unsigned char>(b[i - 1]))) continue;
        auto iso = fmt::format("{}-{}-{}T{}:{}:{}Z", ymd.substr(0, 4), ymd.substr(4, 2), ymd.substr(6, 2), hms.substr(0, 2),
                               hms.substr(2, 2), hms.substr(4, 2));
        if (auto us = core::parse_utc_micros(iso)) return SnapshotName{iso, us, core::parse_date(iso)};
    }
    // YYYY-MM-DD
    for (size_t i = 0; i + 10 <= b.size(); ++i) {
        if (i > 0 && std::isdigit(static_cast<unsigned char>(b[i - 1]))) continue;
        if (auto d = core::parse_date(b.substr(i, 10)); d && (i + 10 == b.size() || !std::isdigit(static_cast<unsigned char>(b[i + 10]))))
            return SnapshotName{std::string(b.substr(i, 10)), std::nullopt, d};
    }
    return std::nullopt;
}

std::vector<PropLineRow> parse_prop_lines(const Table& t, SourceKind kind, std::string_view file_name,
                                          std::vector<DroppedRow>& dropped) {
    const std::string source(source_kind_name(kind));
    ColumnReader r(t, source);
    const int c_event = r.optional("event_id"), c_player = r.require("player"), c_market = r.require("market"),
              c_line = r.require("line"), c_book = r.require("bookmaker"), c_game = r.require("game"),
              c_time = r.require("game_time"), c_over = r.require("over_odds"), c_under = r.require("under_odds"),
              c_book_upd = r.optional("bookmaker_last_update"), c_market_upd = r.optional("market_last_update");
    auto name = snapshot_from_file_name(file_name);
    if (!name)
        throw ParseError(0, fmt::format("{}: the file name '{}' carries no snapshot time (YYYYMMDD_HHMMSS) or date "
                                        "(YYYY-MM-DD): its lines cannot be ordered in time",
                                        source, std::filesystem::path(std::string(file_name)).filename().string()));

    auto timestamp = [&](size_t i, int col) -> std::optional<int64_t> {
        auto s = r.text(i, col);
        if (s.empty()) return std::nullopt;
        auto us = core::parse_utc_micros(s);
        if (!us) r.fail(i, col, fmt::format("'{}' is not a UTC time", s));
        return us;
    };
    auto odds = [&](size_t i, int col) {
        auto v = r.opt_int(i, col, kInt32Min, kInt32Max);
        if (v && std::llabs(*v) < 100) r.fail(i, col, fmt::format("'{}' is not American odds (|odds| >= 100)", *v));
        return v;
    };
    auto required = [&](size_t i, int col) {
        auto s = r.text(i, col);
        if (s.empty()) r.fail(i, col, "value is missing");
        return std::string(s);
    };

    auto known = [&](size_t i, int col, const core::Vocabulary& v) {
        auto value = v.normalize(required(i, col));
        if (!value) r.fail(i, col, v.unknown_message(r.text(i, col)));
        return *value;
    };

    std::vector<PropLineRow> out;
    out.reserve(t.rows());
    using Key = std::tuple<std::string_view, std::string_view, std::string_view, std::string_view, std::string_view,
                           std::string_view>;
    std::map<Key, size_t> seen;
    for (size_t i = 0; i < t.rows(); ++i) {
        r.check_width(i);
        PropLineRow p;
        p.source_row = i + 2;
        p.snapshot_id = name->id;
        p.event_id = r.text(i, c_event);
        p.player = required(i, c_player);
        p.market = known(i, c_market, core::prop_markets());
        p.bookmaker = known(i, c_book, core::bookmakers());
        p.game = required(i, c_game);
        p.game_time = required(i, c_time);
        p.line = r.opt_double(i, c_line);
        p.over_odds = odds(i, c_over);
        p.under_odds = odds(i, c_under);
        auto tip = core::parse_utc_micros(p.game_time);
        if (!tip) r.fail(i, c_time, fmt::format("'{}' is not a UTC time", p.game_time));
        p.tipoff_us = *tip;
        p.game_date = *core::eastern_date_of_utc(p.game_time);
        p.bookmaker_last_update_us = timestamp(i, c_book_upd);
        p.market_last_update_us = timestamp(i, c_market_upd);
        if (name->time_us) {
            p.snapshot_us = *name->time_us, p.snapshot_basis = "file_name_time";
        } else if (p.market_last_update_us) {
            p.snapshot_us = *p.market_last_update_us, p.snapshot_basis = "market_last_update";
        } else if (p.bookmaker_last_update_us) {
            p.snapshot_us = *p.bookmaker_last_update_us, p.snapshot_basis = "bookmaker_last_update";
        } else {
            p.snapshot_us = core::eastern_midnight_utc_micros(*name->date), p.snapshot_basis = "file_date";
        }
        if (auto at = p.game.find(" @ "); at != std::string::npos) {
            std::string away = p.game.substr(0, at), home = p.game.substr(at + 3);
            const auto *a = core::team_by_name(away), *h = core::team_by_name(home);
            if (a) p.away_team = a->tricode;
            if (h) p.home_team = h->tricode;
            if (!a || !h) p.skip_reason = fmt::format("not an NBA game: '{}' @ '{}'", away, home);
        } else {
            p.skip_reason = fmt::format("game '{}' is not 'Away @ Home'", p.game);
        }
        // An over/under priced without its line cannot be a book line: dropped, and said where
        // (it vanished without a word; audit). Yes/no markets (double-double) have no line.
        if (!p.line && p.over_odds && p.under_odds && !core::is_yes_no_market(p.market)) {
            dropped.push_back({i + 2, fmt::format("{} {} {}: over and under odds without a line", p.player, p.market, p.bookmaker)});
            continue;
        }
        Key key{r.text(i, c_time), r.text(i, c_game), r.text(i, c_player), r.text(i, c_market), r.text(i, c_book),
                r.text(i, c_line)};
        if (auto [it, fresh] = seen.emplace(key, i); !fresh) {
            if (!same_row(t, it->second, i))
                r.fail(i, c_line, fmt::format("{} {} {} line {} listed twice with different odds", p.player, p.market,
                                              p.bookmaker, r.text(i, c_line)));
            dropped.push_back({i + 2, fmt::format("exact duplicate of row {}", it->second + 2)});
            continue;
        }
        out.push_back(std::move(p));
    }
    if (out.empty()) throw ParseError(2, source + ": no rows");
    return out;
}

}  // namespace courtside::ingest
