#include "ingest/column_reader.hpp"

#include "core/game_id.hpp"
#include "core/numbers.hpp"

#include <fmt/format.h>

#include <cctype>

namespace courtside::ingest {

int ColumnReader::require(std::string_view name) const {
    int c = t_.column(name);
    if (c < 0) throw ParseError(1, fmt::format("{}: header has no column {}", source_, name));
    return c;
}

std::string_view ColumnReader::text(size_t row, int col) const {
    if (col < 0) return {};
    return core::trim(t_.cell(row, static_cast<size_t>(col)));
}

std::string_view ColumnReader::name(int col) const {
    return col >= 0 ? std::string_view(t_.headers[static_cast<size_t>(col)]) : std::string_view("?");
}

void ColumnReader::fail(size_t row, int col, const std::string& why) const {
    throw ParseError(row + 2, fmt::format("{}: column {}: {}", source_, name(col), why));
}

void ColumnReader::fail(size_t row, std::initializer_list<int> cols, const std::string& why) const {
    std::string names;
    for (int c : cols) {
        if (!names.empty()) names += ", ";
        names += name(c);
    }
    throw ParseError(row + 2, fmt::format("{}: column{} {}: {}", source_, cols.size() > 1 ? "s" : "", names, why));
}

std::string win_loss(const ColumnReader& r, size_t row, int col) {
    std::string wl(r.text(row, col));
    if (wl == "w" || wl == "l") wl[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(wl[0])));
    if (!wl.empty() && wl != "W" && wl != "L") r.fail(row, col, fmt::format("'{}' is not W or L", wl));
    return wl;
}

void check_date_in_season(const ColumnReader& r, size_t row, int col, std::string_view game_id, core::Date date) {
    const int season = core::season_of_game_id(game_id);
    const core::Date first = *core::parse_date(fmt::format("{}-07-01", season)),
                     last = *core::parse_date(fmt::format("{}-10-31", season + 1));
    if (date < first || date > last)
        r.fail(row, col, fmt::format("{} is outside season {} of game {} ({} .. {})", core::format_date(date), core::season_label(season),
                                     game_id, core::format_date(first), core::format_date(last)));
}

void check_stat_line(const ColumnReader& r, size_t row, const StatLine& s) {
    check_stat_line(
        s, [&](int col) { return std::string(r.name(col)); },
        [&](std::initializer_list<int> cols, const std::string& why) { r.fail(row, cols, why); });
}

void check_stat_line(const StatLine& s, const std::function<std::string(int col)>& name,
                     const std::function<void(std::initializer_list<int> cols, const std::string& why)>& fail) {
    using Stat = StatLine::Stat;
    auto negative = [&](const Stat& x) {
        if (x.value && *x.value < 0) fail({x.col}, fmt::format("negative counting stat {}", *x.value));
        // No game comes near; the sums below cannot overflow under the bound.
        if (x.value && *x.value > kMaxCountingStat)
            fail({x.col}, fmt::format("counting stat {} is beyond any game (over {})", *x.value, kMaxCountingStat));
    };
    for (const Stat* x : {&s.fgm, &s.fga, &s.fg3m, &s.fg3a, &s.ftm, &s.fta, &s.oreb, &s.dreb, &s.reb, &s.ast, &s.stl,
                          &s.blk, &s.tov, &s.pf, &s.pts})
        negative(*x);
    auto le = [&](const Stat& a, const Stat& b) {
        if (a.value && b.value && *a.value > *b.value)
            fail({a.col, b.col}, fmt::format("{} {} > {} {}: inconsistent stat line", name(a.col), *a.value, name(b.col), *b.value));
    };
    le(s.fgm, s.fga);
    le(s.fg3m, s.fg3a);
    le(s.ftm, s.fta);
    le(s.fg3m, s.fgm);
    if (s.pts.value && s.fgm.value && s.fg3m.value && s.ftm.value) {
        int64_t expect = 2 * *s.fgm.value + *s.fg3m.value + *s.ftm.value;
        if (*s.pts.value != expect)
            fail({s.pts.col, s.fgm.col, s.fg3m.col, s.ftm.col},
                 fmt::format("{} {} != 2*{} + {} + {} = 2*{} + {} + {} = {}: inconsistent stat line", name(s.pts.col),
                             *s.pts.value, name(s.fgm.col), name(s.fg3m.col), name(s.ftm.col), *s.fgm.value, *s.fg3m.value,
                             *s.ftm.value, expect));
    }
    if (s.reb.value && s.oreb.value && s.dreb.value && *s.reb.value != *s.oreb.value + *s.dreb.value)
        fail({s.reb.col, s.oreb.col, s.dreb.col},
             fmt::format("{} {} != {} + {} = {} + {}: inconsistent stat line", name(s.reb.col), *s.reb.value,
                         name(s.oreb.col), name(s.dreb.col), *s.oreb.value, *s.dreb.value));
}

void ColumnReader::check_width(size_t row) const {
    if (t_.fields_in_row(row) != t_.headers.size())
        throw ParseError(row + 2, fmt::format("{}: row has {} fields, header has {} (truncated?)", source_,
                                              t_.fields_in_row(row), t_.headers.size()));
}

bool same_row(const Table& t, size_t a, size_t b) {
    for (size_t c = 0; c < t.headers.size(); ++c)
        if (!t.headers[c].empty() && t.cell(a, c) != t.cell(b, c)) return false;
    return true;
}

std::optional<int64_t> ColumnReader::opt_int(size_t row, int col) const {
    auto s = text(row, col);
    if (s.empty() || s == "NA" || s == "None") return std::nullopt;
    auto v = core::parse_int(s);
    if (!v) fail(row, col, fmt::format("'{}' is not an integer", s));
    return v;
}

int64_t ColumnReader::req_int(size_t row, int col) const {
    auto v = opt_int(row, col);
    if (!v) fail(row, col, "value is missing");
    return *v;
}

std::optional<int64_t> ColumnReader::opt_int(size_t row, int col, int64_t lo, int64_t hi) const {
    auto v = opt_int(row, col);
    if (v && (*v < lo || *v > hi)) fail(row, col, fmt::format("{} is out of range [{}, {}]", *v, lo, hi));
    return v;
}

int64_t ColumnReader::req_int(size_t row, int col, int64_t lo, int64_t hi) const {
    auto v = opt_int(row, col, lo, hi);
    if (!v) fail(row, col, "value is missing");
    return *v;
}

std::optional<double> ColumnReader::opt_double(size_t row, int col) const {
    auto s = text(row, col);
    if (s.empty() || s == "NA" || s == "None") return std::nullopt;
    auto v = core::parse_double(s);
    if (!v) fail(row, col, fmt::format("'{}' is not a number", s));
    return v;
}

}  // namespace courtside::ingest
