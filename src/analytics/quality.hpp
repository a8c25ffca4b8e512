// Quality tiers and issue codes of the Phase 3 tables. Every code lives here with the tier it
// caps a row at and whether it blocks production use.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace courtside::analytics {

enum class Tier { Gold, Silver, Bronze };
std::string_view tier_name(Tier t);

struct IssueCode {
    std::string_view code;
    Tier cap;       // the best tier a row with this issue can have
    bool blocking;  // a blocking issue keeps the row out of production
};

namespace issue {
// The box score does not add up to the team log (captured in progress, or a team missing).
inline constexpr IssueCode kBoxScoreIncomplete{"box_score_incomplete", Tier::Bronze, true};
// The box-score file says the game was not over when it was captured (the NBA CDN's live box score
// of a game scheduled or in progress): partial stats, whatever they add up to.
inline constexpr IssueCode kBoxScoreNotFinal{"box_score_not_final", Tier::Bronze, true};
// The player's or team's own team-log row is missing: no date totals, no usage.
inline constexpr IssueCode kNoTeamLog{"no_team_log", Tier::Bronze, true};
// The opponent's team-log row is missing: no margin, pace or defensive view.
inline constexpr IssueCode kNoOpponentTeamLog{"no_opponent_team_log", Tier::Bronze, true};
// A team-log row lacks the totals the formulas need.
inline constexpr IssueCode kMissingTeamTotals{"missing_team_totals", Tier::Bronze, true};
// Scoring reconciles but FGA/FTA differ by 1-2 (a stat correction on one side).
inline constexpr IssueCode kTeamLogAttemptsDiffer{"team_log_attempts_differ", Tier::Silver, false};
// Scoring reconciles but another count (3s, rebounds, assists, steals, blocks, turnovers, fouls)
// differs from the team log: a stat correction on one side. The player rows do not sum to the log.
inline constexpr IssueCode kTeamLogCountsDiffer{"team_log_counts_differ", Tier::Silver, false};
// Team totals from the team log only; no box score to reconcile them with.
inline constexpr IssueCode kNoBoxScore{"no_box_score", Tier::Silver, false};
// A partial-roster source (player game logs): the player's own line is whole, but not every
// player of the game is listed, so nothing reconciles against the team log and there is no
// starter flag.
inline constexpr IssueCode kPartialRoster{"partial_roster", Tier::Silver, false};
// Informational: the values are kept as recorded.
inline constexpr IssueCode kUsageAbove1{"usage_above_1", Tier::Gold, false};
inline constexpr IssueCode kZoneFgaMismatch{"zone_fga_mismatch", Tier::Gold, false};
inline constexpr IssueCode kCommentWithMinutes{"comment_with_minutes", Tier::Gold, false};
}  // namespace issue

// Every code above: what a validation config's critical_issues may name.
const std::vector<IssueCode>& issue_codes();

// Play-by-play and box-score attempts may differ by this much (stat corrections).
inline constexpr long kZoneFgaTolerance = 2;

class Quality {
public:
    void add(const IssueCode& code);
    Tier tier() const { return tier_; }
    bool blocked() const { return blocked_; }
    bool production_ready() const { return tier_ != Tier::Bronze && !blocked_; }
    // Codes comma-joined in the order found; "" when none.
    std::string issues() const;

private:
    Tier tier_ = Tier::Gold;
    bool blocked_ = false;
    std::vector<std::string_view> codes_;
};

}  // namespace courtside::analytics
