// The dispatch of ingest's parse step for the targets that take any payload: a table goes to the
// parser of the source detect_source finds in it.
#pragma once

#include "fuzz_target.hpp"

namespace courtside::fuzz {

// `all`: every table of the payload (a scoreboard's games are spread over several result sets).
inline void parse_as_detected(const ingest::Table& t, const char* file_name, const std::vector<ingest::Table>& all = {}) {
    using ingest::SourceKind;
    std::vector<ingest::DroppedRow> dropped;
    const SourceKind kind = ingest::detect_source(t);
    parses([&] {
        switch (kind) {
            case SourceKind::BoxscoreTraditionalV2: check_rows(t, ingest::parse_boxscore_traditional_v2(t, dropped), dropped); break;
            case SourceKind::LeagueGameLogTeam: check_rows(t, ingest::parse_league_game_log_team(t, dropped), dropped); break;
            case SourceKind::PlayByPlayV2: check_rows(t, ingest::parse_playbyplay_v2(t, dropped), dropped); break;
            case SourceKind::GameLines: check_rows(t, ingest::parse_game_lines(t, dropped), dropped); break;
            case SourceKind::OddsPropsSnapshot:
            case SourceKind::OddsPropsDaily: check_rows(t, ingest::parse_prop_lines(t, kind, file_name, dropped), dropped); break;
            case SourceKind::PlayerGameLog: check_rows(t, ingest::parse_player_game_log(t, dropped), dropped); break;
            case SourceKind::PlayerDirectory: check_rows(t, ingest::parse_player_directory(t, dropped), dropped); break;
            case SourceKind::LeagueGameLogPlayer: check_rows(t, ingest::parse_league_game_log_player(t, dropped), dropped); break;
            case SourceKind::ScoreboardV2: {
                auto rows = ingest::parse_scoreboard_v2(t, all.empty() ? std::vector<ingest::Table>{t} : all, dropped);
                FUZZ_CHECK(!rows.empty());
                break;
            }
            // JSON documents and the PDF: never tables (json_payloads.cpp, injury_report.cpp).
            case SourceKind::BoxscoreTraditionalV3:
            case SourceKind::CdnBoxscore:
            case SourceKind::PlayByPlayV3:
            case SourceKind::CdnPlayByPlay:
            case SourceKind::ScoreboardV3:
            case SourceKind::CdnSchedule:
            case SourceKind::OddsApiEvents:
            case SourceKind::OddsApiOdds:
            case SourceKind::InjuryReport:
            case SourceKind::Unknown: break;
        }
    });
}

}  // namespace courtside::fuzz
