// The bad-input catalogue of issue #12: every kind of bad or unusual file, all in one ingest run
// beside good files. Each kind is either quarantined with its file, row and reason, or, where
// the input is valid after a safe normalisation (byte-order mark, CRLF, quoting, leading zeros,
// a copy of another file...), loads with the right values, or is skipped with its reason: the
// table below says which. The good files of the same run load. kKinds.size() is the count of
// kinds (README, "Reliability").
#include "ingest/file_reader.hpp"
#include "ingest/ingester.hpp"
#include "test_support.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace courtside;
namespace fs = std::filesystem;
namespace ct = courtside::testing;

namespace {

fs::path fixture(const std::string& name) { return ct::source_dir() / "tests" / "fixtures" / name; }

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}
void spit(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

struct TempDir {
    fs::path path = fs::temp_directory_path() / ("courtside_badinput_" + std::to_string(std::random_device{}()));
    TempDir() { fs::create_directories(path); }
    ~TempDir() {
        if (std::getenv("COURTSIDE_KEEP_TMP")) return;
        std::error_code ec;
        fs::permissions(path, fs::perms::all, ec);
        for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
             it != fs::recursive_directory_iterator(); it.increment(ec))
            if (!it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_all, ec);  // the unreadable ones
        fs::remove_all(path, ec);
    }
};

std::string gzip(std::string_view text) {
    z_stream zs{};
    deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, text.size()) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    zs.avail_in = static_cast<uInt>(text.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

// The fixture box score (2019-20, Orlando v Miami, 26 player rows), as lines of cells.
const std::string kGame = "0021900388";
const std::string& box() {
    static const std::string b = slurp(fixture("box_2019-20_0021900388_index_column.csv"));
    return b;
}
std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out(1);
    for (char c : s)
        if (c == sep) out.emplace_back(); else out.back() += c;
    return out;
}
std::string join(const std::vector<std::string>& v, char sep) {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? std::string(1, sep) : "") + v[i];
    return out;
}
// The box score of another game (each kind that loads gets its own), with cells set by
// (file row, column name): file row 2 is Jonathan Isaac, 3 Aaron Gordon, 4 Nikola Vucevic...
std::string box_of(const std::string& game, const std::map<std::pair<int, std::string>, std::string>& cells = {}) {
    auto lines = split(box(), '\n');
    auto header = split(lines[0], ',');
    for (auto& l : lines)
        for (size_t at = l.find(kGame); at != std::string::npos; at = l.find(kGame, at + game.size())) l.replace(at, kGame.size(), game);
    for (const auto& [where, value] : cells) {
        auto col = static_cast<size_t>(std::find(header.begin(), header.end(), where.second) - header.begin());
        auto row = split(lines[static_cast<size_t>(where.first - 1)], ',');
        row.at(col) = value;
        lines[static_cast<size_t>(where.first - 1)] = join(row, ',');
    }
    return join(lines, '\n');
}
std::string game(int n) { return fmt::format("00219990{:02}", n); }

enum class Outcome { Quarantined, Loads, Skipped };

struct Kind {
    std::string name;
    Outcome outcome;
    size_t row;          // quarantined: the file row named (header = 1, 0 = the whole file)
    std::string reason;  // quarantined or skipped: part of the reason; loads: a SQL query that must return true
    // Writes the kind's file(s) into the directory; returns the path the report names.
    std::function<std::string(const fs::path& dir)> make;
};

std::string file(const fs::path& dir, const std::string& name, const std::string& content) {
    spit(dir / name, content);
    return (dir / name).string();
}

const std::string kIsaac = "player_id = 1628371";

