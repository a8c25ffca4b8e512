// A throwaway PostgreSQL 15 server for the publish tests: initdb into a temporary directory,
// started on a unix socket in that directory only (no TCP), stopped and removed at the end. As
// root (CI) the server runs as `nobody`, since PostgreSQL refuses to run as root.
#pragma once

#include "export_fixture.hpp"

#include <fmt/format.h>
#include <pwd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace courtside::testing {

class PgServer {
public:
    static constexpr const char* kBin = "/usr/lib/postgresql/15/bin";
    static constexpr const char* kPassword = "Pw-9fQz!x7-secret";

    PgServer() {
        namespace fs = std::filesystem;
        if (!fs::exists(std::string(kBin) + "/initdb")) {
            why_ = std::string(kBin) + "/initdb not found: install postgresql-15 (scripts/setup.sh does)";
            return;
        }
        installed_ = true;
        char tmpl[] = "/tmp/courtside_pg_XXXXXX";
        if (!mkdtemp(tmpl)) {
            why_ = "mkdtemp failed";
            return;
        }
        dir_ = tmpl;
        port_ = 40000 + static_cast<int>(getpid() % 20000);
        std::ofstream(dir_ / "pw") << kPassword << "\n";
        if (geteuid() == 0) {
            const passwd* nobody = getpwnam("nobody");
            if (!nobody) {
                why_ = "running as root and there is no user 'nobody' to run PostgreSQL as";
                return;
            }
            as_ = "runuser -u nobody -- ";
            for (const auto& p : {dir_, dir_ / "pw"})
                if (chown(p.c_str(), nobody->pw_uid, nobody->pw_gid) != 0) {
                    why_ = "cannot hand " + p.string() + " to nobody";
                    return;
                }
        }
        if (!run(fmt("{}/initdb -D {}/data -U courtside --auth=scram-sha-256 --pwfile={}/pw --no-locale -E UTF8", kBin, dir_.string(),
                     dir_.string())) ||
            !run(fmt("{}/pg_ctl -D {}/data -l {}/server.log -w -t 60 -o \"-k {} -c listen_addresses='' -p {} -c fsync=off\" start", kBin,
                     dir_.string(), dir_.string(), dir_.string(), port_)) ||
            !run(fmt("PGPASSWORD='{}' /usr/bin/psql -q -h {} -p {} -U courtside -d postgres -c 'CREATE DATABASE courtside'", kPassword,
                     dir_.string(), port_))) {
            why_ = "could not start PostgreSQL: " + read_file(dir_ / "cmd.log") + read_file(dir_ / "server.log");
            return;
        }
        started_ = true;
    }
    ~PgServer() {
        if (started_) run(fmt("{}/pg_ctl -D {}/data -m fast -w stop", kBin, dir_.string()));
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }
    PgServer(const PgServer&) = delete;
    PgServer& operator=(const PgServer&) = delete;

    bool ok() const { return started_; }
    bool installed() const { return installed_; }
    const std::string& why() const { return why_; }
    // A libpq URL with the password, on the server's socket directory.
    std::string url(const std::string& password = kPassword) const {
        return fmt("postgresql://courtside:{}@/courtside?host={}&port={}", password, dir_.string(), port_);
    }
    // key=value form, for the test's own connections.
    std::string conninfo() const {
        return fmt("host={} port={} dbname=courtside user=courtside password={}", dir_.string(), port_, kPassword);
    }

private:
    template <class... A>
    static std::string fmt(const char* f, A&&... a) {
        return ::fmt::format(::fmt::runtime(f), std::forward<A>(a)...);
    }
    bool run(const std::string& cmd) {
        const std::string full = as_ + "sh -c \"" + escape(cmd) + "\" > " + (dir_ / "cmd.log").string() + " 2>&1";
        return std::system(full.c_str()) == 0;
    }
    static std::string escape(const std::string& s) {
        std::string out;
        for (char c : s) {
            if (c == '"' || c == '\\' || c == '$' || c == '`') out += '\\';
            out += c;
        }
        return out;
    }
    std::filesystem::path dir_;
    int port_ = 0;
    std::string as_, why_;
    bool started_ = false, installed_ = false;
};

// Skips only when PostgreSQL 15 is not installed; a server that is installed but fails to start
// is a failure.
#define COURTSIDE_REQUIRE_PG(server)                                                         \
    do {                                                                                     \
        if (!(server).installed()) GTEST_SKIP() << "no PostgreSQL 15: " << (server).why();   \
        ASSERT_TRUE((server).ok()) << (server).why();                                        \
    } while (0)

}  // namespace courtside::testing
