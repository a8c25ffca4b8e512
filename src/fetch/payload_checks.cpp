#include "fetch/payload_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace courtside::fetch {

namespace {

std::string_view trim_front(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    return s;
}

std::string snippet(std::string_view s) {
    std::string out(s.substr(0, 60));
    std::replace_if(out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    return out;
}

}  // namespace

ParsedJson parse_json_body(std::string_view body) {
    ParsedJson p;
    std::string_view t = trim_front(body);
    if (t.empty()) {
        p.error = "empty body";
        return p;
    }
    if (t.front() == '<') {
        p.error = fmt::format("an HTML/XML page, not JSON ({}...)", snippet(t));
        return p;
    }
    try {
        p.json = nlohmann::json::parse(body);
    } catch (const nlohmann::json::parse_error& e) {
        bool cut = e.byte >= body.size();  // the parser ran off the end: the body stops mid-document
        p.error = fmt::format("{} JSON at byte {} of {}: {}", cut ? "truncated" : "invalid", e.byte, body.size(), e.what());
    }
    return p;
}

const nlohmann::json* at_path(const nlohmann::json& j, std::string_view dotted) {
    const nlohmann::json* cur = &j;
    while (!dotted.empty()) {
        auto dot = dotted.find('.');
        std::string key(dotted.substr(0, dot));
        if (!cur->is_object() || !cur->contains(key)) return nullptr;
        cur = &(*cur)[key];
        dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
    }
    return cur;
}

std::optional<std::string> check_array(const nlohmann::json& j, std::string_view dotted, bool require_rows,
                                       const std::string& empty_reason) {
    const auto* a = at_path(j, dotted);
    if (!a) return fmt::format("unknown schema: no '{}'", dotted);
    if (!a->is_array()) return fmt::format("unknown schema: '{}' is not an array", dotted);
    if (require_rows && a->empty()) return empty_reason;
    return std::nullopt;
}

ResultSetCheck check_result_set(const nlohmann::json& j, const std::string& name, const std::vector<std::string>& columns,
                                bool require_rows, const std::string& empty_reason) {
    ResultSetCheck c;
    const nlohmann::json* sets = at_path(j, "resultSets");
    if (!sets) sets = at_path(j, "resultSet");
    if (!sets) {
        c.error = "unknown schema: no resultSets";
        return c;
    }
    std::vector<const nlohmann::json*> list;
    if (sets->is_array())
        for (const auto& s : *sets) list.push_back(&s);
    else if (sets->is_object())
        list.push_back(sets);
    for (const auto* s : list) {
        if (!s->is_object() || s->value("name", "") != name) continue;
        const auto* headers = at_path(*s, "headers");
        const auto* rows = at_path(*s, "rowSet");
        if (!headers || !headers->is_array() || !rows || !rows->is_array()) {
            c.error = fmt::format("unknown schema: result set {} without headers/rowSet", name);
            return c;
        }
        std::string missing;
        for (const auto& col : columns)
            if (std::find(headers->begin(), headers->end(), col) == headers->end()) missing += (missing.empty() ? "" : ", ") + col;
        if (!missing.empty()) {
            c.error = fmt::format("unknown schema: result set {} lacks {}", name, missing);
            return c;
        }
        c.rows = rows->size();
        if (require_rows && c.rows == 0) c.error = empty_reason;
        return c;
    }
    c.error = fmt::format("unknown schema: no result set {}", name);
    return c;
}

std::optional<std::string> check_pdf(std::string_view body) {
    if (trim_front(body).substr(0, 1) == "<") return fmt::format("an HTML/XML page, not a PDF ({}...)", snippet(trim_front(body)));
    if (body.substr(0, 5) != "%PDF-") return fmt::format("not a PDF ({}...)", snippet(body));
    std::string_view tail = body.substr(body.size() > 1024 ? body.size() - 1024 : 0);
    if (tail.find("%%EOF") == std::string_view::npos) return fmt::format("truncated PDF: no %%EOF in the last bytes of {}", body.size());
    return std::nullopt;
}

}  // namespace courtside::fetch
