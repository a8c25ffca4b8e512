#include "serve/layout.hpp"
#include "serve/pages.hpp"

#include <fmt/format.h>

#include <cmath>

namespace courtside::serve {

namespace {
using nlohmann::json;

// Filters run in the browser: market, minimum |edge|, side and a player name; a link can preset
// them in its fragment (/#market=threes&side=OVER).
constexpr const char* kFilterScript = R"js(<script>
(function(){var f=document.getElementById('filters'),t=document.getElementById('picks');if(!f||!t)return;
var h=new URLSearchParams(location.hash.slice(1));['market','edge','side','player'].forEach(function(k){if(h.has(k))f[k].value=h.get(k);});
function apply(){var m=f.market.value,e=parseFloat(f.edge.value)||0,s=f.side.value,q=f.player.value.toLowerCase(),n=0;
 Array.from(t.tBodies[0].rows).forEach(function(r){var ok=(!m||r.dataset.market===m)&&(Math.abs(parseFloat(r.dataset.edge)||0)>=e||(e===0))
  &&(!s||r.dataset.side===s)&&(!q||r.dataset.player.indexOf(q)>=0);r.hidden=!ok;if(ok)n++;});
 document.getElementById('shown').textContent=n;}
f.addEventListener('input',apply);f.addEventListener('change',apply);apply();})();
</script>)js";

std::string odds(const json& v) {
    if (!v.is_number()) return "-";
    const auto o = v.get<int64_t>();
    return o > 0 ? fmt::format("+{}", o) : std::to_string(o);
}

std::string tipoff_et(const json& v) {
    // "2025-11-09T00:30:00Z" -> shown as given in UTC hours:minutes; the date column is the US date.
    if (!v.is_string()) return "-";
    const auto s = v.get<std::string>();
    return s.size() >= 16 ? s.substr(11, 5) + " UTC" : html(s);
}
}  // namespace

