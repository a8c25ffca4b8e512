// The NBA.com official injury report: one PDF per edition (Injury-Report_<date>_<hh><AM|PM>.pdf),
// several a day. Its parsing into raw.injury_report (poppler) is ingest's; fetch archives it.
#pragma once

#include "fetch/request.hpp"

#include <string>
#include <vector>

namespace courtside::fetch {

const std::vector<Target>& injury_report_targets();

// An edition as the PDF's name spells it, from what a person types: "5pm", "05PM", "5 PM" and
// "5:00pm" are "05PM"; "12:30PM", "1230pm" and "12_30PM" are "12_30PM". Anything else throws
// std::invalid_argument saying the forms (a typo was sent as is and came back a 404; audit).
std::string injury_report_edition(const std::string& typed);

}  // namespace courtside::fetch
