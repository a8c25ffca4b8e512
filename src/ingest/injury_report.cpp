#include "ingest/injury_report.hpp"

#include "core/dates.hpp"
#include "core/name_normalizer.hpp"
#include "core/numbers.hpp"
#include "core/teams.hpp"
#include "ingest/table.hpp"

#include <fmt/format.h>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <tuple>

namespace courtside::ingest {

namespace {

constexpr std::string_view kSource = "injury_report";

using Word = PdfWord;

// poppler's global state is shared by every document: one PDF at a time.
std::mutex& poppler_mutex() {
    static std::mutex m;
    return m;
}

}  // namespace

std::vector<PdfPage> pdf_words(std::string_view pdf) {
    std::lock_guard lock(poppler_mutex());
    static const bool quiet = [] {
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);  // errors are reported by ParseError
        return true;
    }();
    (void)quiet;
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
    if (!doc || doc->is_locked()) throw ParseError(0, fmt::format("{}: poppler cannot read the PDF (truncated or damaged?)", kSource));
    std::vector<PdfPage> pages;
    for (int i = 0; i < doc->pages(); ++i) {
        std::unique_ptr<poppler::page> p(doc->create_page(i));
        if (!p) throw ParseError(0, fmt::format("{}: poppler cannot read page {} of the PDF", kSource, i + 1));
        PdfPage page;
        for (const auto& box : p->text_list()) {
            auto utf8 = box.text().to_utf8();
            Word w{box.bbox().x(), box.bbox().y(), std::string(utf8.begin(), utf8.end())};
            if (!w.text.empty()) page.push_back(std::move(w));
        }
        std::stable_sort(page.begin(), page.end(), [](const Word& a, const Word& b) {
            if (std::fabs(a.y - b.y) > 1.5) return a.y < b.y;
            return a.x < b.x;
        });
        pages.push_back(std::move(page));
    }
    return pages;
}

namespace {

// Words of one printed line.
struct Line {
    double y = 0;
    std::vector<const Word*> words;
    std::string text() const {
        std::string s;
        for (const auto* w : words) s += (s.empty() ? "" : " ") + w->text;
        return s;
    }
};

std::vector<Line> lines_of(const PdfPage& page) {
    std::vector<Line> out;
    for (const auto& w : page) {
        if (out.empty() || std::fabs(out.back().y - w.y) > 1.5) out.push_back({w.y, {}});
        out.back().words.push_back(&w);
    }
    return out;
}

// "Injury Report: 01/04/24 12:30 PM" -> UTC microseconds; nullopt when the line is not the title.
std::optional<int64_t> report_time(const Line& line) {
    const auto& w = line.words;
    for (size_t i = 0; i + 4 < w.size(); ++i) {
        if (w[i]->text != "Injury" || w[i + 1]->text != "Report:") continue;
        const std::string& date = w[i + 2]->text;  // MM/DD/YY
        const std::string& clock = w[i + 3]->text;  // hh:mm
        const std::string& ampm = w[i + 4]->text;
        if (date.size() != 8 || date[2] != '/' || date[5] != '/' || (ampm != "AM" && ampm != "PM")) return std::nullopt;
        auto d = core::parse_date(fmt::format("20{}-{}-{}", date.substr(6, 2), date.substr(0, 2), date.substr(3, 2)));
        auto colon = clock.find(':');
        if (!d || colon == std::string::npos) return std::nullopt;
        auto h = core::parse_int(clock.substr(0, colon)), m = core::parse_int(clock.substr(colon + 1));
        if (!h || !m || *h < 1 || *h > 12 || *m < 0 || *m > 59) return std::nullopt;
        int hour = static_cast<int>(*h % 12) + (ampm == "PM" ? 12 : 0);
        return core::eastern_local_utc_micros(*d, hour * 3600 + static_cast<int>(*m) * 60);
    }
    return std::nullopt;
}

bool is_footer(const Line& line) {  // "Page 1 of 3"
    return line.words.size() == 4 && line.words[0]->text == "Page" && line.words[2]->text == "of";
}

enum Col { GameDate, GameTime, Matchup, TeamCol, Player, Status, Reason, kCols };
using Columns = std::array<double, kCols>;  // left edge of each column

// The header line: "Game Date | Game Time | Matchup | Team | Player Name | Current Status | Reason".
std::optional<Columns> header_columns(const Line& line) {
    Columns c{};
    std::array<bool, kCols> found{};
    const auto& w = line.words;
    for (size_t i = 0; i < w.size(); ++i) {
        const std::string& t = w[i]->text;
        const std::string next = i + 1 < w.size() ? w[i + 1]->text : "";
        auto set = [&](Col col) { c[col] = w[i]->x, found[col] = true; };
        if (t == "Game" && next == "Date") set(GameDate);
        else if (t == "Game" && next == "Time") set(GameTime);
        else if (t == "Matchup") set(Matchup);
        else if (t == "Team") set(TeamCol);
        else if (t == "Player" && next == "Name") set(Player);
        else if (t == "Current" && next == "Status") set(Status);
        else if (t == "Reason") set(Reason);
    }
    for (bool f : found)
        if (!f) return std::nullopt;
    return c;
}

struct Cells {
    std::array<std::string, kCols> cell;
    double y = 0;
    int page = 0;
    bool continuation() const {  // only reason text: a wrapped reason's other line
        for (int c = 0; c < Reason; ++c)
            if (!cell[c].empty()) return false;
        return cell[Reason] != "NOT YET SUBMITTED";
    }
};

Cells cells_of(const Line& line, const Columns& cols, int page) {
    Cells out;
    out.y = line.y, out.page = page;
    for (const auto* w : line.words) {
        int col = 0;
        for (int c = 0; c < kCols; ++c)
            if (w->x >= cols[c] - 3.0) col = c;  // words start a point or so right of their header
        auto& s = out.cell[col];
        s += (s.empty() ? "" : " ") + w->text;
    }
    return out;
}

// "Duke Jr., David" -> "David Duke Jr."; a name without a comma stays as printed.
std::string display_name(const std::string& printed) {
    auto comma = printed.find(", ");
    if (comma == std::string::npos) return printed;
    return printed.substr(comma + 2) + " " + printed.substr(0, comma);
}

}  // namespace

