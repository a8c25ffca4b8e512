#include "ingest/raw_rows.hpp"

namespace courtside::ingest {

static void append_provenance(store::Appender& a, const Provenance& p) {
    a.append(p.path).append(p.hash).append_timestamp_us(p.at);
}

void append_box(store::Appender& a, const BoxscorePlayerRow& b, const Provenance& p) {
    a.append(b.game_id).append(b.team_id).append(b.team_abbreviation).append(b.team_city).append(b.player_id)
        .append(b.player_name).append(b.start_position).append(b.comment).append(b.min_text);
    if (b.seconds_played) a.append(static_cast<int64_t>(*b.seconds_played)); else a.append_null();
    for (const auto& v : {b.fgm, b.fga, b.fg3m, b.fg3a, b.ftm, b.fta, b.oreb, b.dreb, b.reb, b.ast, b.stl, b.blk,
                          b.tov, b.pf, b.pts})
        a.append(v);
    a.append(b.plus_minus).append(static_cast<int64_t>(b.source_row));
    append_provenance(a, p);
    a.end_row();
}

void append_team_log(store::Appender& a, const TeamGameLogRow& g, const Provenance& p) {
    a.append(g.season_id).append(g.team_id).append(g.team_abbreviation).append(g.team_name).append(g.game_id)
        .append_date(g.game_date).append(g.matchup).append(g.wl).append(g.min);
    for (const auto& v : {g.pts, g.fgm, g.fga, g.fg3m, g.fg3a, g.ftm, g.fta, g.oreb, g.dreb, g.reb, g.ast, g.stl, g.blk,
                          g.tov, g.pf})
        a.append(v);
    a.append(g.plus_minus).append(static_cast<int64_t>(g.source_row));
    append_provenance(a, p);
    a.end_row();
}

void append_pbp(store::ChunkAppender& a, const PlayByPlayRow& e, const Provenance& p) {
    size_t c = 0;
    a.begin_row();
    a.set_text(c++, e.game_id);
    for (int64_t v : {e.eventnum, e.eventmsgtype, e.eventmsgactiontype, e.period}) a.set_int(c++, v);
    for (const std::string* s : {&e.wctimestring, &e.pctimestring, &e.home_description, &e.neutral_description,
                                 &e.visitor_description, &e.score, &e.scoremargin})
        a.set_text(c++, *s);
    for (const OptInt* v : {&e.player1_id, &e.player1_team_id, &e.player2_id, &e.player2_team_id, &e.player3_id, &e.player3_team_id}) {
        if (*v) a.set_int(c, **v);
        else a.set_null(c);
        ++c;
    }
    a.set_text(c++, p.path);
    a.set_text(c++, p.hash);
    a.set_int(c++, p.at);  // ingested_at: a TIMESTAMP is its microseconds
}

void append_line(store::Appender& a, const GameLineRow& g, const Provenance& p) {
    a.append(g.line_key).append(g.bet_type).append_date(g.game_date).append(g.away_name).append(g.home_name)
        .append(g.away_line).append(g.home_line);
    if (g.away_team.empty()) a.append_null(); else a.append(g.away_team);
    if (g.home_team.empty()) a.append_null(); else a.append(g.home_team);
    if (g.skip_reason.empty()) a.append_null(); else a.append(g.skip_reason);
    a.append(static_cast<int64_t>(g.source_row));
    append_provenance(a, p);
    a.end_row();
}

static void append_text_or_null(store::Appender& a, const std::string& s) {
    if (s.empty()) a.append_null(); else a.append(s);
}

static void append_time_or_null(store::Appender& a, const std::optional<int64_t>& us) {
    if (us) a.append_timestamp_us(*us); else a.append_null();
}

void append_prop_line(store::Appender& a, std::string_view source_kind, const PropLineRow& l, const Provenance& p) {
    a.append(source_kind).append(l.snapshot_id).append(static_cast<int64_t>(l.source_row));
    append_text_or_null(a, l.event_id);
    a.append(l.player).append(l.market).append(l.line).append(l.bookmaker).append(l.over_odds).append(l.under_odds)
        .append(l.game).append(l.game_time).append_timestamp_us(l.tipoff_us).append_timestamp_us(l.snapshot_us)
        .append(l.snapshot_basis);
    if (l.bookmaker_last_update_us) a.append_timestamp_us(*l.bookmaker_last_update_us); else a.append_null();
    if (l.market_last_update_us) a.append_timestamp_us(*l.market_last_update_us); else a.append_null();
    a.append_date(l.game_date);
    append_text_or_null(a, l.away_team);
    append_text_or_null(a, l.home_team);
    append_text_or_null(a, l.skip_reason);
    append_provenance(a, p);
    a.end_row();
}

void append_player_log(store::Appender& a, const PlayerGameLogRow& g, const Provenance& p) {
    a.append(g.player_id).append_date(g.game_date).append(g.player_name).append(g.player_normalized).append(g.team_id)
        .append(g.team_abbreviation).append(g.opponent).append(g.home_away).append(g.matchup).append(g.wl)
        .append(g.minutes_text).append(static_cast<int64_t>(g.seconds_played));
    for (const auto& v : {g.fgm, g.fga, g.fg3m, g.fg3a, g.ftm, g.fta, g.oreb, g.dreb, g.reb, g.ast, g.stl, g.blk,
                          g.tov, g.pf, g.pts})
        a.append(v);
    a.append(g.plus_minus).append(static_cast<int64_t>(g.source_row));
    append_provenance(a, p);
    a.end_row();
}

void append_directory(store::Appender& a, const PlayerDirectoryRow& d, const Provenance& p) {
    a.append(d.person_id).append(d.display_first_last).append(d.from_year).append(d.to_year).append(d.roster_status)
        .append(d.team_id).append(d.games_played_flag).append(static_cast<int64_t>(d.source_row));
    append_provenance(a, p);
    a.end_row();
}

void append_schedule(store::Appender& a, std::string_view source, const ScheduleRow& g, const Provenance& p) {
    a.append(g.game_id).append(source).append_date(g.game_date);
    append_time_or_null(a, g.tipoff_us);
    a.append(g.home_team).append(g.away_team).append(g.home_team_id).append(g.away_team_id).append(g.game_status)
        .append(g.game_status_id);
    append_text_or_null(a, g.game_status_text);
    a.append(static_cast<int64_t>(g.season)).append(g.season_type).append(g.home_score).append(g.away_score);
    append_text_or_null(a, g.game_code);
    append_text_or_null(a, g.skip_reason);
    append_time_or_null(a, g.captured_us);
    a.append(static_cast<int64_t>(g.source_row));
    append_provenance(a, p);
    a.end_row();
}

void append_pbp_v3(store::Appender& a, std::string_view source, const PlayByPlayV3Row& e, const Provenance& p) {
    a.append(e.game_id).append(e.action_key).append(source).append(e.action_number).append(e.period);
    append_text_or_null(a, e.clock);
    a.append(e.team_id);
    append_text_or_null(a, e.team_tricode);
    a.append(e.person_id);
    for (const std::string* t : {&e.player_name, &e.action_type, &e.sub_type, &e.description, &e.location})
        append_text_or_null(a, *t);
    a.append(e.is_field_goal).append(e.shot_value);
    append_text_or_null(a, e.shot_result);
    a.append(e.shot_distance).append(e.x_legacy).append(e.y_legacy).append(e.assist_person_id).append(e.block_person_id)
        .append(e.steal_person_id);
    append_text_or_null(a, e.score_home);
    append_text_or_null(a, e.score_away);
    a.append(static_cast<int64_t>(e.source_row));
    append_provenance(a, p);
    a.end_row();
}

void append_odds_event(store::Appender& a, const OddsEventRow& e, const Provenance& p) {
    a.append(e.snapshot_id).append(e.event_id);
    append_time_or_null(a, e.snapshot_us);
    a.append(e.sport_key).append(e.commence_time).append_timestamp_us(e.tipoff_us).append_date(e.game_date)
        .append(e.home_name).append(e.away_name);
    append_text_or_null(a, e.home_team);
    append_text_or_null(a, e.away_team);
    append_text_or_null(a, e.skip_reason);
    a.append(static_cast<int64_t>(e.source_row));
    append_provenance(a, p);
    a.end_row();
}

void append_odds_game_line(store::Appender& a, const OddsGameLineRow& g, const Provenance& p) {
    a.append(g.snapshot_id).append(g.event_id).append(g.bookmaker).append(g.market).append(g.outcome);
    append_time_or_null(a, g.snapshot_us);
    a.append(g.commence_time).append_timestamp_us(g.tipoff_us).append_date(g.game_date).append(g.home_name)
        .append(g.away_name);
    append_text_or_null(a, g.home_team);
    append_text_or_null(a, g.away_team);
    append_text_or_null(a, g.outcome_team);
    a.append(g.point).append(g.price).append(g.price_decimal);
    append_time_or_null(a, g.last_update_us);
    append_text_or_null(a, g.skip_reason);
    a.append(static_cast<int64_t>(g.source_row));
    append_provenance(a, p);
    a.end_row();
}

void append_injury(store::Appender& a, const InjuryReportRow& r, const Provenance& p) {
    a.append_timestamp_us(r.report_us).append(static_cast<int64_t>(r.source_row)).append_date(r.game_date);
    append_text_or_null(a, r.game_time);
    a.append(r.matchup).append(r.away_team).append(r.home_team).append(r.team).append(r.team_name);
    append_text_or_null(a, r.player_name);
    append_text_or_null(a, r.player_display);
    append_text_or_null(a, r.player_normalized);
    a.append(r.status).append(r.status_text);
    append_text_or_null(a, r.reason);
    a.append(static_cast<int64_t>(r.page));
    append_provenance(a, p);
    a.end_row();
}

}  // namespace courtside::ingest
