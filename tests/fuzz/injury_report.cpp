// The injury report's table reader, on the words poppler gives it. Fuzzing PDF bytes would fuzz
// poppler; this fuzzes courtside's part: the words and their positions, one per line as
// "x<TAB>y<TAB>text", a form-feed line between pages (make_corpus.sh writes real reports so with
// pdftotext -bbox). Lines that are not of that form are ignored.
#include "fuzz_target.hpp"
#include "core/numbers.hpp"
#include "ingest/injury_report.hpp"

using namespace courtside;

COURTSIDE_FUZZ_TARGET(injury_report) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<ingest::PdfPage> pages(1);
    size_t at = 0;
    while (at < text.size()) {
        size_t end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(at, end - at);
        at = end + 1;
        if (line == "\f") {
            pages.emplace_back();
            continue;
        }
        size_t t1 = line.find('\t'), t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string_view::npos) continue;
        auto x = core::parse_double(line.substr(0, t1)), y = core::parse_double(line.substr(t1 + 1, t2 - t1 - 1));
        if (!x || !y) continue;
        pages.back().push_back({*x, *y, std::string(line.substr(t2 + 1))});
    }
    if (!ingest::is_injury_report(pages)) return 0;
    std::vector<ingest::DroppedRow> dropped;
    fuzz::parses([&] {
        auto rows = ingest::injury_report_rows(pages, dropped);
        FUZZ_CHECK(!rows.empty());
        for (const auto& r : rows) FUZZ_CHECK(!r.status.empty() && !r.team.empty());
    });
    return 0;
}