std::vector<Kind> catalogue() {
    const std::string b = box();
    const auto lines = split(b, '\n');
    std::vector<Kind> k;
    auto q = [&](std::string name, size_t row, std::string reason, std::function<std::string(const fs::path&)> make) {
        k.push_back({std::move(name), Outcome::Quarantined, row, std::move(reason), std::move(make)});
    };
    auto loads = [&](std::string name, std::string check_sql, std::function<std::string(const fs::path&)> make) {
        k.push_back({std::move(name), Outcome::Loads, 0, std::move(check_sql), std::move(make)});
    };
    auto skipped = [&](std::string name, std::string reason, std::function<std::string(const fs::path&)> make) {
        k.push_back({std::move(name), Outcome::Skipped, 0, std::move(reason), std::move(make)});
    };
    auto box_rows = [](const std::string& g, int n) {
        return fmt::format("(SELECT count(*) FROM raw.boxscore_player WHERE game_id = '{}') = {}", g, n);
    };

    // ---- CSV structure and encoding
    q("truncated_row", 5, "row has 5 fields, header has 29 (truncated?)", [=](const fs::path& d) {
        auto row5 = split(lines[4], ',');
        row5.resize(5);
        return file(d, "truncated_row.csv", lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[3] + "\n" + join(row5, ','));
    });
    q("extra_field_in_a_row", 3, "row has 30 fields, header has 29", [=](const fs::path& d) {
        return file(d, "extra_field_in_a_row.csv", box_of(game(90), {{{3, "PLUS_MINUS"}, "11.0,12"}}));
    });
    q("unterminated_quote", 28, "malformed CSV at end of file", [=](const fs::path& d) {
        return file(d, "unterminated_quote.csv", b + "\"26,0021900388,1610612753,ORL");
    });
    q("semicolon_delimited", 1, "matches no supported source", [=](const fs::path& d) {
        std::string s = b;
        std::replace(s.begin(), s.end(), ',', ';');
        return file(d, "semicolon_delimited.csv", s);
    });
    q("utf16_text", 1, "UTF-16 text", [=](const fs::path& d) {
        std::string s = "\xFF\xFE";
        for (char c : b.substr(0, 400)) s += std::string{c, '\0'};
        return file(d, "utf16_text.csv", s);
    });
    q("latin1_player_name", 3, "row 3 column PLAYER_NAME: not valid UTF-8 (byte 0xE9", [=](const fs::path& d) {
        return file(d, "latin1_player_name.csv", box_of(game(91), {{{3, "PLAYER_NAME"}, "Aaron Gordon Jos\xE9"}}));
    });
    q("zero_filled_block", 4, "NUL byte in the text (a binary or zero-filled file?)", [=](const fs::path& d) {
        std::string s = b;  // a torn write: part of row 4 is zeros
        size_t at = s.find("Nikola Vucevic");
        s.replace(at, 40, std::string(40, '\0'));
        return file(d, "zero_filled_block.csv", s);
    });
    q("binary_file_named_csv", 1, "not valid UTF-8", [=](const fs::path& d) {
        return file(d, "binary_file_named_csv.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\x90", 20));
    });
    q("line_of_200_mib", 1, "line 1 is 200.0 MiB long: no source row is longer than 1024 KiB", [=](const fs::path& d) {
        std::ofstream out(d / "line_of_200_mib.csv", std::ios::binary);
        const std::string chunk(1 << 20, 'x');
        for (int i = 0; i < 200; ++i) out << chunk;
        out << "\n";
        return (d / "line_of_200_mib.csv").string();
    });
    q("empty_file", 0, "empty file", [=](const fs::path& d) { return file(d, "empty_file.csv", ""); });
    q("blank_lines_only", 0, "empty file (only blank lines and spaces)", [=](const fs::path& d) {
        return file(d, "blank_lines_only.csv", "\n\n   \r\n\t\n");
    });
    q("header_only", 2, "no player rows", [=](const fs::path& d) { return file(d, "header_only.csv", lines[0] + "\n"); });
    q("header_line_missing", 1, "not column names: the header line is missing", [=](const fs::path& d) {
        return file(d, "header_line_missing.csv", b.substr(b.find('\n') + 1));
    });
    q("required_column_missing", 1, "header has no column PTS", [=](const fs::path& d) {
        std::string s = b;
        s.replace(s.find(",PTS,"), 5, ",PTX,");
        return file(d, "required_column_missing.csv", s);
    });
    // ---- values
    q("nan_in_a_count", 2, "column FGM: 'NaN' is not an integer", [=](const fs::path& d) {
        return file(d, "nan_in_a_count.csv", box_of(kGame, {{{2, "FGM"}, "NaN"}}));
    });
    q("dash_in_a_count", 3, "column PTS: '-' is not an integer", [=](const fs::path& d) {
        return file(d, "dash_in_a_count.csv", box_of(kGame, {{{3, "PTS"}, "-"}}));
    });
    q("points_empty_for_a_player_who_played", 2, "column PTS: player has minutes but no points value", [=](const fs::path& d) {
        return file(d, "points_empty_for_a_player_who_played.csv", box_of(kGame, {{{2, "PTS"}, ""}}));
    });
    q("fraction_in_a_count", 2, "column FGM: '7.5' is not an integer", [=](const fs::path& d) {
        return file(d, "fraction_in_a_count.csv", box_of(kGame, {{{2, "FGM"}, "7.5"}}));
    });
    q("number_beyond_64_bits", 2, "column FGA: '99999999999999999999' is not an integer", [=](const fs::path& d) {
        return file(d, "number_beyond_64_bits.csv", box_of(kGame, {{{2, "FGA"}, "99999999999999999999"}}));
    });
    q("counts_that_overflow_the_points_formula", 2, "beyond any game", [=](const fs::path& d) {
        const std::string big = "4611686018427387904";  // 2^62: 2 * FGM would overflow
        return file(d, "counts_that_overflow_the_points_formula.csv",
                    box_of(kGame, {{{2, "FGM"}, big}, {{2, "FGA"}, big}, {{2, "PTS"}, big}}));
    });
    q("negative_count", 2, "column AST: negative counting stat -1", [=](const fs::path& d) {
        return file(d, "negative_count.csv", box_of(kGame, {{{2, "AST"}, "-1.0"}}));
    });
    q("points_do_not_add_up", 2, "PTS 99 != 2*FGM + FG3M + FTM", [=](const fs::path& d) {
        return file(d, "points_do_not_add_up.csv", box_of(kGame, {{{2, "PTS"}, "99.0"}}));
    });
    q("minutes_not_a_time", 2, "column MIN: minutes 'abc' is not a number", [=](const fs::path& d) {
        return file(d, "minutes_not_a_time.csv", box_of(kGame, {{{2, "MIN"}, "abc"}}));
    });
    q("minutes_negative", 2, "column MIN: minutes '-5:00' is not MM:SS", [=](const fs::path& d) {
        return file(d, "minutes_negative.csv", box_of(kGame, {{{2, "MIN"}, "-5:00"}}));
    });
    q("minutes_beyond_any_game", 2, "column MIN: minutes '99999999999999:00' is beyond any game", [=](const fs::path& d) {
        return file(d, "minutes_beyond_any_game.csv", box_of(kGame, {{{2, "MIN"}, "99999999999999:00"}}));
    });
    q("game_id_not_a_number", 2, "column GAME_ID: 'abc' is not a GAME_ID", [=](const fs::path& d) {
        return file(d, "game_id_not_a_number.csv", box_of(kGame, {{{2, "GAME_ID"}, "abc"}}));
    });
    q("two_games_in_one_box_score", 4, "a second game 0021900399 in a single-game box score", [=](const fs::path& d) {
        return file(d, "two_games_in_one_box_score.csv", box_of(kGame, {{{4, "GAME_ID"}, "0021900399"}}));
    });
    q("player_twice_with_different_stats", 28, "player 1628371 listed twice with different stats", [=](const fs::path& d) {
        auto dup = split(lines[1], ',');
        dup[10] = "6.0";  // FGM 6 instead of 7 (and the points no longer add up)
        return file(d, "player_twice_with_different_stats.csv", b + join(dup, ',') + "\n");
    });
    q("team_log_date_in_another_format", 3, "column GAME_DATE: '02/17/2017' is not a date", [=](const fs::path& d) {
        std::string s = slurp(fixture("teamlog_2016-17_placeholder_row.csv"));
        s.replace(s.find(",2017-02-17,", s.find('\n', s.find('\n') + 1)), 12, ",02/17/2017,");
        return file(d, "team_log_date_in_another_format.csv", s);
    });
    // Values beyond the store column's range would fail the write of the whole batch of files.
    q("team_log_minutes_out_of_range", 2, "column MIN: 99999999999 is out of range [0, 1000]", [=](const fs::path& d) {
        std::string s = slurp(fixture("teamlog_2016-17_placeholder_row.csv"));
        s.replace(s.find(",WST vs. EST,L,238,"), 19, ",WST vs. EST,L,99999999999,");
        return file(d, "team_log_minutes_out_of_range.csv", s);
    });
    q("playbyplay_period_beyond_32_bits", 3, "column PERIOD: 3000000000 is out of range", [=](const fs::path& d) {
        auto rows = split(ingest::decode_source_bytes(slurp(fixture("pbp_2019-20_0021900031_duplicate_event.csv.gz")), "pbp").text, '\n');
        auto first = split(rows[2].substr(0, rows[2].find(",8:14 PM")), ',');  // the numeric cells before the clock
        first.at(5) = "3000000000";
        rows[2] = join(first, ',') + rows[2].substr(rows[2].find(",8:14 PM"));
        return file(d, "playbyplay_period_beyond_32_bits.csv", join(rows, '\n'));
    });
    q("props_odds_not_american", 2, "column over_odds: '5' is not American odds", [=](const fs::path& d) {
        std::string s = slurp(fixture("props_2025-03-20_player_threes_head.csv"));
        s.replace(s.find(",-105,-125"), 10, ",-105,5");
        return file(d, "props_2025-03-20_odds_not_american.csv", s);
    });
    q("props_file_name_without_a_date", 0, "carries no snapshot time (YYYYMMDD_HHMMSS) or date", [=](const fs::path& d) {
        return file(d, "props_player_threes.csv", slurp(fixture("props_2025-03-20_player_threes_head.csv")));
    });
    // ---- gzip
    const std::string pbp_gz = slurp(fixture("pbp_2019-20_0021900031_duplicate_event.csv.gz"));
    q("gzip_corrupt", 0, "gzip error", [=](const fs::path& d) {
        std::string s = pbp_gz;
        for (size_t i = 40; i < 240; ++i) s[i] = static_cast<char>(s[i] ^ 0x5A);
        return file(d, "gzip_corrupt.csv.gz", s);
    });
    q("gzip_truncated", 0, "gzip stream is truncated", [=](const fs::path& d) {
        return file(d, "gzip_truncated.csv.gz", pbp_gz.substr(0, pbp_gz.size() / 3));
    });
    q("gzip_trailing_garbage", 0, "garbage after the compressed data", [=](const fs::path& d) {
        return file(d, "gzip_trailing_garbage.csv.gz", pbp_gz + "GARBAGE");
    });
    q("gzip_of_nothing", 0, "empty file", [=](const fs::path& d) { return file(d, "gzip_of_nothing.csv.gz", gzip("")); });
    q("gzip_bomb", 0, "gzip payload inflates to more than 256 MiB: a gzip bomb or not a source file", [=](const fs::path& d) {
        const std::string member = gzip(std::string(size_t(64) << 20, '0'));  // 64 MiB of '0' in ~64 KB
        std::string s;
        for (int i = 0; i < 5; ++i) s += member;  // members concatenate: 320 MiB
        return file(d, "gzip_bomb.csv.gz", s);
    });
    // ---- stats.nba.com JSON
    const std::string sample_json = slurp(ct::sample_dir() / "api-payloads/boxscoretraditionalv2_0022200552.json");
    auto json_with = [=](const std::function<void(nlohmann::json&)>& edit) {
        auto j = nlohmann::json::parse(sample_json);
        for (auto& rs : j["resultSets"])
            if (rs["name"] == "PlayerStats") edit(rs);
        return j.dump();
    };
    q("json_row_shorter_than_headers", 3, "row has 28 fields, header has 29", [=](const fs::path& d) {
        return file(d, "json_row_shorter_than_headers.json", json_with([](nlohmann::json& rs) { rs["rowSet"][1].erase(27); }));
    });
    q("json_row_longer_than_headers", 2, "row has 30 fields, header has 29", [=](const fs::path& d) {
        return file(d, "json_row_longer_than_headers.json", json_with([](nlohmann::json& rs) { rs["rowSet"][0].push_back(1); }));
    });
    q("json_rowset_not_a_list", 0, "result set 'PlayerStats': rowSet is not a list", [=](const fs::path& d) {
        return file(d, "json_rowset_not_a_list.json", json_with([](nlohmann::json& rs) { rs["rowSet"] = "none"; }));
    });
    q("json_result_set_name_not_a_string", 0, "a result set's name is not a string", [=](const fs::path& d) {
        return file(d, "json_result_set_name_not_a_string.json", json_with([](nlohmann::json& rs) { rs["name"] = 7; }));
    });
    q("json_nested_100000_deep", 0, "JSON nested deeper than 64 levels", [=](const fs::path& d) {
        return file(d, "json_nested_100000_deep.json",
                    R"({"resultSets":[{"name":"PlayerStats","headers":["A"],"rowSet":[)" + std::string(100000, '[') +
                        std::string(100000, ']') + "]}]}");
    });
    q("json_truncated", 0, "invalid JSON at byte", [=](const fs::path& d) {
        return file(d, "json_truncated.json", sample_json.substr(0, sample_json.size() / 2));
    });
    q("json_number_out_of_range", 0, "invalid JSON: [json.exception.out_of_range.406] number overflow", [=](const fs::path& d) {
        return file(d, "json_number_out_of_range.json", R"({"resultSets":[{"name":"PlayerStats","headers":["A"],"rowSet":[[1E400]]}]})");
    });
    q("json_invalid_utf8", 0, "invalid JSON", [=](const fs::path& d) {
        std::string s = sample_json;
        s.replace(s.find("DeRozan"), 7, "DeR\xF3zan");
        return file(d, "json_invalid_utf8.json", s);
    });
    // ---- the file system
    q("file_name_not_utf8", 0, "the file name is not valid UTF-8", [=](const fs::path& d) {
        spit(d / "box_caf\xE9.csv", box_of(game(92)));
        return (d / "box_caf\\xE9.csv").string();
    });
    q("symlink_loop", 0, "symbolic link cannot be followed: Too many levels of symbolic links", [=](const fs::path& d) {
        fs::create_symlink("symlink_loop.csv", d / "symlink_loop.csv");
        return (d / "symlink_loop.csv").string();
    });
    q("dangling_symlink", 0, "symbolic link cannot be followed: No such file or directory", [=](const fs::path& d) {
        fs::create_symlink(d / "gone.csv", d / "dangling_symlink.csv");
        return (d / "dangling_symlink.csv").string();
    });
    q("unreadable_file", 0, "cannot open: Permission denied", [=](const fs::path& d) {
        std::string p = file(d, "unreadable_file.csv", box_of(game(93)));
        fs::permissions(p, fs::perms::none);
        return p;
    });
    q("unreadable_directory", 0, "cannot list directory: Permission denied", [=](const fs::path& d) {
        fs::create_directory(d / "unreadable_directory");
        spit(d / "unreadable_directory/box.csv", box_of(game(94)));
        fs::permissions(d / "unreadable_directory", fs::perms::none);
        return (d / "unreadable_directory").string();
    });

    // ---- valid after a safe normalisation: loads, with the right values
    loads("utf8_byte_order_mark", box_rows(game(1), 26), [=](const fs::path& d) {
        return file(d, "utf8_byte_order_mark.csv", "\xEF\xBB\xBF" + box_of(game(1)));
    });
    auto crlf = [](std::string s) {
        std::string out;
        for (char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
        return out;
    };
    const std::string no_cr = "(SELECT count(*) FROM raw.boxscore_player WHERE game_id = '{}' AND (player_name LIKE '%' || chr(13) || '%' "
                              "OR comment LIKE '%' || chr(13) || '%' OR min_text LIKE '%' || chr(13) || '%')) = 0";
    loads("crlf_line_ends", box_rows(game(2), 26) + " AND " + fmt::format(fmt::runtime(no_cr), game(2)) +
                                " AND (SELECT plus_minus FROM raw.boxscore_player WHERE game_id = '" + game(2) + "' AND " + kIsaac + ") = 7",
          [=](const fs::path& d) { return file(d, "crlf_line_ends.csv", crlf(box_of(game(2)))); });
    loads("byte_order_mark_and_crlf", box_rows(game(3), 26) + " AND " + fmt::format(fmt::runtime(no_cr), game(3)),
          [=](const fs::path& d) { return file(d, "byte_order_mark_and_crlf.csv", "\xEF\xBB\xBF" + crlf(box_of(game(3)))); });
    loads("cr_only_line_ends", box_rows(game(4), 26), [=](const fs::path& d) {
        std::string s = box_of(game(4));
        std::replace(s.begin(), s.end(), '\n', '\r');
        return file(d, "cr_only_line_ends.csv", s);
    });
    // The props fixture with its first row's market and line (threes at 2.5, DraftKings) replaced.
    auto props_with_first_row = [=](const fs::path& d, const std::string& name, const std::string& market_and_line) {
        std::string s = slurp(fixture("props_2025-03-20_player_threes_head.csv"));
        const std::string first = ",player_threes,2.5,draftkings,-105,-125";
        s.replace(s.find(first), first.size(), "," + market_and_line + ",draftkings,-105,-125");
        return file(d, name, s);
    };
    // An over/under without its line loads the file's other lines; the row is dropped and said
    // (it vanished without a word; audit).
    loads("props_over_under_without_a_line",
          "(SELECT count(*) FROM ops.dropped_rows WHERE source_file LIKE '%props_2025-03-21_line_missing.csv' AND row_number = 2 "
          "AND reason = 'Tyrese Haliburton player_threes draftkings: over and under odds without a line') = 1 AND "
          "(SELECT count(*) FROM raw.prop_lines WHERE player = 'Tyrese Haliburton' AND source_file LIKE '%line_missing%') = 0",
          [=](const fs::path& d) { return props_with_first_row(d, "props_2025-03-21_line_missing.csv", "player_threes,"); });
    // A yes/no market is priced without a line: kept.
    loads("props_yes_no_market_without_a_line",
          "(SELECT count(*) FROM raw.prop_lines WHERE market = 'player_double_double' AND line IS NULL AND source_file LIKE '%yes_no%') = 1",
          [=](const fs::path& d) { return props_with_first_row(d, "props_2025-03-22_yes_no.csv", "player_double_double,"); });
    loads("quoted_commas_in_a_name",
          "(SELECT player_name FROM raw.boxscore_player WHERE game_id = '" + game(5) + "' AND " + kIsaac + ") = 'Isaac, Jonathan, Jr.'",
          [=](const fs::path& d) { return file(d, "quoted_commas_in_a_name.csv", box_of(game(5), {{{2, "PLAYER_NAME"}, "\"Isaac, Jonathan, Jr.\""}})); });
    loads("quoted_quotes_in_a_name",
          "(SELECT player_name FROM raw.boxscore_player WHERE game_id = '" + game(6) + "' AND " + kIsaac + ") = 'Jonathan \"JI\" Isaac'",
          [=](const fs::path& d) { return file(d, "quoted_quotes_in_a_name.csv", box_of(game(6), {{{2, "PLAYER_NAME"}, "\"Jonathan \"\"JI\"\" Isaac\""}})); });
    loads("accented_utf8_names",
          "(SELECT player_name FROM raw.boxscore_player WHERE game_id = '" + game(7) + "' AND player_id = 203932) = 'Dāvis Bertāns Jokić'",
          [=](const fs::path& d) { return file(d, "accented_utf8_names.csv", box_of(game(7), {{{3, "PLAYER_NAME"}, "Dāvis Bertāns Jokić"}})); });
    loads("spaces_around_values",
          "(SELECT fgm = 7 AND pts = 21 FROM raw.boxscore_player WHERE game_id = '" + game(8) + "' AND " + kIsaac + ")",
          [=](const fs::path& d) { return file(d, "spaces_around_values.csv", box_of(game(8), {{{2, "FGM"}, "  7.0 "}, {{2, "PTS"}, " 21"}})); });
    // MM:SS, M:SS, seconds rounded up to 60, decimal and whole minutes, fractional seconds, the
    // v3 team form with a decimal minute part, and empty for a player who did not play.
    loads("minutes_in_every_format_seen",
          "(SELECT list(coalesce(seconds_played, -1) ORDER BY player_id) FROM raw.boxscore_player WHERE game_id = '" + game(9) +
              "' AND player_id IN (202696, 203082, 203095, 203487, 203920, 203932, 1628365, 1628371)) = "
              "[1965, 2280, 1830, 1957, -1, 545, 1800, 1815]",
          [=](const fs::path& d) {
              return file(d, "minutes_in_every_format_seen.csv",
                          box_of(game(9), {{{2, "MIN"}, "30:15.000"}, {{3, "MIN"}, "9:05"}, {{4, "MIN"}, "32.000000:45"},
                                           {{5, "MIN"}, "30.5"}, {{6, "MIN"}, "30"}, {{7, "MIN"}, "37:60"}, {{8, "MIN"}, "32:36.6"}}));
          });
    loads("game_id_without_leading_zeros", box_rows(game(10), 26), [=](const fs::path& d) {
        std::string s = box_of(game(10));
        const std::string id = fmt::format(",{},", game(10));
        for (size_t at = s.find(id); at != std::string::npos; at = s.find(id)) s.replace(at + 1, 2, "");
        return file(d, "game_id_without_leading_zeros.csv", s);
    });
    loads("exact_duplicate_row",
          box_rows(game(11), 26) + " AND (SELECT count(*) FROM ops.dropped_rows WHERE source_file LIKE '%exact_duplicate_row.csv' "
                                   "AND row_number = 28 AND reason = 'exact duplicate of row 2') = 1",
          [=](const fs::path& d) {
              std::string s = box_of(game(11));
              auto first = split(s, '\n')[1];
              return file(d, "exact_duplicate_row.csv", s + first + "\n");
          });
    loads("same_game_in_two_files_identical",
          box_rows(game(12), 26) + " AND (SELECT count(*) FROM ops.ingested_files WHERE source_file LIKE '%same_game_twice_%') = 1",
          [=](const fs::path& d) {
              file(d, "same_game_twice_b.csv", box_of(game(12)));
              return file(d, "same_game_twice_a.csv", box_of(game(12)));
          });
    // Two versions of one game: the later path wins (a correction), the other is recorded superseded.
    loads("same_game_in_two_files_conflicting",
          box_rows(game(13), 26) + " AND (SELECT pts FROM raw.boxscore_player WHERE game_id = '" + game(13) + "' AND " + kIsaac +
              ") = 23 AND (SELECT note FROM ops.ingested_files WHERE source_file LIKE '%conflicting_a.csv') LIKE 'superseded by %conflicting_b.csv'",
          [=](const fs::path& d) {
              file(d, "conflicting_a.csv", box_of(game(13)));
              return file(d, "conflicting_b.csv", box_of(game(13), {{{2, "FGM"}, "8.0"}, {{2, "FGA"}, "12.0"}, {{2, "PTS"}, "23.0"}}));
          });
    loads("gzip_in_two_members",
          "(SELECT count(*) FROM raw.playbyplay WHERE source_file LIKE '%gzip_in_two_members.csv.gz') = "
          "(SELECT count(*) FROM raw.playbyplay WHERE source_file LIKE '%whole.csv.gz') AND "
          "(SELECT count(*) FROM raw.playbyplay WHERE source_file LIKE '%whole.csv.gz') > 400",
          [=](const fs::path& d) {
              // The same play-by-play as one member (whole) and as two (cat a.gz b.gz), two games apart.
              std::string csv = ingest::decode_source_bytes(pbp_gz, "pbp").text;
              auto retag = [&](const std::string& g) {
                  std::string s = csv;
                  for (size_t at = s.find("0021900031"); at != std::string::npos; at = s.find("0021900031", at)) s.replace(at, 10, g);
                  return s;
              };
              file(d, "whole.csv.gz", gzip(retag(game(14))));
              std::string two = retag(game(15));
              size_t half = two.find('\n', two.size() / 2) + 1;
              return file(d, "gzip_in_two_members.csv.gz", gzip(two.substr(0, half)) + gzip(two.substr(half)));
          });
    loads("game_lines_with_na",
          "(SELECT away_line IS NULL AND home_line IS NOT NULL FROM raw.game_lines WHERE source_file LIKE '%game_lines_with_na.csv' "
          "AND source_row = 3)",
          [=](const fs::path& d) {
              auto gl = split(slurp(ct::sample_dir() / "game-lines/nba_historical_spread.csv"), '\n');
              gl.resize(6);
              auto cells = split(gl[2], ',');
              cells.at(6) = "NA";  // away_line
              gl[2] = join(cells, ',');
              return file(d, "game_lines_with_na.csv", join(gl, '\n') + "\n");
          });

    // A page saved under a data file's name is a failed capture (audit: it was skipped, exit 0).
    q("html_page_named_csv", 0, "an HTML/XML page in a .csv file (a failed capture?)", [=](const fs::path& d) {
        return file(d, "html_page_named_csv.csv", "<!DOCTYPE html><html><body>Access denied</body></html>\n");
    });
    q("html_page_named_json_gz", 0, "an HTML/XML page in a .json file (a failed capture?)", [=](const fs::path& d) {
        return file(d, "html_page_named_json_gz.json.gz", gzip("<html><head></head><body>Service Unavailable, try later</body></html>\n"));
    });

    // ---- not a source: skipped with the reason, never loaded nor quarantined
    skipped("html_page", "not a data file", [=](const fs::path& d) {
        return file(d, "html_page.html", "<!DOCTYPE html><html><body>A roster page</body></html>\n");
    });
    skipped("directory_symlink_loop", "symbolic link loop to", [=](const fs::path& d) {
        fs::create_directory(d / "nested");
        fs::create_directory_symlink("..", d / "nested" / "up");
        return (d / "nested" / "up").string();
    });
    skipped("fifo_named_csv", "not a regular file (FIFO, socket or device)", [=](const fs::path& d) {
        mkfifo((d / "fifo_named_csv.csv").c_str(), 0644);
        return (d / "fifo_named_csv.csv").string();
    });
    return k;
}

