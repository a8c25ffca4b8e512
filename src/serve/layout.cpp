#include "serve/layout.hpp"

#include "models/svg_chart.hpp"

#include <fmt/format.h>

namespace courtside::serve {

namespace {
constexpr const char* kStyle = R"css(
*{box-sizing:border-box}body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1d2330;color:#fff;padding:.6em 1.2em;display:flex;gap:1.5em;align-items:center;flex-wrap:wrap}
header b{font-size:1.1em;letter-spacing:.02em}header a{color:#c9d3e6;text-decoration:none}header a.on{color:#fff;border-bottom:2px solid #f0a030}
main{padding:1em 1.2em;max-width:1500px}h1{font-size:1.35em;margin:.3em 0 .6em}h2{font-size:1.1em;margin:1.4em 0 .5em}
table{border-collapse:collapse;background:#fff;font-size:.86em;margin:.4em 0 1em}th,td{border:1px solid #dde1e8;padding:3px 7px;text-align:right;white-space:nowrap}
th{background:#eceff4;position:sticky;top:0}th.sort{cursor:pointer;user-select:none}th.sort:after{content:" \2195";color:#99a}
td.t,th.t{text-align:left}tr.OVER td.side{color:#0a7d32;font-weight:600}tr.UNDER td.side{color:#b3261e;font-weight:600}tr.PASS td{color:#6b7280}
tr.fail td{background:#fde2e1}tr.warn td{background:#fff4d6}tr.skip td{background:#eeeeee;color:#555}.note{background:#fff4d6;border:1px solid #f0d48a;padding:.5em .8em;margin:.5em 0;display:inline-block}
.bar{display:flex;gap:1em;flex-wrap:wrap;align-items:center;margin:.4em 0 .8em}.bar label{font-size:.9em}
.cards{display:flex;gap:.8em;flex-wrap:wrap;margin:.4em 0}.card{background:#fff;border:1px solid #dde1e8;padding:.5em .9em;min-width:9em}
.card .v{font-size:1.3em;font-weight:600}.card .k{font-size:.8em;color:#6b7280}
.strip{display:flex;flex-wrap:wrap;gap:1px;margin:.2em 0 .8em;max-width:100%}.strip i{width:9px;height:14px;display:block}
.c-C{background:#2e9d57}.c-E{background:#c8d0da}.c-S{background:#8fb3e0}.c-F{background:#d93025}.c-P{background:#f0a030}.c-dot{background:#f0f1f4}
.legend i{display:inline-block;width:10px;height:10px;margin:0 .3em 0 1em}svg{background:#fff;border:1px solid #dde1e8;max-width:100%;height:auto}
pre{background:#fff;border:1px solid #dde1e8;padding:.6em;overflow:auto;font-size:.85em}a{color:#1a56b0}
)css";

// Sortable tables (click a header: numbers by data-v, text otherwise); a link can sort the first
// table with that header in its fragment (#sort=edge&dir=desc).
constexpr const char* kScript = R"js(
document.querySelectorAll('table.sortable').forEach(function(t){
  t.querySelectorAll('th').forEach(function(th,i){
    th.classList.add('sort');
    th.addEventListener('click',function(){
      var body=t.tBodies[0],rows=Array.from(body.rows),dir=th.dataset.dir==='asc'?-1:1;th.dataset.dir=dir===1?'asc':'desc';
      rows.sort(function(a,b){var x=a.cells[i].dataset.v,y=b.cells[i].dataset.v;var nx=parseFloat(x),ny=parseFloat(y);
        if(x===''&&y!=='')return 1;if(y===''&&x!=='')return -1;
        if(!isNaN(nx)&&!isNaN(ny))return (nx-ny)*dir;return String(x).localeCompare(String(y))*dir;});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
(function(){var h=new URLSearchParams(location.hash.slice(1)),k=h.get('sort');if(!k)return;
  var th=Array.from(document.querySelectorAll('table.sortable th')).find(function(x){return x.textContent.trim()===k;});
  if(th){th.click();if(h.get('dir')==='desc')th.click();}})();
)js";
}  // namespace

std::string html(const std::string& text) { return models::svg::escape(text); }

std::string cell(const nlohmann::json& v, int decimals) {
    if (v.is_null()) return "-";
    if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    if (v.is_number()) return fmt::format("{:.{}f}", v.get<double>(), decimals);
    if (v.is_string()) return html(v.get<std::string>());
    return html(v.dump());
}

std::string pct(const nlohmann::json& v) { return v.is_number() ? fmt::format("{:.1f}%", 100 * v.get<double>()) : "-"; }

std::string sort_key(const nlohmann::json& v) {
    if (v.is_null()) return "";
    if (v.is_number()) return fmt::format("{}", v.get<double>());
    if (v.is_boolean()) return v.get<bool>() ? "1" : "0";
    return v.is_string() ? html(v.get<std::string>()) : html(v.dump());
}

std::string layout(const std::string& title, const std::string& active, const std::string& body) {
    std::string nav;
    for (auto [href, key, label] : {std::tuple{"/", "picks", "Picks"}, std::tuple{"/performance", "performance", "Performance"},
                                    std::tuple{"/health", "health", "Pipeline health"}, std::tuple{"/models", "models", "Models"}})
        nav += fmt::format(R"(<a href="{}"{}>{}</a>)", href, active == key ? R"( class="on")" : "", label);
    return fmt::format(R"(<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">)"
                       R"(<link rel="icon" href="data:,"><title>{} · courtside</title><style>{}</style></head>)"
                       R"(<body><header><b>courtside</b>{}</header><main>{}</main><script>{}</script></body></html>)",
                       html(title), kStyle, nav, body, kScript);
}

}  // namespace courtside::serve
