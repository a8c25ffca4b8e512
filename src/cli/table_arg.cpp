#include "cli/table_arg.hpp"

#include "cli/suggest.hpp"
#include "export/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace courtside::cli {

CLI::Validator store_table_name() {
    return CLI::Validator(
        [](std::string& name) {
            std::vector<std::string> known;
            for (const auto& t : export_::store_tables()) known.insert(known.end(), {t.spec->name, t.qualified(), t.spec->schema});
            if (std::find(known.begin(), known.end(), name) != known.end()) return std::string();
            return fmt::format("unknown table or schema '{}'{} (see `courtside docs`)", name, did_you_mean(nearest(name, known)));
        },
        "TABLE");
}

}  // namespace courtside::cli