std::string page_picks(const json& doc) {
    const std::string date = doc["date"].is_string() ? doc["date"].get<std::string>() : "";
    std::string b = date.empty() ? "<h1>Picks</h1>" : fmt::format("<h1>Picks for {}</h1>", html(date));
    // Date picker: every date with picks (the form reloads the page with ?date=).
    if (!doc["dates"].empty()) {
        b += R"~(<form class="bar" method="get" action="/"><label>date <select name="date" onchange="this.form.submit()">)~";
        for (const auto& d : doc["dates"]) {
            const auto v = d["date"].get<std::string>();
            b += fmt::format(R"(<option value="{0}"{1}>{0} ({2} lines, {3} with a side)</option>)", html(v), v == date ? " selected" : "",
                             d["lines"].get<int64_t>(), d["lines_bet"].get<int64_t>());
        }
        b += "</select></label>";
        // One family of systems per market (a line is listed once): by default xgb's (api_picks_of_one_system).
        const std::string asked = doc.contains("family_asked") ? doc["family_asked"].get<std::string>() : "";
        if (doc.contains("families") && (doc["families"].size() > 1 || !asked.empty())) {
            b += R"~(<label>system <select name="system" onchange="this.form.submit()">)~";
            b += fmt::format(R"(<option value=""{}>{} (default)</option>)", asked.empty() ? " selected" : "",
                             html(asked.empty() ? doc.value("system_shown", std::string()) : std::string("xgb, or the first")));
            for (const auto& f : doc["families"]) {
                const auto v = f.get<std::string>();
                b += fmt::format(R"(<option value="{0}"{1}>{0}</option>)", html(v), v == asked ? " selected" : "");
            }
            b += "</select></label>";
        }
        b += "<noscript><button>show</button></noscript></form>";
    }
    if (doc.contains("note")) b += fmt::format(R"(<p class="note" id="note">{}</p>)", html(doc["note"].get<std::string>()));
    const auto& picks = doc["picks"];
    size_t over = 0, under = 0, pass = 0;
    for (const auto& p : picks) {
        const auto side = p["side"].is_string() ? p["side"].get<std::string>() : "";
        (side == "OVER" ? over : side == "UNDER" ? under : pass)++;
    }
    if (!picks.empty()) {
        b += fmt::format(R"(<div class="cards"><div class="card"><div class="v">{}</div><div class="k">lines</div></div>)"
                         R"(<div class="card"><div class="v">{}</div><div class="k">OVER</div></div>)"
                         R"(<div class="card"><div class="v">{}</div><div class="k">UNDER</div></div>)"
                         R"(<div class="card"><div class="v">{}</div><div class="k">PASS</div></div></div>)",
                         picks.size(), over, under, pass);
        b += R"(<form class="bar" id="filters" onsubmit="return false"><label>market <select name="market"><option value="">all</option>)"
             R"(<option>points</option><option>threes</option></select></label>)"
             R"(<label>|edge| at least <input name="edge" type="number" step="0.1" min="0" value="0" style="width:5em"></label>)"
             R"(<label>side <select name="side"><option value="">all</option><option>OVER</option><option>UNDER</option><option>PASS</option></select></label>)"
             R"(<label>player <input name="player" type="search" placeholder="name"></label>)";
        b += fmt::format(R"(<span><b id="shown">{}</b> of {} shown</span></form>)", picks.size(), picks.size());
    }
    b += R"(<table class="sortable" id="picks"><thead><tr><th>tip-off</th><th class="t">game</th><th class="t">player</th><th class="t">team</th>)"
         R"(<th class="t">market</th><th>line</th><th>books</th><th>predicted</th><th>P(over)</th><th>edge</th><th>EV over</th>)"
         R"(<th>EV under</th><th class="t">best over</th><th class="t">best under</th><th class="t">side</th><th class="t">why pass / injury</th>)"
         R"(<th class="t">tier</th><th class="t">system</th></tr></thead><tbody>)";
    for (const auto& p : picks) {
        const auto side = p["side"].is_string() ? p["side"].get<std::string>() : "";
        const auto name = p["player_name"].is_string() ? p["player_name"].get<std::string>() : "";
        std::string lower;
        for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string why = p["pass_reason"].is_string() ? html(p["pass_reason"].get<std::string>()) : "";
        if (p["injury_status"].is_string())
            why += (why.empty() ? "" : "; ") + std::string("injury: ") + html(p["injury_status"].get<std::string>());
        if (p["prediction_basis"].is_string()) why += (why.empty() ? "" : "; ") + std::string("basis: ") + html(p["prediction_basis"].get<std::string>());
        b += fmt::format(R"(<tr class="{}" data-market="{}" data-edge="{}" data-side="{}" data-player="{}">)", html(side),
                         cell(p["market"]), sort_key(p["edge"]), html(side), html(lower));
        b += fmt::format(R"(<td data-v="{}">{}</td><td class="t" data-v="{}">{}</td>)", sort_key(p["tipoff_utc"]), tipoff_et(p["tipoff_utc"]),
                         sort_key(p["game"]), cell(p["game"]));
        b += fmt::format(R"(<td class="t" data-v="{}"><a href="/players/{}">{}</a></td><td class="t" data-v="{}">{}</td>)", html(lower),
                         p["player_id"].get<int64_t>(), html(name), sort_key(p["team"]),
                         cell(p["team"]) + (p["opponent"].is_string() ? (p["is_home"].is_boolean() && p["is_home"].get<bool>() ? " vs " : " @ ") + cell(p["opponent"]) : ""));
        b += fmt::format(R"(<td class="t" data-v="{}">{}</td>)", sort_key(p["market"]), cell(p["market"]));
        for (auto [key, dec] : {std::pair{"line", 1}, std::pair{"books", 0}, std::pair{"predicted", 1}})
            b += fmt::format(R"(<td data-v="{}">{}</td>)", sort_key(p[key]), cell(p[key], dec));
        b += fmt::format(R"(<td data-v="{}">{}</td>)", sort_key(p["p_over"]), pct(p["p_over"]));
        b += fmt::format(R"(<td class="edge" data-v="{}">{}</td>)", sort_key(p["edge"]),
                         p["edge"].is_number() ? fmt::format("{:+.1f}", p["edge"].get<double>()) : "-");
        for (const char* key : {"ev_over", "ev_under"})
            b += fmt::format(R"(<td data-v="{}">{}</td>)", sort_key(p[key]),
                             p[key].is_number() ? fmt::format("{:+.3f}", p[key].get<double>()) : "-");
        for (auto [o, book] : {std::pair{"best_over_odds", "best_over_book"}, std::pair{"best_under_odds", "best_under_book"}})
            b += fmt::format(R"(<td class="t" data-v="{}">{}{}</td>)", sort_key(p[o]), odds(p[o]),
                             p[book].is_string() ? fmt::format(" {}", html(p[book].get<std::string>())) : std::string());
        b += fmt::format(R"(<td class="t side" data-v="{0}">{0}</td><td class="t" data-v="{1}">{1}</td><td class="t" data-v="{2}">{2}</td>)"
                         R"(<td class="t" data-v="{3}">{3}</td></tr>)",
                         html(side), why, cell(p["quality_tier"]), cell(p["system"]));
    }
    b += "</tbody></table>";
    b += kFilterScript;
    return layout(date.empty() ? "Picks" : "Picks " + date, "picks", b);
}

}  // namespace courtside::serve
