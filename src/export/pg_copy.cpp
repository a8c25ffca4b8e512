#include "export/pg_copy.hpp"

#include <pqxx/tablewriter>

namespace courtside::export_ {

void append_copy_text(std::string& line, std::string_view value) {
    for (char c : value) {
        switch (c) {
            case '\\': line += "\\\\"; break;
            case '\t': line += "\\t"; break;
            case '\n': line += "\\n"; break;
            case '\r': line += "\\r"; break;
            default: line += c;
        }
    }
}

int64_t copy_rows(store::Connection& duck, const std::string& duckdb_select, pqxx::transaction_base& tx,
                  const std::string& pg_table, const std::vector<std::string>& columns) {
    int64_t rows = 0;
    // libpqxx 6.4's stream_to takes only std::tuple rows; tablewriter is its one public way to
    // send COPY lines built here (deprecated in favour of stream_to, hence the pragma).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    pqxx::tablewriter writer(tx, pg_table, columns.begin(), columns.end());
#pragma GCC diagnostic pop
    std::string line;
    duck.query(duckdb_select).for_each_chunk([&](const store::Chunk& c) {
        for (size_t r = 0; r < c.size(); ++r) {
            line.clear();
            for (size_t k = 0; k < columns.size(); ++k) {
                if (k) line += '\t';
                if (c.is_null(k, r)) line += "\\N";
                else append_copy_text(line, c.get_string(k, r));
            }
            writer.write_raw_line(line);
            ++rows;
        }
    });
    writer.complete();
    return rows;
}

}  // namespace courtside::export_
