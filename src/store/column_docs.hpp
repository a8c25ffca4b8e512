// Descriptions and units shared by columns that mean the same thing in many tables (game_id,
// season, team...), so the catalog says it once instead of in near-copies that drift.
#pragma once

namespace courtside::store::doc {

// Identity
inline constexpr const char* kGameId = "NBA GAME_ID: 10 digits 00TYYNNNNN with leading zeros (T season type, YY start year)";
inline constexpr const char* kGameDate = "US local date of the game, from the team log";
inline constexpr const char* kSeason = "season start year (2021 = 2021-22)";
inline constexpr const char* kSeasonType = "season type from the GAME_ID digit: preseason, regular, playoffs, playin";
inline constexpr const char* kPlayerId = "NBA.com PLAYER_ID";
inline constexpr const char* kPlayerName = "player display name as the source gives it";
inline constexpr const char* kTeam = "team tricode (GSW), from the one team table";
inline constexpr const char* kOpponent = "opponent tricode";
inline constexpr const char* kTeamId = "NBA.com TEAM_ID (1610612744)";
inline constexpr const char* kIsHome = "true when the team plays at home";
inline constexpr const char* kAnalysisDate = "analysis date D: every value uses only games before D (point-in-time)";

// Box-score counting stats of one game
inline constexpr const char* kFgm = "field goals made";
inline constexpr const char* kFga = "field goals attempted";
inline constexpr const char* kFg3m = "three-pointers made";
inline constexpr const char* kFg3a = "three-pointers attempted";
inline constexpr const char* kFtm = "free throws made";
inline constexpr const char* kFta = "free throws attempted";
inline constexpr const char* kOreb = "offensive rebounds";
inline constexpr const char* kDreb = "defensive rebounds";
inline constexpr const char* kReb = "total rebounds";
inline constexpr const char* kAst = "assists";
inline constexpr const char* kStl = "steals";
inline constexpr const char* kBlk = "blocked shots";
inline constexpr const char* kTov = "turnovers (TO in the source)";
inline constexpr const char* kPf = "personal fouls";
inline constexpr const char* kPts = "points scored";
inline constexpr const char* kPlusMinus = "point differential while on the floor";

// Quality
inline constexpr const char* kQualityTier =
    "gold (complete box score reconciled with the team log), silver (partial source or stat correction), bronze (failed)";
inline constexpr const char* kQualityIssues = "comma-separated quality issue codes; empty when none";
inline constexpr const char* kProductionReady = "gold or silver and no blocking issue: usable downstream";

// Provenance of raw rows
inline constexpr const char* kSourceFile = "path (or URL) of the file the row was read from";
inline constexpr const char* kSourceHash = "content hash (XXH3-128) of that file";
inline constexpr const char* kIngestedAt = "when the row was ingested";
inline constexpr const char* kSourceRow = "1-based row number in the source file";

// Code and time stamps
inline constexpr const char* kCodeVersion = "courtside version and git commit that wrote the row";

// Units
inline constexpr const char* kCount = "count";
inline constexpr const char* kPoints = "points";
inline constexpr const char* kMinutes = "minutes";
inline constexpr const char* kSeconds = "seconds";
inline constexpr const char* kDays = "days";
inline constexpr const char* kFraction = "fraction 0-1";
inline constexpr const char* kRating = "points per 100 possessions";
inline constexpr const char* kPace = "possessions per 48 minutes";
inline constexpr const char* kPossessions = "possessions";
inline constexpr const char* kPercentagePoints = "percentage points";
inline constexpr const char* kAmericanOdds = "American odds";
inline constexpr const char* kUtc = "UTC";
inline constexpr const char* kMilliseconds = "ms";
inline constexpr const char* kStakeUnits = "units staked (1 = one bet)";

}  // namespace courtside::store::doc