bool is_pdf(std::string_view bytes) { return bytes.starts_with("%PDF-"); }

bool is_injury_report(const std::vector<PdfPage>& pages) {
    if (pages.empty()) return false;
    for (const auto& line : lines_of(pages.front()))
        if (report_time(line)) return true;
    return false;
}

std::vector<InjuryReportRow> parse_injury_report(std::string_view pdf, std::vector<DroppedRow>& dropped) {
    return injury_report_rows(pdf_words(pdf), dropped);
}

std::vector<InjuryReportRow> injury_report_rows(const std::vector<PdfPage>& pages, std::vector<DroppedRow>& dropped) {
    std::optional<int64_t> report_at;
    std::optional<Columns> cols;
    std::vector<Cells> rows;
    for (size_t p = 0; p < pages.size(); ++p) {
        for (const auto& line : lines_of(pages[p])) {
            if (auto t = report_time(line)) {
                if (report_at && *report_at != *t)
                    throw ParseError(0, fmt::format("{}: page {} is titled {}, page 1 {}", kSource, p + 1,
                                                    core::format_utc_micros(*t), core::format_utc_micros(*report_at)));
                report_at = t;
                continue;
            }
            if (auto h = header_columns(line)) {
                cols = h;
                continue;
            }
            if (is_footer(line)) continue;
            if (!report_at) throw ParseError(0, fmt::format("{}: page {} starts without the 'Injury Report:' title", kSource, p + 1));
            if (!cols) throw ParseError(0, fmt::format("{}: page {} has rows before the table's header", kSource, p + 1));
            rows.push_back(cells_of(line, *cols, static_cast<int>(p) + 1));
        }
    }
    if (!report_at) throw ParseError(0, fmt::format("{}: no 'Injury Report:' title", kSource));

    // Attach each wrapped reason line to the nearest row of its page, before or after its own text.
    std::vector<size_t> anchors;
    for (size_t i = 0; i < rows.size(); ++i)
        if (!rows[i].continuation()) anchors.push_back(i);
    std::map<size_t, std::pair<std::vector<std::string>, std::vector<std::string>>> wrapped;  // anchor -> (above, below)
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i].continuation()) continue;
        std::optional<size_t> best;
        for (size_t a : anchors)
            if (rows[a].page == rows[i].page && (!best || std::fabs(rows[a].y - rows[i].y) < std::fabs(rows[*best].y - rows[i].y)))
                best = a;
        if (!best) throw ParseError(0, fmt::format("{}: page {}: reason text '{}' belongs to no row", kSource, rows[i].page, rows[i].cell[Reason]));
        (rows[i].y < rows[*best].y ? wrapped[*best].first : wrapped[*best].second).push_back(rows[i].cell[Reason]);
    }

    std::vector<InjuryReportRow> out;
    std::optional<core::Date> date;
    std::string time, matchup, team_name;
    std::map<std::tuple<core::Date, std::string, std::string, std::string>, size_t> seen;  // -> index in out
    for (size_t k = 0; k < anchors.size(); ++k) {
        const size_t a = anchors[k];
        const Cells& c = rows[a];
        const size_t row = k + 2;  // the report's k-th entry
        auto fail = [&](const std::string& why) -> ParseError {
            return ParseError(row, fmt::format("{}: page {}: {}", kSource, c.page, why));
        };
        if (!c.cell[GameDate].empty()) {
            const std::string& d = c.cell[GameDate];  // MM/DD/YYYY
            date = d.size() == 10 && d[2] == '/' && d[5] == '/'
                       ? core::parse_date(fmt::format("{}-{}-{}", d.substr(6, 4), d.substr(0, 2), d.substr(3, 2)))
                       : std::nullopt;
            if (!date) throw fail(fmt::format("game date '{}' is not MM/DD/YYYY", d));
        }
        if (!c.cell[GameTime].empty()) time = c.cell[GameTime];
        if (!c.cell[Matchup].empty()) matchup = c.cell[Matchup], team_name.clear();
        if (!c.cell[TeamCol].empty()) team_name = c.cell[TeamCol];
        if (!date || matchup.empty()) throw fail("a row before any game date and matchup");
        if (team_name.empty()) throw fail(fmt::format("a row of {} without a team", matchup));

        InjuryReportRow r;
        r.report_us = *report_at;
        r.game_date = *date;
        r.game_time = time;
        r.matchup = matchup;
        r.page = c.page;
        r.source_row = row;
        auto at = matchup.find('@');
        const auto* away = at == std::string::npos ? nullptr : core::team_by_tricode(matchup.substr(0, at));
        const auto* home = at == std::string::npos ? nullptr : core::team_by_tricode(matchup.substr(at + 1));
        if (!away || !home) throw fail(fmt::format("matchup '{}' is not AWAY@HOME of two NBA teams", matchup));
        r.away_team = away->tricode, r.home_team = home->tricode;
        const auto* team = core::team_by_name(team_name);
        if (!team) throw fail(fmt::format("team '{}' is not in the team table", team_name));
        if (team != away && team != home) throw fail(fmt::format("team '{}' does not play in {}", team_name, matchup));
        r.team = team->tricode;
        r.team_name = team_name;

        std::string reason;
        auto add = [&](const std::string& s) { reason += (reason.empty() || s.empty() ? "" : " ") + s; };
        if (auto w = wrapped.find(a); w != wrapped.end())
            for (const auto& s : w->second.first) add(s);
        add(c.cell[Reason]);
        if (auto w = wrapped.find(a); w != wrapped.end())
            for (const auto& s : w->second.second) add(s);
        r.reason = reason;

        r.player_name = c.cell[Player];
        r.status_text = c.cell[Status];
        if (r.player_name.empty()) {
            if (!r.status_text.empty() || reason != "NOT YET SUBMITTED")
                throw fail(fmt::format("a row of {} with no player: status '{}', reason '{}'", team_name, r.status_text, reason));
            r.status = "not_yet_submitted";
            r.status_text = reason;
        } else {
            static const std::set<std::string> kStatuses = {"out", "doubtful", "questionable", "probable", "available"};
            r.status = core::to_lower(r.status_text);
            if (!kStatuses.count(r.status))
                throw fail(fmt::format("unknown status '{}' for {} (Out, Doubtful, Questionable, Probable, Available)",
                                       r.status_text, r.player_name));
            r.player_display = display_name(r.player_name);
            r.player_normalized = core::normalize_person_name(r.player_display);
        }
        auto [it, fresh] = seen.emplace(std::make_tuple(r.game_date, r.matchup, r.team, r.player_normalized), out.size());
        if (!fresh) {
            const auto& prev = out[it->second];
            if (prev.status != r.status || prev.reason != r.reason)
                throw fail(fmt::format("{} of {} listed twice with different statuses", r.player_name.empty() ? team_name : r.player_name, matchup));
            dropped.push_back({row, fmt::format("exact duplicate of row {}", prev.source_row)});
            continue;
        }
        out.push_back(std::move(r));
    }
    if (out.empty()) throw ParseError(0, fmt::format("{}: the report lists no rows (an empty result)", kSource));
    return out;
}

}  // namespace courtside::ingest
