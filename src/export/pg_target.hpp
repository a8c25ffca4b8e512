// Where `courtside publish` writes: a PostgreSQL connection string from --to, else from
// $COURTSIDE_PG_URL, else libpq's own environment (PGHOST, PGDATABASE, PGUSER, PGPASSWORD...).
// The password never leaves this struct: output shows `description`, and every message that
// could echo the connection string goes through redact().
#pragma once

#include <string>
#include <vector>

namespace courtside::export_ {

struct PgTarget {
    std::string conninfo;     // handed to libpq as is (a URL or key=value pairs)
    std::string description;  // user@host:port/database, without the password
    std::vector<std::string> secrets;  // the password as written and as decoded, PGPASSWORD

    static PgTarget resolve(const std::string& option);
    // The message with every secret replaced by ***.
    std::string redact(std::string message) const;
};

}  // namespace courtside::export_
