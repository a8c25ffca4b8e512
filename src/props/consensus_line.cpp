#include "props/consensus_line.hpp"

#include "props/betting.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace courtside::props {

double median(std::vector<double> values) {
    if (values.empty()) throw std::invalid_argument("median of no values");
    std::sort(values.begin(), values.end());
    size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

// Distance of the vig-free over probability from 1/2; nullopt without both sides' odds.
static std::optional<double> imbalance(const Quote& q) {
    if (!q.over_odds || !q.under_odds || !valid_american(*q.over_odds) || !valid_american(*q.under_odds)) return std::nullopt;
    double po = implied_probability(*q.over_odds), pu = implied_probability(*q.under_odds);
    return std::fabs(po / (po + pu) - 0.5);
}

const Quote& main_line(std::span<const Quote> quotes) {
    if (quotes.empty()) throw std::invalid_argument("main_line of an empty capture");
    const Quote* best = &quotes[0];
    auto better = [](const Quote& a, const Quote& b) {  // a ranks before b
        auto ia = imbalance(a), ib = imbalance(b);
        if (ia.has_value() != ib.has_value()) return ia.has_value();
        if (ia && std::fabs(*ia - *ib) > 1e-12) return *ia < *ib;
        return a.line < b.line;
    };
    for (const auto& q : quotes.subspan(1))
        if (better(q, *best)) best = &q;
    return *best;
}

std::vector<BookLine> select_book_lines(std::span<const Quote> quotes, int64_t tip_off_us) {
    // book -> capture -> quotes (ordered maps: deterministic whatever the input order).
    std::map<std::string, std::map<std::string, std::vector<Quote>>> by_book;
    for (const auto& q : quotes)
        if (q.snapshot_us < tip_off_us) by_book[q.bookmaker][q.capture].push_back(q);
    std::vector<BookLine> out;
    for (auto& [book, captures] : by_book) {
        const std::vector<Quote>* latest = nullptr;
        int64_t latest_us = 0;
        for (const auto& [id, qs] : captures) {
            int64_t t = 0;
            for (const auto& q : qs) t = std::max(t, q.snapshot_us);
            if (!latest || t >= latest_us) latest = &qs, latest_us = t;  // ids ascend: ties go to the last id
        }
        out.push_back({main_line(*latest), latest->size()});
    }
    return out;
}

std::optional<Consensus> consensus_line(std::span<const BookLine> books) {
    if (books.empty()) return std::nullopt;
    std::vector<double> lines;
    for (const auto& b : books) lines.push_back(b.quote.line);
    Consensus c;
    c.line = median(lines);
    c.books = books.size();
    c.min_line = *std::min_element(lines.begin(), lines.end());
    c.max_line = *std::max_element(lines.begin(), lines.end());
    std::vector<double> over, under;
    for (const auto& b : books) {
        if (b.quote.line != c.line) continue;
        ++c.books_at_line;
        if (b.quote.over_odds && valid_american(*b.quote.over_odds)) over.push_back(decimal_odds(*b.quote.over_odds));
        if (b.quote.under_odds && valid_american(*b.quote.under_odds)) under.push_back(decimal_odds(*b.quote.under_odds));
    }
    auto american = [](const std::vector<double>& decimals) -> std::optional<double> {
        if (decimals.empty()) return std::nullopt;
        return std::round(american_from_decimal(median(decimals)));
    };
    c.over_odds = american(over);
    c.under_odds = american(under);
    return c;
}

}  // namespace courtside::props
