#include "cli/player_arg.hpp"

#include "cli/suggest.hpp"
#include "core/game_id.hpp"
#include "core/name_normalizer.hpp"
#include "props/player_identity.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

namespace courtside::cli {

namespace {

struct Known {
    std::string key, name;
    int64_t games = 0;
    int first_season = 0, last_season = 0;
};

// Every (player, name key) of the identity index, most games first within a player.
std::map<int64_t, std::vector<Known>> known_players(store::Connection& con) {
    std::map<int64_t, std::vector<Known>> out;
    con.query("SELECT player_id, name_key, display_name, games, first_season, last_season FROM props.player_identity "
              "ORDER BY player_id, games DESC")
        .for_each_chunk([&](const store::Chunk& c) {
            for (size_t r = 0; r < c.size(); ++r)
                out[c.get_int(0, r)].push_back({std::string(c.get_string(1, r)), std::string(c.get_string(2, r)), c.get_int(3, r),
                                                static_cast<int>(c.get_int(4, r)), static_cast<int>(c.get_int(5, r))});
        });
    return out;
}

// Whether `part` appears in `key` at word boundaries ("curry" in "stephen curry", not in "currys").
bool contains_words(const std::string& key, const std::string& part) {
    for (size_t at = key.find(part); at != std::string::npos; at = key.find(part, at + 1)) {
        const bool start = at == 0 || key[at - 1] == ' ';
        const bool end = at + part.size() == key.size() || key[at + part.size()] == ' ';
        if (start && end) return true;
    }
    return false;
}

// A name as spelled, down to letters, digits and single spaces, lower case (ASCII; other bytes kept).
std::string spelling(std::string_view name) {
    std::string out;
    for (char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) || c >= 0x80) out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != ' ' && (std::isspace(c) || c == '-')) out += ' ';
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

}  // namespace

