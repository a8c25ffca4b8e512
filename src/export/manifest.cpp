#include "export/manifest.hpp"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace courtside::export_ {

int64_t ManifestTable::rows() const {
    int64_t n = 0;
    for (const auto& p : partitions) n += p.rows;
    return n;
}

std::optional<Manifest> read_manifest(const std::filesystem::path& lake) {
    const auto file = lake / kManifestFile;
    std::ifstream in(file);
    if (!in) return std::nullopt;
    try {
        auto j = nlohmann::json::parse(in);
        Manifest m;
        m.format_version = j.at("format_version").get<int>();
        m.format = j.at("format").get<std::string>();
        m.compression = j.at("compression").get<std::string>();
        m.code_version = j.at("code_version").get<std::string>();
        m.exported_at = j.at("exported_at").get<std::string>();
        m.store = j.at("store").get<std::string>();
        m.range = j.at("range").get<std::string>();
        for (const auto& [name, t] : j.at("tables").items()) {
            ManifestTable mt;
            mt.schema = t.at("schema");
            mt.source_gate = t.value("source_gate", "");
            for (const auto& p : t.at("partitions")) {
                ManifestPartition mp;
                if (!p.at("season").is_null()) mp.key.season = p.at("season").get<int>();
                if (!p.at("month").is_null()) mp.key.month = core::parse_date(p.at("month").get<std::string>() + "-01");
                mp.path = p.at("path").get<std::string>();
                mp.rows = p.at("rows").get<int64_t>();
                mp.bytes = p.at("bytes").get<int64_t>();
                mp.file_hash = p.at("file_hash").get<std::string>();
                mp.state = p.at("state").get<std::string>();
                mp.written_at = p.at("written_at").get<std::string>();
                mt.partitions.push_back(std::move(mp));
            }
            m.tables[name] = std::move(mt);
        }
        return m;
    } catch (const std::exception& e) {
        throw std::runtime_error(fmt::format("{}: not a courtside manifest ({}); remove it to export from scratch", file.string(),
                                             e.what()));
    }
}

void write_manifest(const std::filesystem::path& lake, const Manifest& m) {
    nlohmann::ordered_json j;
    j["format_version"] = m.format_version;
    j["format"] = m.format;
    j["compression"] = m.compression;
    j["code_version"] = m.code_version;
    j["exported_at"] = m.exported_at;
    j["store"] = m.store;
    j["range"] = m.range;
    j["partitioning"] = "Hive-style season=<start year> directories, one file per calendar month for tables with a date "
                        "(part-YYYY-MM), else part-0; the partition column is not repeated in the files";
    auto& tables = j["tables"] = nlohmann::ordered_json::object();
    for (const auto& [name, t] : m.tables) {
        auto& jt = tables[name];
        jt["rows"] = t.rows();
        if (!t.source_gate.empty()) jt["source_gate"] = t.source_gate;
        jt["schema"] = t.schema;
        auto& parts = jt["partitions"] = nlohmann::ordered_json::array();
        for (const auto& p : t.partitions) {
            nlohmann::ordered_json jp;
            jp["season"] = p.key.season ? nlohmann::ordered_json(*p.key.season) : nlohmann::ordered_json();
            jp["month"] = p.key.month ? nlohmann::ordered_json(p.key.month_text()) : nlohmann::ordered_json();
            jp["path"] = p.path;
            jp["rows"] = p.rows;
            jp["bytes"] = p.bytes;
            jp["file_hash"] = p.file_hash;
            jp["state"] = p.state;
            jp["written_at"] = p.written_at;
            parts.push_back(std::move(jp));
        }
    }
    const auto tmp = lake / (std::string(kManifestFile) + ".tmp");
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << j.dump(1) << "\n";
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
    }
    std::filesystem::rename(tmp, lake / kManifestFile);
}

}  // namespace courtside::export_