// Runs the calling thread's file access as the unprivileged user `nobody` (root reads mode-000
// files): ingest then reads on this thread only (one worker).
struct AsNobody {
    bool root = geteuid() == 0;
    AsNobody() {
        if (root) {
            setfsgid(65534);
            setfsuid(65534);
        }
    }
    ~AsNobody() {
        if (root) {
            setfsuid(0);
            setfsgid(0);
        }
    }
};

}  // namespace

TEST(IngestBadInputCatalogue, EveryKindIsQuarantinedWithFileRowAndReasonOrLoadsCorrectlyAndTheGoodFilesLoad) {
    TempDir tmp;
    const auto kinds = catalogue();
    std::map<std::string, const Kind*> by_path;
    for (const auto& kind : kinds) {
        auto path = kind.make(tmp.path);
        ASSERT_TRUE(by_path.emplace(path, &kind).second) << kind.name;
    }
    // The good files of the same run: a box score of another season, a team log, props lines.
    fs::copy_file(fixture("box_2014-15_0021400050_min_60s.csv"), tmp.path / "good_box.csv");
    fs::copy_file(fixture("teamlog_2016-17_placeholder_row.csv"), tmp.path / "good_team_log.csv");
    fs::copy_file(fixture("props_2025-03-20_player_threes_head.csv"), tmp.path / "good_props_2025-03-20_player_threes.csv");

    ct::TestStore s;
    ingest::IngestReport rep;
    {
        AsNobody nobody;
        if (nobody.root) {  // the drop of privileges must hold, or the unreadable kinds would load
            std::ifstream probe(tmp.path / "unreadable_file.csv");
            ASSERT_FALSE(probe.good()) << "setfsuid(nobody) did not take: root still reads a mode-000 file";
        }
        ingest::IngestOptions opt;
        opt.workers = 1;
        rep = ingest::ingest_paths(s.con, {tmp.path}, opt);
    }

    std::map<std::string, ingest::FileProblem> quarantined, skipped;
    for (const auto& p : rep.quarantined) quarantined[p.file] = p;
    for (const auto& p : rep.skipped) skipped[p.file] = p;
    size_t counts[3] = {0, 0, 0};
    for (const auto& [path, kind] : by_path) {
        SCOPED_TRACE(kind->name + ": " + path);
        ++counts[static_cast<int>(kind->outcome)];
        switch (kind->outcome) {
            case Outcome::Quarantined: {
                auto it = quarantined.find(path);
                ASSERT_NE(it, quarantined.end()) << "not quarantined";
                EXPECT_EQ(it->second.row, kind->row) << it->second.reason;
                EXPECT_NE(it->second.reason.find(kind->reason), std::string::npos) << "reason: " << it->second.reason;
                // The file is named once, by the quarantine: a gzip error repeated it ("f.gz: f.gz: gzip error"; audit).
                EXPECT_NE(it->second.reason.rfind(path + ": ", 0), 0u) << "reason: " << it->second.reason;
                // ...and recorded in ops.quarantine with the same row and reason.
                auto stmt = s.con.prepare("SELECT count(*) FROM ops.quarantine WHERE source_file = ? AND row_number = ? AND reason = ?");
                EXPECT_EQ(stmt.bind(1, path).bind(2, static_cast<int64_t>(kind->row)).bind(3, it->second.reason).execute().scalar_int(), 1);
                break;
            }
            case Outcome::Loads: {
                EXPECT_FALSE(quarantined.count(path)) << quarantined[path].reason;
                auto stmt = s.con.prepare("SELECT rows FROM ops.ingested_files WHERE source_file = ?");
                EXPECT_GT(stmt.bind(1, path).execute().scalar_int().value_or(0), 0) << "not loaded";
                EXPECT_EQ(s.con.query("SELECT (" + kind->reason + ")::INT").scalar_int(), 1) << kind->reason;
                break;
            }
            case Outcome::Skipped: {
                auto it = skipped.find(path);
                ASSERT_NE(it, skipped.end()) << "not skipped";
                EXPECT_NE(it->second.reason.find(kind->reason), std::string::npos) << "reason: " << it->second.reason;
                break;
            }
        }
    }
    // Nothing else was quarantined (the good files and the kinds that load are not).
    EXPECT_EQ(rep.quarantined.size(), counts[0]);
    EXPECT_EQ(ct::table_hash(s.con, "(SELECT count(*) FROM ops.quarantine)"), ct::table_hash(s.con, fmt::format("(SELECT {}::BIGINT)", counts[0])));
    EXPECT_EQ(rep.exit_code(), 3);
    std::cout << "bad-input catalogue: " << kinds.size() << " kinds: " << counts[0] << " quarantined, " << counts[1] << " load after a safe "
              << "normalisation, " << counts[2] << " skipped\n";
    EXPECT_GE(kinds.size(), 30u);

    // The good files of the run loaded in full.
    EXPECT_EQ(s.con.query("SELECT count(*) FROM raw.boxscore_player WHERE game_id = '0021400050'").scalar_int(), 26);
    EXPECT_EQ(s.con.query("SELECT count(*) FROM raw.team_game_log WHERE source_file LIKE '%good_team_log.csv'").scalar_int(), 3);
    EXPECT_EQ(s.con.query("SELECT count(*) FROM raw.prop_lines WHERE source_file LIKE '%good_props_2025-03-20_player_threes.csv'").scalar_int(), 5);
    // No bad kind left a row anywhere: the quarantined games are absent.
    EXPECT_EQ(s.con.query("SELECT count(*) FROM raw.boxscore_player WHERE game_id IN ('0021900388', '0021900399', '" + game(90) +
                          "', '" + game(91) + "', '" + game(92) + "', '" + game(93) + "', '" + game(94) + "')").scalar_int(), 0);
}

