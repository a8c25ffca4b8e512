// The NBA's official injury report (a PDF), read with poppler: its words and their positions,
// grouped into the report's table. Never a hand-written PDF parser.
#pragma once

#include "ingest/raw_records.hpp"
#include "ingest/sources.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace courtside::ingest {

// A word printed on a PDF page, at its top-left corner (points from the page's top-left).
struct PdfWord {
    double x = 0, y = 0;
    std::string text;
};
using PdfPage = std::vector<PdfWord>;  // by line, then left to right

// Every page's words, read with poppler. Throws ParseError when poppler cannot read the PDF.
std::vector<PdfPage> pdf_words(std::string_view pdf);

// Bytes that start with the PDF signature.
bool is_pdf(std::string_view bytes);

// Whether a PDF's words are an injury report's (the first page's title reads "Injury Report:
// MM/DD/YY hh:mm AM|PM"); other PDFs (game books) are not a source.
bool is_injury_report(const std::vector<PdfPage>& pages);

// The report's rows. The table prints a game's date, time and matchup, and a team's name, only on
// the first row of their block (and not again at the top of a page): they are carried down. A
// reason may wrap onto lines above and below its player's line. Statuses are normalised (Out ->
// out, ...); an unknown status, team or matchup throws ParseError naming the row and the page.
std::vector<InjuryReportRow> parse_injury_report(std::string_view pdf, std::vector<DroppedRow>& dropped);
// The same from the pages' words (parse_injury_report = pdf_words + this).
std::vector<InjuryReportRow> injury_report_rows(const std::vector<PdfPage>& pages, std::vector<DroppedRow>& dropped);

}  // namespace courtside::ingest