PlayerChoice resolve_player(store::Connection& con, const std::string& typed, std::optional<core::Date> on) {
    if (!typed.empty() && std::all_of(typed.begin(), typed.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        if (typed.size() > 18) throw CLI::ValidationError("--player", "'" + typed + "' is not a player id (too many digits)");
        const int64_t id = std::stoll(typed);
        auto q = con.prepare("SELECT " + props::display_name_sql("$1"));
        q.bind(1, id);
        if (auto name = q.execute().scalar_string()) return {id, *name};
        // An id no source of the store knows was echoed as its own name ("no feature row for
        // 99999999 (99999999)"; audit). A store without the identity index takes it as given.
        if (con.query("SELECT count(*) FROM props.player_identity").scalar_int().value_or(0) > 0)
            throw CLI::ValidationError("--player", fmt::format("no player with id {} in the store (box scores, player logs or the "
                                                               "player directory)", id));
        return {id, typed};
    }
    const std::string key = core::normalize_person_name(typed);
    if (key.empty()) throw CLI::ValidationError("--player", "'" + typed + "' is not a name or an id");
    const auto players = known_players(con);
    std::vector<std::pair<int64_t, const Known*>> exact, partial;
    for (const auto& [id, names] : players) {
        const Known* e = nullptr;
        const Known* p = nullptr;
        for (const auto& k : names) {
            if (!e && k.key == key) e = &k;
            if (!p && contains_words(k.key, key)) p = &k;
        }
        if (e) exact.emplace_back(id, e);
        else if (p) partial.emplace_back(id, p);
    }
    // Names that normalize alike (suffixes dropped: "Jaren Jackson Jr." and "Jaren Jackson") are
    // told apart first by the date asked about, when one of them alone played in its season (the
    // father, retired in 2001, was taken for a 2021 date; audit), then by the name as typed, when it
    // is exactly one player's display name. Either way the others are named.
    auto others_than = [&](int64_t chosen) {
        std::string others;
        for (const auto& [id, k] : exact)
            if (id != chosen) others += fmt::format("{}{} ({}, last season {})", others.empty() ? "" : ", ", k->name, id, k->last_season);
        return others;
    };
    // A name typed with more than its key holds ("Jaren Jackson Jr.": the suffix) means the player
    // of that spelling whatever the date; a bare key ("jaren jackson") goes by the date first.
    const bool spelled_out = spelling(typed) != key;
    if (exact.size() > 1 && on && !spelled_out) {
        const int season = core::season_of_date(*on);
        std::vector<std::pair<int64_t, const Known*>> playing;
        for (const auto& [id, k] : exact)
            if (k->first_season <= season && season <= k->last_season) playing.emplace_back(id, k);
        if (playing.size() == 1) {
            const auto& [id, k] = playing[0];
            fmt::print(stderr, "courtside: note: '{}' on {} is {} ({}), the one of that name playing in {}; {} share{} the name\n",
                       typed, core::format_date(*on), k->name, id, core::season_label(season), others_than(id),
                       exact.size() > 2 ? "" : "s");
            return {id, k->name};
        }
    }
    if (exact.size() > 1) {
        std::vector<std::pair<int64_t, const Known*>> spelled;
        for (const auto& [id, k] : exact)
            if (spelling(k->name) == spelling(typed)) spelled.emplace_back(id, k);
        if (spelled.size() == 1) {
            // Said, not silent: "Jaren Jackson" is the father (retired), his son is "Jaren Jackson Jr." (audit).
            // Typed with the suffix, the name was already the full one: no advice to give it (audit).
            fmt::print(stderr, "courtside: note: '{}' is {} ({}, last season {}); {} share{} the name{}\n", typed,
                       spelled[0].second->name, spelled[0].first, spelled[0].second->last_season, others_than(spelled[0].first),
                       exact.size() > 2 ? "" : "s", spelled_out ? "" : ": give the full name or the id");
            return {spelled[0].first, spelled[0].second->name};
        }
    }
    const auto& found = exact.empty() ? partial : exact;
    if (found.size() == 1) return {found[0].first, found[0].second->name};
    if (found.empty()) {
        // A book's spelling that ingest matched to a player ("Vincent Williams Jr", "Nicolas Claxton"):
        // the name `lines show` prints is accepted too (audit: 3 of 17 book spellings were refused).
        std::map<int64_t, std::string> matched;  // the book's spelling normalized as the name typed
        con.query("SELECT DISTINCT player, player_id FROM props.player_name_matches WHERE player_id IS NOT NULL")
            .for_each_chunk([&](const store::Chunk& c) {
                for (size_t r = 0; r < c.size(); ++r)
                    if (core::normalize_person_name(c.get_string(0, r)) == key) matched.emplace(c.get_int(1, r), std::string(c.get_string(0, r)));
            });
        if (matched.size() == 1) {
            const auto& [id, book_name] = *matched.begin();
            auto it = players.find(id);
            return {id, it != players.end() && !it->second.empty() ? it->second.front().name : book_name};
        }
        if (matched.size() > 1) {
            std::string list;
            for (const auto& [id, book_name] : matched) list += fmt::format("\n  {} ({})", book_name, id);
            throw CLI::ValidationError("--player", fmt::format("'{}' is a book's spelling of {} players; give the id:{}", typed,
                                                               matched.size(), list));
        }
        // A typo ("Nikola Jokc") gets the nearest name the store knows.
        std::vector<std::string> keys;
        std::map<std::string, std::string> name_of_key;
        for (const auto& [id, names] : players)
            for (const auto& k : names)
                if (name_of_key.emplace(k.key, k.name).second) keys.push_back(k.key);
        const auto guess = nearest(key, keys);
        throw CLI::ValidationError("--player", fmt::format("no player named '{}' in the store (matched as '{}'){}", typed, key,
                                                           did_you_mean(guess ? std::optional<std::string>(name_of_key.at(*guess))
                                                                              : std::nullopt)));
    }
    std::vector<std::pair<int64_t, const Known*>> sorted(found);
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.second->last_season != b.second->last_season ? a.second->last_season > b.second->last_season : a.first < b.first;
    });
    std::string list;
    for (size_t i = 0; i < sorted.size() && i < 10; ++i)
        list += fmt::format("\n  {} ({}, last season {})", sorted[i].second->name, sorted[i].first, sorted[i].second->last_season);
    if (sorted.size() > 10) list += fmt::format("\n  ... and {} more", sorted.size() - 10);
    throw CLI::ValidationError("--player", fmt::format("'{}' matches {} players; give the id or more of the name:{}", typed,
                                                       sorted.size(), list));
}

}  // namespace courtside::cli
