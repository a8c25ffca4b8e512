#include "export/pg_target.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>

namespace courtside::export_ {

namespace {

const char* env(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? v : nullptr;
}

// The password as written in a URL's user info (percent-encoded, as the user typed it).
std::string url_password(const std::string& url) {
    auto scheme = url.find("://");
    if (scheme == std::string::npos) return "";
    auto at = url.find('@', scheme + 3);
    if (at == std::string::npos) return "";
    std::string user_info = url.substr(scheme + 3, at - scheme - 3);
    auto colon = user_info.find(':');
    return colon == std::string::npos ? "" : user_info.substr(colon + 1);
}

}  // namespace

PgTarget PgTarget::resolve(const std::string& option) {
    PgTarget t;
    if (!option.empty()) t.conninfo = option;
    else if (const char* url = env("COURTSIDE_PG_URL")) t.conninfo = url;
    else if (!env("PGHOST") && !env("PGDATABASE") && !env("PGSERVICE") && !env("PGHOSTADDR"))
        throw std::invalid_argument("no PostgreSQL target: give --to postgresql://user@host/db, set COURTSIDE_PG_URL, "
                                    "or set libpq's PGHOST/PGDATABASE");
    if (const char* pw = env("PGPASSWORD")) t.secrets.push_back(pw);
    if (auto raw = url_password(t.conninfo); !raw.empty()) t.secrets.push_back(raw);

    char* err = nullptr;
    std::unique_ptr<PQconninfoOption, void (*)(PQconninfoOption*)> opts(PQconninfoParse(t.conninfo.c_str(), &err),
                                                                       PQconninfoFree);
    if (!opts) {
        std::string why = err ? err : "out of memory";
        if (err) PQfreemem(err);
        throw std::invalid_argument("not a PostgreSQL connection string: " + t.redact(why));
    }
    std::string user, host, port, db;
    for (auto* o = opts.get(); o->keyword; ++o) {
        if (!o->val) continue;
        std::string k = o->keyword, v = o->val;
        if (k == "password") t.secrets.push_back(v);
        else if (k == "user") user = v;
        else if (k == "host" || (k == "hostaddr" && host.empty())) host = v;
        else if (k == "port") port = v;
        else if (k == "dbname") db = v;
    }
    auto or_env = [](std::string v, const char* name, const char* fallback) {
        if (!v.empty()) return v;
        const char* e = env(name);
        return std::string(e ? e : fallback);
    };
    t.description = t.redact(fmt::format("postgresql://{}@{}:{}/{}", or_env(user, "PGUSER", "(login user)"),
                                         or_env(host, "PGHOST", "(default socket)"), or_env(port, "PGPORT", "5432"),
                                         or_env(db, "PGDATABASE", "(user name)")));
    return t;
}

std::string PgTarget::redact(std::string message) const {
    for (const auto& s : secrets) {
        if (s.empty()) continue;
        for (size_t at = message.find(s); at != std::string::npos; at = message.find(s, at + 3)) message.replace(at, s.size(), "***");
    }
    return message;
}

}  // namespace courtside::export_