// A 200 MiB line costs one scan of the file and about its size in memory, not a parse of it.
TEST(IngestBadInputCatalogue, A200MibSingleLineIsRefusedWithoutBlowingUpMemory) {
    TempDir tmp;
    {
        std::ofstream out(tmp.path / "one_line.csv", std::ios::binary);
        const std::string chunk(1 << 20, 'x');
        for (int i = 0; i < 200; ++i) out << chunk;
    }
    ct::TestStore s;
    s.con.query("SELECT 1");
    auto hwm_mib = [] {
        std::ifstream in("/proc/self/status");
        for (std::string line; std::getline(in, line);)
            if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) / 1024;
        return -1LL;
    };
    auto rss_mib = [] {
        std::ifstream in("/proc/self/status");
        for (std::string line; std::getline(in, line);)
            if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6)) / 1024;
        return -1LL;
    };
    std::ofstream("/proc/self/clear_refs") << "5";  // the high-water mark starts again from here
    const long long before = rss_mib();
    ASSERT_LE(hwm_mib(), before + 5) << "cannot reset the peak RSS (/proc/self/clear_refs)";
    auto rep = ingest::ingest_paths(s.con, {tmp.path / "one_line.csv"});
    ASSERT_EQ(rep.quarantined.size(), 1u);
    EXPECT_EQ(rep.quarantined[0].row, 1u);
    EXPECT_NE(rep.quarantined[0].reason.find("line 1 is 200.0 MiB long"), std::string::npos) << rep.quarantined[0].reason;
    // The file is read once (200 MiB); reading a copy, a parse buffer or a table of it would double that.
    EXPECT_LT(hwm_mib() - before, 300) << "peak RSS grew by " << hwm_mib() - before << " MiB for a 200 MiB file";
    std::cout << "a 200 MiB single line: quarantined on row 1, peak RSS +" << hwm_mib() - before << " MiB\n";
}
