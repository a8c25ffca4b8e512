#include "analytics/quality.hpp"

#include <algorithm>

namespace courtside::analytics {

std::string_view tier_name(Tier t) {
    switch (t) {
        case Tier::Gold: return "gold";
        case Tier::Silver: return "silver";
        case Tier::Bronze: return "bronze";
    }
    return "bronze";
}

void Quality::add(const IssueCode& code) {
    if (std::find(codes_.begin(), codes_.end(), code.code) != codes_.end()) return;
    codes_.push_back(code.code);
    tier_ = std::max(tier_, code.cap);
    blocked_ = blocked_ || code.blocking;
}

const std::vector<IssueCode>& issue_codes() {
    using namespace issue;
    static const std::vector<IssueCode> all = {kBoxScoreIncomplete, kBoxScoreNotFinal, kNoTeamLog, kNoOpponentTeamLog,
                                               kMissingTeamTotals, kTeamLogAttemptsDiffer, kTeamLogCountsDiffer, kNoBoxScore,
                                               kPartialRoster, kUsageAbove1, kZoneFgaMismatch, kCommentWithMinutes};
    return all;
}

std::string Quality::issues() const {
    std::string out;
    for (auto c : codes_) {
        if (!out.empty()) out += ',';
        out += c;
    }
    return out;
}

}  // namespace courtside::analytics
