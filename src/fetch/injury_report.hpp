// The NBA.com official injury report: one PDF per edition (Injury-Report_<date>_<hh><AM|PM>.pdf),
// several a day. Its parsing into raw.injury_report (poppler) is ingest's; fetch archives it.
#pragma once

#include "fetch/request.hpp"

#include <vector>

namespace courtside::fetch {

const std::vector<Target>& injury_report_targets();

}  // namespace courtside::fetch
